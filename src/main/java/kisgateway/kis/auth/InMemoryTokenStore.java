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
}
