package kisgateway.sim;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import kisgateway.sim.market.Instrument;
import kisgateway.sim.market.SymbolUniverse;

/**
 * How to run a simulator. {@link #defaults()} gives the documented demo account on random ports in the real
 * domain; {@link #builder()} changes any part.
 *
 * @param restHost                 interface for both ports (default 127.0.0.1)
 * @param restPort                 REST port, 0 for a random free one
 * @param wsPort                   WebSocket port, 0 for a random free one
 * @param env                      which domain to impersonate
 * @param accounts                 customers; tokens, approval keys, sessions and rate limits are per app key
 * @param restLimitPerSecond       REST calls per second per app key (0 = unlimited); default 18 real, 1 paper
 * @param tokenIssueMinInterval    tokenP calls closer than this get EGW00133 (default 1 minute)
 * @param approvalIssueMinInterval Approval calls closer than this are refused (default 1 second)
 * @param clock                    SIM (opens a trading day at start) or WALL (Asia/Seoul wall time)
 * @param seed                     seed of the price paths
 * @param clockSpeed               simulated seconds per real second (SIM clock only)
 * @param marketOpenTime           where the SIM clock starts on today's Seoul date (default 09:00)
 * @param pingPongInterval         how often the server sends PINGPONG (default 30 s)
 * @param initialCash              KRW deposit of every account at the start (default 100,000,000)
 * @param symbols                  the tradable universe
 * @param noticeLayout             26 (current) or 23 (older) fields in execution notices
 * @param loopBlocking             when connect/subscribe loops get blocked
 * @param pricePathFrozen          start with the random price path stopped (admin prints still move prices)
 * @param priceStepInterval        simulated time between price-path steps (default 1 s)
 * @param fillLot                  largest single fill; bigger matches become several fills (0: no split)
 * @param firstOrderNumber         first ODNO (0: derived from the start time, so restarts do not reuse numbers)
 * @param headerNames              how response header names are spelled: as KIS (default) or all lower case
 */
