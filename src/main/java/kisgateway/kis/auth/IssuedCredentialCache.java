package kisgateway.kis.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.AppKey;
import kisgateway.kis.MaskedSecret;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.error.KisBudgetExpired;
import kisgateway.kis.error.KisCredentialsRejected;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.KisIssuanceThrottled;
import kisgateway.kis.error.KisPermissionDenied;
import kisgateway.kis.error.KisUnavailableBeforeSend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one kind of issued credential (access token or approval key) per app key: reuse what is
 * valid (in memory, else from the store after a restart), issue when missing or due, one issuance at a time per
 * app key (single flight: concurrent callers wait for the same one), never two attempts closer than the
 * issuance spacing, a long pause after EGW00133, and persistence of every issued value.
 */
final class IssuedCredentialCache<T extends MaskedSecret> {

    private static final Logger LOG = LoggerFactory.getLogger(IssuedCredentialCache.class);

    private final class KeyState {
        final String label;
        final Counter refreshes;
        final Counter reused;
        IssuedCredential<T> current;
        CompletableFuture<IssuedCredential<T>> inFlight;
        boolean storeChecked;
        boolean attempted;
        long nextAttemptAt;
        boolean issuedHere;
        long lastIssuedAt;

        KeyState(AppKey appKey) {
            this.label = appKey.label();
            refreshes = Counter.builder("kis.token.refreshes").description("credentials issued by KIS")
                    .tags("kind", kind.name(), "app_key", label).register(meters);
            reused = Counter.builder("kis.token.reused").description("credentials reused from the store after a restart")
                    .tags("kind", kind.name(), "app_key", label).register(meters);
            Gauge.builder("kis.token.age", this, KeyState::ageSeconds).baseUnit("seconds")
                    .description("age of the credential in use").tags("kind", kind.name(), "app_key", label)
                    .register(meters);
        }

        synchronized double ageSeconds() {
            return current == null ? Double.NaN
                    : Duration.between(current.issuedAt(), clock.instant()).toMillis() / 1000.0;
        }
    }

    private final TokenKind kind;
    private final CredentialIssuer<T> issuer;
    private final Function<String, T> wrap;
    private final TokenStore store;
    private final TokenCipher cipher;
    private final TokenSettings settings;
    private final Clock clock;
    private final NanoTicker ticker;
    private final Sleeper sleeper;
    private final Executor executor;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, KeyState> states = new ConcurrentHashMap<>();

    IssuedCredentialCache(TokenKind kind, CredentialIssuer<T> issuer, Function<String, T> wrap, TokenStore store,
                          TokenCipher cipher, TokenSettings settings, Clock clock, NanoTicker ticker, Sleeper sleeper,
                          Executor executor, MeterRegistry meters) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.wrap = Objects.requireNonNull(wrap, "wrap");
        this.store = Objects.requireNonNull(store, "store");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    TokenSettings settings() {
        return settings;
    }

    NanoTicker ticker() {
        return ticker;
    }

    /** A valid credential, issuing one if needed; waits at most until {@code deadlineNanos} (ticker time). */
    T get(AppCredentials credentials, long deadlineNanos, String what) {
        KeyState state = state(credentials.appKey());
        CompletableFuture<IssuedCredential<T>> issuance;
        synchronized (state) {
            loadFromStoreOnce(state, credentials);
            Instant now = clock.instant();
            if (state.current != null && state.current.isValidAt(now)) {
                if (isDue(state, now)) {
                    startIssuance(state, credentials); // callers keep the valid one meanwhile
                }
                return state.current.value();
            }
            issuance = startIssuance(state, credentials);
        }
        return await(issuance, deadlineNanos, what).value();
    }

    /** Drops the credential KIS refused, if it is still the current one, so that the next get issues anew. */
    void invalidate(AppCredentials credentials, T refused) {
        KeyState state = state(credentials.appKey());
        synchronized (state) {
            if (state.current != null && state.current.value().equals(refused)) {
                state.current = null;
                LOG.info("event=credential_invalidated kind={} app_key={}", kind, state.label);
                try {
                    store.delete(credentials.appKey().id(), kind);
                } catch (RuntimeException e) {
                    LOG.warn("event=credential_store_failed op=delete kind={} app_key={} error={}", kind, state.label,
                            e.getClass().getSimpleName());
                }
            }
        }
    }

