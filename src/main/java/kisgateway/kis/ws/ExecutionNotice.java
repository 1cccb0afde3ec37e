package kisgateway.kis.ws;

/** One decoded record of an execution notice frame: an acceptance, a rejection or a fill. */
public sealed interface ExecutionNotice permits AcceptanceNotice, RejectionNotice, FillNotice {

    NoticeOrder order();
}