public record SimulatorSettings(
        String restHost,
        int restPort,
        int wsPort,
        KisEnv env,
        List<SimAccount> accounts,
        int restLimitPerSecond,
        Duration tokenIssueMinInterval,
        Duration approvalIssueMinInterval,
        ClockMode clock,
        long seed,
        double clockSpeed,
        LocalTime marketOpenTime,
        Duration pingPongInterval,
        long initialCash,
        List<Instrument> symbols,
        NoticeLayout noticeLayout,
        LoopBlocking loopBlocking,
        boolean pricePathFrozen,
        Duration priceStepInterval,
        long fillLot,
        long firstOrderNumber,
        HeaderNameCase headerNames) {

    public SimulatorSettings {
        Objects.requireNonNull(restHost, "restHost");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(headerNames, "headerNames");
        accounts = List.copyOf(accounts);
        symbols = List.copyOf(symbols);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol is needed");
        }
        // the market board keys quotes by code: a second listing of a code would silently replace the first
        Set<String> codes = new HashSet<>();
        for (Instrument i : symbols) {
            if (!codes.add(i.code())) {
                throw new IllegalArgumentException("symbol " + i.code() + " is listed twice");
            }
        }
        if (restPort < 0 || wsPort < 0) {
            throw new IllegalArgumentException("ports must be 0 (random) or positive");
        }
        if (clockSpeed <= 0) {
            throw new IllegalArgumentException("clock speed must be positive");
        }
        if (pingPongInterval.isZero() || pingPongInterval.isNegative()) {
            throw new IllegalArgumentException("PINGPONG interval must be positive");
        }
        if (initialCash < 0 || fillLot < 0 || firstOrderNumber < 0) {
            throw new IllegalArgumentException("initial cash, fill lot and first order number must not be negative");
        }
    }

    public static SimulatorSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.restHost = restHost;
        b.restPort = restPort;
        b.wsPort = wsPort;
        b.env = env;
        b.accounts = new ArrayList<>(accounts);
        b.restLimitPerSecond = restLimitPerSecond;
        b.tokenIssueMinInterval = tokenIssueMinInterval;
        b.approvalIssueMinInterval = approvalIssueMinInterval;
        b.clock = clock;
        b.seed = seed;
        b.clockSpeed = clockSpeed;
        b.marketOpenTime = marketOpenTime;
        b.pingPongInterval = pingPongInterval;
        b.initialCash = initialCash;
        b.symbols = new ArrayList<>(symbols);
        b.noticeLayout = noticeLayout;
        b.loopBlocking = loopBlocking;
        b.pricePathFrozen = pricePathFrozen;
        b.priceStepInterval = priceStepInterval;
        b.fillLot = fillLot;
        b.firstOrderNumber = firstOrderNumber;
        b.headerNames = headerNames;
        return b;
    }

    /** Builds settings; anything left alone keeps its documented default. */
    public static final class Builder {
        private String restHost = "127.0.0.1";
        private int restPort;
        private int wsPort;
        private KisEnv env = KisEnv.REAL;
        private List<SimAccount> accounts = new ArrayList<>(List.of(SimAccount.demo()));
        private Integer restLimitPerSecond;
        private Duration tokenIssueMinInterval = Duration.ofMinutes(1);
        private Duration approvalIssueMinInterval = Duration.ofSeconds(1);
        private ClockMode clock = ClockMode.SIM;
        private long seed = 20_250_101L;
        private double clockSpeed = 1.0;
        private LocalTime marketOpenTime = LocalTime.of(9, 0);
        private Duration pingPongInterval = Duration.ofSeconds(30);
        private long initialCash = 100_000_000L;
        private List<Instrument> symbols = new ArrayList<>(SymbolUniverse.defaults());
        private NoticeLayout noticeLayout = NoticeLayout.FIELDS_26;
        private LoopBlocking loopBlocking = LoopBlocking.defaults();
        private boolean pricePathFrozen;
        private Duration priceStepInterval = Duration.ofSeconds(1);
        private long fillLot;
        private long firstOrderNumber;
        private HeaderNameCase headerNames = HeaderNameCase.KIS;

        public Builder restHost(String v) {
            restHost = v;
            return this;
        }

        public Builder restPort(int v) {
            restPort = v;
            return this;
        }

        public Builder wsPort(int v) {
            wsPort = v;
            return this;
        }

        public Builder env(KisEnv v) {
            env = v;
            return this;
        }

        /** Replaces the accounts (the demo account is the default). */
        public Builder accounts(List<SimAccount> v) {
            accounts = new ArrayList<>(v);
            return this;
        }

        public Builder restLimitPerSecond(int v) {
            restLimitPerSecond = v;
            return this;
        }

        public Builder tokenIssueMinInterval(Duration v) {
            tokenIssueMinInterval = v;
            return this;
        }

        public Builder approvalIssueMinInterval(Duration v) {
            approvalIssueMinInterval = v;
            return this;
        }

        public Builder clock(ClockMode v) {
            clock = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder clockSpeed(double v) {
            clockSpeed = v;
            return this;
        }

        public Builder marketOpenTime(LocalTime v) {
            marketOpenTime = v;
            return this;
        }

        public Builder pingPongInterval(Duration v) {
            pingPongInterval = v;
            return this;
        }

        public Builder initialCash(long v) {
            initialCash = v;
            return this;
        }

        public Builder symbols(List<Instrument> v) {
            symbols = new ArrayList<>(v);
            return this;
        }

        public Builder noticeLayout(NoticeLayout v) {
            noticeLayout = v;
            return this;
        }

        public Builder loopBlocking(LoopBlocking v) {
            loopBlocking = v;
            return this;
        }

        public Builder pricePathFrozen(boolean v) {
            pricePathFrozen = v;
            return this;
        }

        public Builder priceStepInterval(Duration v) {
            priceStepInterval = v;
            return this;
        }

        public Builder fillLot(long v) {
            fillLot = v;
            return this;
        }

        public Builder firstOrderNumber(long v) {
            firstOrderNumber = v;
            return this;
        }

        public Builder headerNames(HeaderNameCase v) {
            headerNames = v;
            return this;
        }

        public SimulatorSettings build() {
            int limit = restLimitPerSecond != null ? restLimitPerSecond : env.defaultRestLimitPerSecond();
            return new SimulatorSettings(restHost, restPort, wsPort, env, accounts, limit, tokenIssueMinInterval,
                    approvalIssueMinInterval, clock, seed, clockSpeed, marketOpenTime, pingPongInterval, initialCash,
                    symbols, noticeLayout, loopBlocking, pricePathFrozen, priceStepInterval, fillLot,
                    firstOrderNumber, headerNames);
        }
    }
}
