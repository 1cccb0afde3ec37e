package kisgateway.app.service.kisaccess;

import java.util.ArrayList;
import java.util.List;
import kisgateway.kis.KisAccount;
import kisgateway.kis.auth.AccessTokenService;
import kisgateway.kis.auth.ApprovalKeyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the auth routes call on their schedules: refresh every account's access token when it is due (the
 * service decides; it never issues faster than KIS allows and reuses a stored token), and the WebSocket
 * approval keys daily. One account failing does not stop the others; the failure is reported after all ran.
 */
public final class TokenRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);

    private final KisAccounts accounts;
    private final AccessTokenService tokens;
    private final ApprovalKeyService approvalKeys;

    public TokenRefresher(KisAccounts accounts, AccessTokenService tokens, ApprovalKeyService approvalKeys) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.approvalKeys = approvalKeys;
    }

    /** @return how many tokens were issued or renewed */
    public int refreshAccessTokens() {
        return forEachAccount("access token", a -> {
            if (!tokens.hasValidToken(a.appKey())) {
                tokens.accessToken(a.credentials());
                return true;
            }
            return tokens.refreshIfDue(a.credentials());
        });
    }

    /** @return how many approval keys were issued */
    public int refreshApprovalKeys() {
        return forEachAccount("approval key", a -> approvalKeys.refreshIfDue(a.credentials()));
    }

    private int forEachAccount(String what, AccountWork work) {
        int renewed = 0;
        List<String> failures = new ArrayList<>();
        for (KisAccount a : accounts.all()) {
            try {
                if (work.run(a)) {
                    renewed++;
                    LOG.info("{} renewed account={}", what, a.alias());
                }
            } catch (RuntimeException e) {
                failures.add(a.alias() + ": " + e.getMessage());
                LOG.error("{} refresh failed account={} reason={}", what, a.alias(), e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(what + " refresh failed for " + failures);
        }
        return renewed;
    }

    @FunctionalInterface
    private interface AccountWork {
        boolean run(KisAccount account);
    }
}
