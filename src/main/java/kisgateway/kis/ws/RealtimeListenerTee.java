package kisgateway.kis.ws;

import java.time.Duration;
import java.util.List;

/**
 * Reports one session to two listeners, the first before the second, on the session's delivery thread. The
 * second hears every callback even when the first throws (the first's failure is then passed on to the session,
 * which logs it).
 */
public final class RealtimeListenerTee implements RealtimeListener {

    private final RealtimeListener first;
    private final RealtimeListener second;

    public RealtimeListenerTee(RealtimeListener first, RealtimeListener second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void onNotices(List<ExecutionNotice> notices, String rawFrame) {
        both(() -> first.onNotices(notices, rawFrame), () -> second.onNotices(notices, rawFrame));
    }

    @Override
    public void onTrades(List<TradePrint> prints) {
        both(() -> first.onTrades(prints), () -> second.onTrades(prints));
    }

    @Override
    public void onSubscribed(String trId, String trKey) {
        both(() -> first.onSubscribed(trId, trKey), () -> second.onSubscribed(trId, trKey));
    }

    @Override
    public void onNoticesDropped(long frames) {
        both(() -> first.onNoticesDropped(frames), () -> second.onNoticesDropped(frames));
    }

    @Override
    public void onMalformed(MalformedNotice malformed) {
        both(() -> first.onMalformed(malformed), () -> second.onMalformed(malformed));
    }

    @Override
    public void onConnected() {
        both(() -> first.onConnected(), () -> second.onConnected());
    }

    @Override
    public void onDisconnected(String reason) {
        both(() -> first.onDisconnected(reason), () -> second.onDisconnected(reason));
    }

    @Override
    public void onStale(Duration silentFor) {
        both(() -> first.onStale(silentFor), () -> second.onStale(silentFor));
    }

    @Override
    public void onAlarm(String reason) {
        both(() -> first.onAlarm(reason), () -> second.onAlarm(reason));
    }

    private static void both(Runnable first, Runnable second) {
        try {
            first.run();
        } finally {
            second.run();
        }
    }
}
