package kisgateway.kis.auth;

import kisgateway.kis.MaskedSecret;

/** The WebSocket approval key from /oauth2/Approval, sent in every subscribe frame's header. */
public final class ApprovalKey extends MaskedSecret {

    public ApprovalKey(String value) {
        super(value, "approval key");
    }
}
