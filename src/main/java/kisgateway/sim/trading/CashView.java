package kisgateway.sim.trading;

/**
 * An account's money, KRW. No commissions or taxes are charged.
 *
 * @param deposit       예수금 at the open plus outside transfers (dnca_tot_amt)
 * @param todayBuyAmount  bought today (thdt_buy_amt)
 * @param todaySellAmount sold today (thdt_sll_amt)
 * @param reserved      held for open buy orders
 */
public record CashView(long deposit, long todayBuyAmount, long todaySellAmount, long reserved) {

    /** Cash after today's trades settle (D+2, prvs_rcdl_excc_amt). */
    public long settled() {
        return deposit - todayBuyAmount + todaySellAmount;
    }

    /** What a new buy may still use. */
    public long orderable() {
        return settled() - reserved;
    }
}
