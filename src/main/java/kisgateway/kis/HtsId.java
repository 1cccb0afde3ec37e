package kisgateway.kis;

/** The HTS login ID: the {@code tr_key} of the execution-notice subscription, covering every account under it. */
public final class HtsId extends MaskedSecret {

    public HtsId(String value) {
        super(value, "HTS ID");
    }
}
