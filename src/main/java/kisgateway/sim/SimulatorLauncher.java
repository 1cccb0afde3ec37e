package kisgateway.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import kisgateway.sim.market.Instrument;
import kisgateway.sim.market.SymbolUniverse;

/**
 * {@code simulator --rest-port P --ws-port Q [--env real|paper] [--account APPKEY:APPSECRET:HTSID:CANO]...
 * [--clock sim|wall] [--seed N] [--rest-limit N] [--host H] [--notice-fields 26|23] [--speed X] [--frozen]
 * [--header-names kis|lower] [--symbol CODE:NAME:PREVCLOSE]...}:
 * runs the simulator until SIGTERM (or Ctrl-C), then closes it.
 */
public final class SimulatorLauncher {
    private SimulatorLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.println(usage());
            return;
        }
        KisSimulator sim = KisSimulator.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "kis-simulator-shutdown"));
        System.out.println("KIS simulator (" + settings.env().name().toLowerCase(Locale.ROOT) + ", clock "
                + settings.clock().name().toLowerCase(Locale.ROOT) + ")");
        System.out.println("  REST      " + sim.restBaseUrl());
        System.out.println("  WebSocket " + sim.wsBaseUrl() + "  (also /tryitout)");
        System.out.println("  admin     " + sim.restBaseUrl() + "/sim/admin");
        for (SimAccount a : sim.accounts()) {
            System.out.println("  account   " + a);
        }
        System.out.flush();
        stopped.await();
    }

    /** The settings the arguments ask for; null for --help. */
    static SimulatorSettings parse(String[] args) {
        SimulatorSettings.Builder b = SimulatorSettings.builder();
        List<SimAccount> accounts = new ArrayList<>();
        List<Instrument> symbols = new ArrayList<>(SymbolUniverse.defaults());
        Integer restLimit = null;
        KisEnv env = KisEnv.REAL;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--frozen" -> b.pricePathFrozen(true);
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--rest-port" -> b.restPort(port(value));
                        case "--ws-port" -> b.wsPort(port(value));
                        case "--host" -> b.restHost(value);
                        case "--env" -> env = KisEnv.valueOf(upper(value, "real", "paper"));
                        case "--account" -> accounts.add(SimAccount.parse(value));
                        case "--clock" -> b.clock(ClockMode.valueOf(upper(value, "sim", "wall")));
                        case "--seed" -> b.seed(Long.parseLong(value));
                        case "--rest-limit" -> restLimit = Integer.parseInt(value);
                        case "--notice-fields" -> b.noticeLayout(NoticeLayout.ofFieldCount(Integer.parseInt(value)));
                        case "--speed" -> b.clockSpeed(Double.parseDouble(value));
                        case "--header-names" -> b.headerNames(HeaderNameCase.of(value));
                        case "--symbol" -> symbols.add(symbol(value));
                        default -> throw new IllegalArgumentException("unknown option " + arg);
                    }
                }
            }
        }
        b.env(env);
        b.symbols(symbols);
        if (!accounts.isEmpty()) {
            b.accounts(accounts);
        }
        if (restLimit != null) {
            b.restLimitPerSecond(restLimit);
        }
        return b.build();
    }

    /** CODE:NAME:PREVCLOSE; the name may hold colons, the code and the close cannot. */
    private static Instrument symbol(String value) {
        int first = value.indexOf(':');
        int last = value.lastIndexOf(':');
        if (first <= 0 || last == first || last == value.length() - 1) {
            throw new IllegalArgumentException("--symbol takes CODE:NAME:PREVCLOSE, not " + value);
        }
        long close;
        try {
            close = Long.parseLong(value.substring(last + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--symbol takes CODE:NAME:PREVCLOSE with the close in whole KRW, not "
                    + value);
        }
        return new Instrument(value.substring(0, first), value.substring(first + 1, last), close);
    }

    private static int port(String value) {
        int p = Integer.parseInt(value);
        if (p < 0 || p > 65_535) {
            throw new IllegalArgumentException("port out of range: " + value);
        }
        return p;
    }

    private static String upper(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a.toUpperCase(Locale.ROOT);
            }
        }
        throw new IllegalArgumentException("expected one of " + String.join("|", allowed) + ", not " + value);
    }

    static String usage() {
        return "usage: simulator --rest-port P --ws-port Q [--env real|paper]"
                + " [--account APPKEY:APPSECRET:HTSID:CANO]... [--clock sim|wall] [--seed N] [--rest-limit N]"
                + " [--host H] [--notice-fields 26|23] [--speed X] [--frozen] [--header-names kis|lower]"
                + " [--symbol CODE:NAME:PREVCLOSE]...\n"
                + "  ports may be 0 (random); --rest-limit 0 means unlimited; without --account the demo account"
                + " of docs/simulator.md is used; --symbol adds a listing to the default universe";
    }
}
