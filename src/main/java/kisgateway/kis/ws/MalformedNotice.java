package kisgateway.kis.ws;

/**
 * A realtime frame this gateway cannot read: unknown field count, a bad record count, an unreadable field, a frame
 * that does not decrypt. Carries the raw frame as received (still encrypted if it was) for the dead-letter queue;
 * the message names the reason only, never the content (plain notices hold account numbers).
 */
public final class MalformedNotice extends Exception {

    private final String rawFrame;

    public MalformedNotice(String reason, String rawFrame) {
        super(reason, null, false, false);
        this.rawFrame = rawFrame;
    }

    /** The frame exactly as it arrived. */
    public String rawFrame() {
        return rawFrame;
    }

    public String reason() {
        return getMessage();
    }
}
