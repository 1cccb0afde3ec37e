package kisgateway.kis.auth;

import java.util.Optional;

/**
 * Where issued tokens survive a restart, so that a restarted gateway reuses a valid token instead of issuing a
 * new one (KIS sends the account holder a KakaoTalk message on every issuance,
 * docs/architecture.md#tokens-and-approval-keys).
 */
public interface TokenStore {

    Optional<StoredToken> load(String appKeyId, TokenKind kind);

    /** Inserts or replaces the row of that app key and kind. */
    void save(StoredToken token);

    void delete(String appKeyId, TokenKind kind);

    /**
     * Held while one gateway instance issues the app key's credential of that kind: every other instance sharing
     * the store waits for it and then finds the new credential here, instead of issuing one of its own (KIS allows
     * one token issuance a minute per app key, and tells the account holder of each).
     *
     * @param wait how long to wait for an instance that is issuing
     * @throws IllegalStateException when the lock could not be had in time (or the store is unreachable)
     */
    IssuanceLock lockIssuance(String appKeyId, TokenKind kind, java.time.Duration wait);

    /** A held issuance lock; closing releases it. */
    interface IssuanceLock extends AutoCloseable {
        @Override
        void close();
    }
}
