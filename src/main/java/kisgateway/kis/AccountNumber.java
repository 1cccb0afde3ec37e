package kisgateway.kis;

/** The 8-digit account number KIS calls {@code CANO} (the product code is separate, e.g. "01"). */
public final class AccountNumber extends MaskedSecret {

    public AccountNumber(String cano) {
        super(cano, "account number (CANO)");
        if (cano.length() != 8 || !cano.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("account number (CANO) must be 8 digits, got "
                    + cano.length() + " characters");
        }
    }
}