    /** Issues when missing or due (the scheduled refresh); true when an issuance ran. */
    boolean refreshIfDue(AppCredentials credentials) {
        KeyState state = state(credentials.appKey());
        CompletableFuture<IssuedCredential<T>> issuance;
        synchronized (state) {
            loadFromStoreOnce(state, credentials);
            Instant now = clock.instant();
            if (state.current != null && state.current.isValidAt(now) && !isDue(state, now)) {
                return false;
            }
            issuance = startIssuance(state, credentials);
        }
        await(issuance, ticker.nanoTime() + settings.defaultWait().toNanos(), "scheduled " + kind + " refresh");
        return true;
    }

    boolean hasValid(AppKey appKey) {
        KeyState state = states.get(appKey.id());
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return state.current != null && state.current.isValidAt(clock.instant());
        }
    }

    private KeyState state(AppKey appKey) {
        return states.computeIfAbsent(appKey.id(), id -> new KeyState(appKey));
    }

    private boolean isDue(KeyState state, Instant now) {
        boolean inMargin = !now.isBefore(state.current.expiresAt().minus(settings.refreshMargin()));
        boolean recentlyIssued = state.issuedHere
                && ticker.nanoTime() - state.lastIssuedAt < settings.minRefreshInterval().toNanos();
        return inMargin && !recentlyIssued;
    }

    private void loadFromStoreOnce(KeyState state, AppCredentials credentials) {
        if (state.storeChecked) {
            return;
        }
        state.storeChecked = true;
        try {
            store.load(credentials.appKey().id(), kind).ifPresent(row -> {
                if (row.expiresAt().isAfter(clock.instant())) {
                    T value = wrap.apply(cipher.decrypt(credentials, kind, row.ciphertext()));
                    state.current = new IssuedCredential<>(value, row.issuedAt(), row.expiresAt());
                    state.reused.increment();
                    LOG.info("event=credential_reused kind={} app_key={} expires_at={}", kind, state.label,
                            row.expiresAt());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("event=credential_store_failed op=load kind={} app_key={} error={}", kind, state.label,
                    e.getClass().getSimpleName());
        }
    }

    private CompletableFuture<IssuedCredential<T>> startIssuance(KeyState state, AppCredentials credentials) {
        if (state.inFlight != null) {
            return state.inFlight;
        }
        CompletableFuture<IssuedCredential<T>> issuance = new CompletableFuture<>();
        state.inFlight = issuance;
        try {
            executor.execute(() -> {
                try {
                    IssuedCredential<T> issued = issueOnceInTheCluster(state, credentials);
                    synchronized (state) {
                        state.current = issued;
                        state.issuedHere = true;
                        state.lastIssuedAt = ticker.nanoTime();
                        state.inFlight = null;
                    }
                    issuance.complete(issued);
                } catch (Throwable e) {
                    synchronized (state) {
                        state.inFlight = null;
                    }
                    issuance.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            state.inFlight = null;
            issuance.completeExceptionally(new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.CLIENT_CLOSED,
                    kind + " issuance", e));
        }
        return issuance;
    }

    /**
     * Issues under the store's issuance lock, so that instances sharing the store issue one at a time; an instance
     * that finds, once it holds the lock, a credential another one issued meanwhile adopts it instead. Without the
     * lock (the store unreachable, its pool exhausted, another issuance still running) it issues nothing and the
     * caller tries again later: issuing on its own would cost KIS a second issuance within the minute (EGW00133
     * for the key, and an alert to the customer), seen with ten accounts' instances starting together; and an
     * instance whose database does not answer cannot trade anyway.
     */
    private IssuedCredential<T> issueOnceInTheCluster(KeyState state, AppCredentials credentials) {
        TokenStore.IssuanceLock lock;
        try {
            lock = store.lockIssuance(credentials.appKey().id(), kind, settings.defaultWait());
        } catch (RuntimeException e) {
            LOG.warn("event=credential_issuance_not_locked kind={} app_key={} outcome=not_issued error=\"{}\"", kind,
                    state.label, e.getMessage());
            throw new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.NO_ISSUANCE_LOCK, kind + " issuance", e);
        }
        try (lock) {
            IssuedCredential<T> adopted = issuedElsewhere(state, credentials);
            if (adopted != null) {
                return adopted;
            }
            return issueWithRetries(state, credentials);
        }
    }

    /**
     * A credential in the store newer than this instance's and not yet due for renewal (or issued within the
     * minimum refresh interval): another instance issued it while this one waited for the lock.
     */
    private IssuedCredential<T> issuedElsewhere(KeyState state, AppCredentials credentials) {
        try {
            var row = store.load(credentials.appKey().id(), kind);
            if (row.isEmpty()) {
                return null;
            }
            Instant now = clock.instant();
            IssuedCredential<T> current;
            synchronized (state) {
                current = state.current;
            }
            boolean newer = current == null || row.get().issuedAt().isAfter(current.issuedAt());
            boolean fresh = now.isBefore(row.get().expiresAt().minus(settings.refreshMargin()))
                    || now.isBefore(row.get().issuedAt().plus(settings.minRefreshInterval()));
            if (!newer || !fresh || !row.get().expiresAt().isAfter(now)) {
                return null;
            }
            T value = wrap.apply(cipher.decrypt(credentials, kind, row.get().ciphertext()));
            state.reused.increment();
            LOG.info("event=credential_adopted kind={} app_key={} issued_at={} expires_at={}", kind, state.label,
                    row.get().issuedAt(), row.get().expiresAt());
            return new IssuedCredential<>(value, row.get().issuedAt(), row.get().expiresAt());
        } catch (RuntimeException e) {
            LOG.warn("event=credential_store_failed op=load kind={} app_key={} error={}", kind, state.label,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private IssuedCredential<T> issueWithRetries(KeyState state, AppCredentials credentials) {
        KisException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            long pause;
            synchronized (state) {
                pause = state.attempted ? state.nextAttemptAt - ticker.nanoTime() : 0;
            }
            if (pause > 0) {
                try {
                    sleeper.sleepNanos(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.INTERRUPTED_BEFORE_SEND,
                            kind + " issuance", e);
                }
            }
            synchronized (state) {
                state.attempted = true;
                state.nextAttemptAt = ticker.nanoTime() + settings.issuanceSpacing().toNanos();
            }
            try {
                IssuedCredential<T> issued = issuer.issue(credentials);
                persist(state, credentials, issued);
                state.refreshes.increment();
                LOG.info("event=credential_issued kind={} app_key={} attempt={} expires_at={}", kind, state.label,
                        attempt, issued.expiresAt());
                return issued;
            } catch (KisCredentialsRejected | KisPermissionDenied e) {
                recordFailure(state, e, attempt);
                throw e;
            } catch (KisIssuanceThrottled e) {
                recordFailure(state, e, attempt);
                last = e;
                postpone(state, settings.throttleWait());
            } catch (KisException e) {
                recordFailure(state, e, attempt);
                last = e;
                postpone(state, settings.retryPause());
            }
        }
        throw last;
    }

    private void postpone(KeyState state, Duration pause) {
        synchronized (state) {
            long candidate = ticker.nanoTime() + pause.toNanos();
            if (candidate - state.nextAttemptAt > 0) {
                state.nextAttemptAt = candidate;
            }
        }
    }

    private void recordFailure(KeyState state, KisException e, int attempt) {
        Counter.builder("kis.token.issuance.failures").description("failed issuance attempts")
                .tags("kind", kind.name(), "app_key", state.label, "reason", e.getClass().getSimpleName())
                .register(meters).increment();
        LOG.warn("event=credential_issuance_failed kind={} app_key={} attempt={} reason={} message=\"{}\"", kind,
                state.label, attempt, e.getClass().getSimpleName(), e.getMessage());
    }

    private void persist(KeyState state, AppCredentials credentials, IssuedCredential<T> issued) {
        try {
            store.save(new StoredToken(credentials.appKey().id(), kind,
                    cipher.encrypt(credentials, kind, issued.value().reveal()), issued.issuedAt(), issued.expiresAt()));
        } catch (RuntimeException e) {
            // The credential still works from memory; only a restart would issue again.
            LOG.warn("event=credential_store_failed op=save kind={} app_key={} error={}", kind, state.label,
                    e.getClass().getSimpleName());
        }
    }

    private IssuedCredential<T> await(CompletableFuture<IssuedCredential<T>> issuance, long deadlineNanos, String what) {
        long start = ticker.nanoTime();
        try {
            long remaining = deadlineNanos - start;
            if (issuance.isDone()) {
                return issuance.get();
            }
            if (remaining <= 0) {
                throw new TimeoutException();
            }
            return issuance.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new KisBudgetExpired(what, "-", Duration.ofNanos(Math.max(0, ticker.nanoTime() - start)),
                    kind == TokenKind.ACCESS ? "an access token" : "an approval key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.INTERRUPTED_BEFORE_SEND, what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KisException kisException) {
                throw kisException;
            }
            throw new IllegalStateException(kind + " issuance failed", e.getCause());
        }
    }
}
