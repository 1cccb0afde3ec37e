package kisgateway.kis.auth;

/** The {@code token_kind} column of {@code kis_tokens}. */
public enum TokenKind {
    ACCESS,
    APPROVAL
}
