package kisgateway.kis.error;

/** HTTP 200 with {@code rt_cd != "0"}: KIS read the request and refused it (e.g. APBK0952 not enough cash). */
public final class KisBusinessReject extends KisException {

    private final String trId;
    private final String rtCd;
    private final String msgCd;
    private final String msg1;

    public KisBusinessReject(String trId, String rtCd, String msgCd, String msg1) {
        super("KIS rejected " + trId + ": rt_cd=" + rtCd + " msg_cd=" + msgCd + " msg1=" + msg1, null, true);
        this.trId = trId;
        this.rtCd = rtCd;
        this.msgCd = msgCd;
        this.msg1 = msg1;
    }

    public String trId() {
        return trId;
    }

    public String rtCd() {
        return rtCd;
    }

    public String msgCd() {
        return msgCd;
    }

    /** KIS's message with its right padding removed. */
    public String msg1() {
        return msg1;
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.REFUSED;
    }
}
