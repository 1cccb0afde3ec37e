package kisgateway.kis.error;

/** Not sent: KIS does not offer this function in this mode (e.g. inquire-psbl-rvsecncl on paper, "모의투자 미지원"). */
public final class KisUnsupportedInMode extends KisException {

    public KisUnsupportedInMode(String what, String mode) {
        super(what + " is not offered by KIS in " + mode + " mode", null, true);
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.NOT_SENT;
    }
}
