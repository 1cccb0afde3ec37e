package kisgateway.kis.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import kisgateway.kis.AppCredentials;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.error.KisException;

/** Issues "token-1", "token-2"… valid for a lifetime, or fails as scripted; records when it was called. */
final class FakeIssuer implements CredentialIssuer<AccessToken> {

    private final Clock clock;
    private final NanoTicker ticker;
    private final Duration lifetime;
    private final AtomicInteger issued = new AtomicInteger();
    private final Deque<Supplier<KisException>> failures = new ArrayDeque<>();
    final List<Long> callTimes = new CopyOnWriteArrayList<>();
    volatile CountDownLatch gate;
    volatile String fixedToken;
    volatile java.time.Instant fixedExpiry;

    FakeIssuer(Clock clock, NanoTicker ticker, Duration lifetime) {
        this.clock = clock;
        this.ticker = ticker;
        this.lifetime = lifetime;
    }

    synchronized FakeIssuer failNext(Supplier<KisException> failure) {
        failures.add(failure);
        return this;
    }

    int calls() {
        return callTimes.size();
    }

    @Override
    public IssuedCredential<AccessToken> issue(AppCredentials credentials) {
        callTimes.add(ticker.nanoTime());
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Supplier<KisException> failure;
        synchronized (this) {
            failure = failures.poll();
        }
        if (failure != null) {
            throw failure.get();
        }
        String value = fixedToken != null ? fixedToken : "token-" + issued.incrementAndGet() + "-eyJhbGciOiJSUzI1NiJ9";
        java.time.Instant expiry = fixedExpiry != null ? fixedExpiry : clock.instant().plus(lifetime);
        return new IssuedCredential<>(new AccessToken(value), clock.instant(), expiry);
    }
}
