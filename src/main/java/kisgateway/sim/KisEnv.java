package kisgateway.sim;

/**
 * Which KIS domain the simulator impersonates. The real domain (openapi…:9443, ws :21000) and the paper
 * domain (openapivts…:29443, ws :31000) differ in TR prefixes, limits, page sizes, branch codes and messages
 * (KIS's API documentation of each domain); everything that depends on the domain asks this enum.
 */
public enum KisEnv {
    REAL(18, "06010", "H0STCNI0", 100, 50),
    PAPER(1, "00950", "H0STCNI9", 15, 20);

    private final int defaultRestLimitPerSecond;
    private final String branchCode;
    private final String executionNoticeTrId;
    private final int dailyCcldPageSize;
    private final int balancePageSize;

    KisEnv(int defaultRestLimitPerSecond, String branchCode, String executionNoticeTrId,
           int dailyCcldPageSize, int balancePageSize) {
        this.defaultRestLimitPerSecond = defaultRestLimitPerSecond;
        this.branchCode = branchCode;
        this.executionNoticeTrId = executionNoticeTrId;
        this.dailyCcldPageSize = dailyCcldPageSize;
        this.balancePageSize = balancePageSize;
    }

    /** REST calls per second per app key: 18 real, 1 paper (KIS notice of 2026-04-20). */
    public int defaultRestLimitPerSecond() {
        return defaultRestLimitPerSecond;
    }

    /** KRX_FWDG_ORD_ORGNO / BRNC_NO: "06010" is seen on real answers, "00950" on paper ones. */
    public String branchCode() {
        return branchCode;
    }

    public String executionNoticeTrId() {
        return executionNoticeTrId;
    }

    public int dailyCcldPageSize() {
        return dailyCcldPageSize;
    }

    public int balancePageSize() {
        return balancePageSize;
    }

    public boolean isPaper() {
        return this == PAPER;
    }
}
