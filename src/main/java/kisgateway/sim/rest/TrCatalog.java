package kisgateway.sim.rest;

import java.util.Set;

import kisgateway.sim.KisEnv;

/**
 * The TR IDs each endpoint takes on each domain (KIS's API documentation of each endpoint): new and old IDs
 * both; paper IDs start with V. A TR of the other domain is refused as KIS refuses it: a real TR on the paper domain with EGW00213
 * ("모의투자 TR 이 아닙니다", also for real-only endpoints), a paper TR on the real domain with EGW02004.
 */
enum TrCatalog {
    ORDER_CASH(Set.of("TTTC0011U", "TTTC0012U", "TTTC0801U", "TTTC0802U"),
            Set.of("VTTC0011U", "VTTC0012U", "VTTC0801U", "VTTC0802U")),
    ORDER_REVISE_CANCEL(Set.of("TTTC0013U", "TTTC0803U"), Set.of("VTTC0013U", "VTTC0803U")),
    PSBL_RVSECNCL(Set.of("TTTC0084R", "TTTC8036R"), Set.of()),
    DAILY_CCLD(Set.of("TTTC0081R", "CTSC9215R", "TTTC8001R", "CTSC9115R"),
            Set.of("VTTC0081R", "VTSC9215R", "VTTC8001R", "VTSC9115R")),
    BALANCE(Set.of("TTTC8434R"), Set.of("VTTC8434R")),
    PSBL_ORDER(Set.of("TTTC8908R"), Set.of("VTTC8908R")),
    PRICE(Set.of("FHKST01010100"), Set.of("FHKST01010100"));

    private final Set<String> real;
    private final Set<String> paper;

    TrCatalog(Set<String> real, Set<String> paper) {
        this.real = real;
        this.paper = paper;
    }

    /** Null when the TR is right for this endpoint on this domain, else the gateway's refusal. */
    GatewayError check(KisEnv env, String trId) {
        Set<String> own = env.isPaper() ? paper : real;
        if (own.contains(trId)) {
            return null;
        }
        if (env.isPaper() && (real.contains(trId) || paper.isEmpty())) {
            return GatewayError.NOT_A_PAPER_TR;
        }
        if (!env.isPaper() && paper.contains(trId)) {
            return GatewayError.PAPER_KEY_ON_REAL_DOMAIN;
        }
        return GatewayError.NO_SUCH_SERVICE;
    }

    /** Buy or sell, for order-cash: the new TRs end in 12U/11U, the old ones in 02U/01U. */
    static boolean isBuy(String trId) {
        return trId.endsWith("0012U") || trId.endsWith("0802U");
    }
}
