package kisgateway.kis;

import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import kisgateway.kis.error.KisInvalidRequest;
import kisgateway.kis.error.KisUnsupportedInMode;

/**
 * Everything that differs between the simulator, paper trading and the real market, derived from one
 * {@link KisMode}. This is the only class that chooses between paper and live; everything else asks it.
 * Immutable; the {@code with…} methods return adjusted copies (for configuration overrides).
 */
public final class KisEnvironment {

    /** Real REST host ([OTA] kis_devlp.yaml). */
    public static final URI LIVE_REST = URI.create("https://openapi.koreainvestment.com:9443");
    /** Paper (VTS) REST host. */
    public static final URI PAPER_REST = URI.create("https://openapivts.koreainvestment.com:29443");
    /** Plain ws (no TLS); one socket on /tryitout carries every TR ([OTA] kis_auth.py KISWebSocket). */
    public static final URI LIVE_WS = URI.create("ws://ops.koreainvestment.com:21000/tryitout");
    public static final URI PAPER_WS = URI.create("ws://ops.koreainvestment.com:31000/tryitout");

    /** KIS notice 2026-04-20: REST real 18/s (was 20), paper 1/s (was 2), per app key. */
    public static final int LIVE_REST_PERMITS_PER_SECOND = 18;
    public static final int PAPER_REST_PERMITS_PER_SECOND = 1;
    /** Same notice: 41 realtime registrations per session, summed over all TRs. */
    public static final int WEBSOCKET_REGISTRATION_LIMIT = 41;

    private final KisMode mode;
    private final URI restBaseUri;
    private final URI webSocketUri;
    private final TrGeneration trGeneration;
    private final int restPermitsPerSecond;
    private final TrIdTable trIds = TrIdTable.standard();

