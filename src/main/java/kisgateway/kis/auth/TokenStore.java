package kisgateway.kis.auth;

import java.util.Optional;

/**
 * Where issued tokens survive a restart, so that a restarted gateway reuses a valid token instead of issuing a
 * new one (KIS sends the account holder a KakaoTalk message on every issuance, reference §1).
 */
public interface TokenStore {

    Optional<StoredToken> load(String appKeyId, TokenKind kind);

    /** Inserts or replaces the row of that app key and kind. */
    void save(StoredToken token);

    void delete(String appKeyId, TokenKind kind);
}
