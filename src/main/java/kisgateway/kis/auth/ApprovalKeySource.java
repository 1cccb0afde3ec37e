package kisgateway.kis.auth;

import kisgateway.kis.AppCredentials;

/** What the realtime session needs of the approval-key lifecycle; {@link ApprovalKeyService} in production. */
public interface ApprovalKeySource {

    /** A valid approval key (may block while one is issued). */
    ApprovalKey approvalKey(AppCredentials credentials);

    /** The socket refused this key (OPSP0011). */
    void invalidate(AppCredentials credentials, ApprovalKey refused);
}