    private KisEnvironment(KisMode mode, URI restBaseUri, URI webSocketUri, TrGeneration trGeneration,
                           int restPermitsPerSecond) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.restBaseUri = Objects.requireNonNull(restBaseUri, "restBaseUri");
        this.webSocketUri = Objects.requireNonNull(webSocketUri, "webSocketUri");
        this.trGeneration = Objects.requireNonNull(trGeneration, "trGeneration");
        if (restPermitsPerSecond < 1) {
            throw new IllegalArgumentException("REST permits per second must be at least 1");
        }
        this.restPermitsPerSecond = restPermitsPerSecond;
    }

    public static KisEnvironment live() {
        return new KisEnvironment(KisMode.LIVE, LIVE_REST, LIVE_WS, TrGeneration.CURRENT, LIVE_REST_PERMITS_PER_SECOND);
    }

    public static KisEnvironment paper() {
        return new KisEnvironment(KisMode.PAPER, PAPER_REST, PAPER_WS, TrGeneration.CURRENT,
                PAPER_REST_PERMITS_PER_SECOND);
    }

    /** The local simulator: live protocol and limits, hosts from configuration. */
    public static KisEnvironment sim(URI restBaseUri, URI webSocketUri) {
        return new KisEnvironment(KisMode.SIM, restBaseUri, webSocketUri, TrGeneration.CURRENT,
                LIVE_REST_PERMITS_PER_SECOND);
    }

    /**
     * From configuration: {@code kis.mode} plus optional host overrides (null keeps the mode's default; SIM
     * requires both).
     */
    public static KisEnvironment forMode(KisMode mode, URI restBaseUri, URI webSocketUri) {
        switch (mode) {
            case SIM:
                if (restBaseUri == null || webSocketUri == null) {
                    throw new IllegalArgumentException("sim mode needs the simulator's REST and WebSocket URLs");
                }
                return sim(restBaseUri, webSocketUri);
            case PAPER:
                return paper().withHosts(restBaseUri, webSocketUri);
            case LIVE:
                return live().withHosts(restBaseUri, webSocketUri);
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    /** Overrides the hosts (e.g. a proxy); a null argument keeps the current one. */
    public KisEnvironment withHosts(URI rest, URI ws) {
        return new KisEnvironment(mode, rest == null ? restBaseUri : rest, ws == null ? webSocketUri : ws,
                trGeneration, restPermitsPerSecond);
    }

    /** Overrides the REST limit (KIS changes it by notice; a lower value leaves headroom). */
    public KisEnvironment withRestPermitsPerSecond(int permitsPerSecond) {
        return new KisEnvironment(mode, restBaseUri, webSocketUri, trGeneration, permitsPerSecond);
    }

    /** Falls back to the old TR IDs (TTTC0802U…) should KIS withdraw a new one. */
    public KisEnvironment withTrGeneration(TrGeneration generation) {
        return new KisEnvironment(mode, restBaseUri, webSocketUri, generation, restPermitsPerSecond);
    }

    public KisMode mode() {
        return mode;
    }

    public URI restBaseUri() {
        return restBaseUri;
    }

    public URI webSocketUri() {
        return webSocketUri;
    }

    /** SIM speaks the real protocol, so it uses the real TR family. */
    public TrFamily trFamily() {
        return mode == KisMode.PAPER ? TrFamily.PAPER : TrFamily.REAL;
    }

    public TrGeneration trGeneration() {
        return trGeneration;
    }

    public boolean isPaper() {
        return mode == KisMode.PAPER;
    }

    /** REST calls per second per app key, shared by every caller of that key. */
    public int restPermitsPerSecond() {
        return restPermitsPerSecond;
    }

    /** /oauth2/tokenP: 1/s (KIS notice 2026-04-20, since 23.10.27); EGW00133 adds a per-minute rule on top. */
    public int tokenIssuancePermitsPerSecond() {
        return 1;
    }

    /** /oauth2/Approval: 1/s (KIS notice 2026-04-20). */
    public int approvalIssuancePermitsPerSecond() {
        return 1;
    }

    /** {@code custtype}: this gateway trades individual accounts only ("P"); corporate ("B") needs more headers. */
    public String customerType() {
        return "P";
    }

    public int webSocketRegistrationLimit() {
        return WEBSOCKET_REGISTRATION_LIMIT;
    }

    /** Execution notice TR: H0STCNI0 real, H0STCNI9 paper (docs/architecture.md#execution-notices). */
    public String executionNoticeTrId() {
        return isPaper() ? "H0STCNI9" : "H0STCNI0";
    }

    public boolean supports(KisFunction function) {
        return trIds.supports(function, trFamily());
    }

    /** The TR ID for this mode and generation; refuses locally what VTS does not offer. */
    public String trId(KisFunction function) {
        return trIds.trId(function, trFamily(), trGeneration)
                .orElseThrow(() -> new KisUnsupportedInMode(function.name(), mode.name()));
    }

    /**
     * Rows per page KIS returns ([OTA] inquire_daily_ccld.py: 100 real / 15 paper; inquire_balance.py: 50 / 20;
     * [SPEC]: 50 for inquire-psbl-rvsecncl; docs/architecture.md#tr-ids). Informational: pagination follows
     * {@code tr_cont}, not row counts.
     */
    public int pageSize(KisFunction function) {
        switch (function) {
            case DAILY_EXECUTIONS_RECENT:
            case DAILY_EXECUTIONS_OLDER:
                return isPaper() ? 15 : 100;
            case BALANCE:
                return isPaper() ? 20 : 50;
            case REVISABLE_ORDERS:
                return 50;
            default:
                return 1;
        }
    }

    /** Exchanges an order may name in {@code EXCG_ID_DVSN_CD}: paper accepts KRX only. */
    public Set<OrderExchange> allowedOrderExchanges() {
        return isPaper() ? EnumSet.of(OrderExchange.KRX) : EnumSet.allOf(OrderExchange.class);
    }

    public void requireOrderExchangeAllowed(OrderExchange exchange) {
        if (exchange != null && !allowedOrderExchanges().contains(exchange)) {
            throw new KisInvalidRequest("exchange " + exchange + " is not available in " + mode + " mode (KRX only)");
        }
    }

    /**
     * {@code EXCG_ID_DVSN_CD} for execution inquiries: ALL on the real market (NXT and SOR fills must not be missed),
     * KRX on paper, the only value VTS takes.
     */
    public String executionInquiryExchangeCode() {
        return isPaper() ? "KRX" : "ALL";
    }

    @Override
    public String toString() {
        return "KisEnvironment[mode=" + mode + ", rest=" + restBaseUri + ", ws=" + webSocketUri + ", tr="
                + trFamily() + "/" + trGeneration + ", rest/s=" + restPermitsPerSecond + "]";
    }
}
