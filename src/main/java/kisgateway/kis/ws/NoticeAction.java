package kisgateway.kis.ws;

/** {@code RCTF_CLS}: what the notice is about: a new order (0), a revision (1) or a cancellation (2). */
public enum NoticeAction {
    NEW,
    REVISE,
    CANCEL
}
