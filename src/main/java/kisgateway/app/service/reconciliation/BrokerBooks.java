package kisgateway.app.service.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.KisFunction;
import kisgateway.kis.rest.BalancePage;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashSummary;
import kisgateway.kis.rest.DailyExecutionQuery;
import kisgateway.kis.rest.KisInquiryApi;
import kisgateway.kis.rest.KisPages;
import kisgateway.reconcile.snapshot.BrokerCash;
import kisgateway.reconcile.snapshot.BrokerOpenOrder;
import kisgateway.reconcile.snapshot.BrokerOrderRow;
import kisgateway.reconcile.snapshot.BrokerPosition;
import kisgateway.reconcile.snapshot.BrokerSnapshot;

/**
 * The broker's side, read through the adapter at query priority of the app key's budget (orders always go
 * first): every page of today's orders and executions, the open orders (inquire-psbl-rvsecncl in live; derived
 * from the executions where KIS has no such inquiry, paper), every page of positions and the cash object. A
 * failing page fails the whole snapshot: a partial picture is never compared.
 */
final class BrokerBooks {

    private final KisInquiryApi inquiry;
    private final KisEnvironment environment;
    private final Clock clock;

    BrokerBooks(KisInquiryApi inquiry, KisEnvironment environment, Clock clock) {
        this.inquiry = inquiry;
        this.environment = environment;
        this.clock = clock;
    }

    BrokerSnapshot read(KisAccount account, LocalDate tradingDate) {
        var asOf = clock.instant();
        List<BrokerOrderRow> rows = new ArrayList<>();
        inquiry.dailyExecutions(account, DailyExecutionQuery.between(tradingDate, tradingDate), CallTerms.query())
                .forEachRemaining(page -> page.orders().forEach(e -> rows.add(BrokerOrderRow.of(e))));
        List<BrokerPosition> positions = new ArrayList<>();
        CashSummary cash = null;
        KisPages<BalancePage> balance = inquiry.balance(account, CallTerms.query());
        while (balance.hasNext()) {
            BalancePage page = balance.next();
            page.positions().forEach(p -> positions.add(BrokerPosition.of(p)));
            if (cash == null) {
                cash = page.cash();
            }
        }
        BrokerCash brokerCash = cash == null ? null : BrokerCash.of(cash, null);
        if (!environment.supports(KisFunction.REVISABLE_ORDERS)) {
            return BrokerSnapshot.withDerivedOpenOrders(account.alias(), asOf, rows, positions, brokerCash);
        }
        List<BrokerOpenOrder> open = new ArrayList<>();
        inquiry.revisableOrders(account, CallTerms.query())
                .forEachRemaining(page -> page.orders().forEach(o -> open.add(BrokerOpenOrder.of(o))));
        return new BrokerSnapshot(account.alias(), asOf, rows, open, positions, brokerCash);
    }
}
