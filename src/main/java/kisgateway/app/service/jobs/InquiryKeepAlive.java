package kisgateway.app.service.jobs;

import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.KisInquiryApi;
import kisgateway.ops.appkeys.AppKeyLiveness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an idle app key alive with one harmless inquiry (a quote of {@code kis.appkey.keep-alive-symbol}) through
 * the key's REST budget at query priority, so it never takes an order's slot. Its answer records the key's use.
 */
public final class InquiryKeepAlive implements AppKeyLiveness.KeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(InquiryKeepAlive.class);

    private final KisInquiryApi inquiry;
    private final KisAccounts accounts;
    private final String symbol;

    public InquiryKeepAlive(KisInquiryApi inquiry, KisAccounts accounts, String symbol) {
        this.inquiry = inquiry;
        this.accounts = accounts;
        this.symbol = symbol;
    }

    @Override
    public boolean touch(AppKeyLiveness.Key key) {
        try {
            inquiry.price(accounts.require(key.accounts().get(0)), symbol, CallTerms.query());
            LOG.info("event=appkey_keep_alive app_key={} symbol={} outcome=answered", key.label(), symbol);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("event=appkey_keep_alive app_key={} symbol={} outcome=failed error=\"{}\"", key.label(), symbol,
                    e.getMessage());
            return false;
        }
    }
}
