package kisgateway.kis.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenStore} that forgets on restart: for tests and a simulator run without a database. */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, StoredToken> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredToken> load(String appKeyId, TokenKind kind) {
        return Optional.ofNullable(rows.get(appKeyId + "/" + kind));
    }

    @Override
    public void save(StoredToken token) {
        rows.put(token.appKeyId() + "/" + token.kind(), token);
    }

    @Override
    public void delete(String appKeyId, TokenKind kind) {
        rows.remove(appKeyId + "/" + kind);
    }

    /** Within one JVM: several caches sharing this store (instances in a test) issue one at a time. */
    @Override
    public IssuanceLock lockIssuance(String appKeyId, TokenKind kind, java.time.Duration wait) {
        java.util.concurrent.locks.ReentrantLock lock = locks.computeIfAbsent(appKeyId + "/" + kind,
                k -> new java.util.concurrent.locks.ReentrantLock());
        try {
            if (!lock.tryLock(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("another issuance of " + kind + " still running after " + wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for another issuance of " + kind, e);
        }
        return lock::unlock;
    }

    private final Map<String, java.util.concurrent.locks.ReentrantLock> locks = new ConcurrentHashMap<>();
}
