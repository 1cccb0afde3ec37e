package kisgateway.reconcile.snapshot;

/**
 * The comparable form of a KIS order number (ODNO). KIS sends it zero-padded to 10 digits ("0001569157"), but
 * older paper answers showed it unpadded ("2696"), so both sides are compared padded.
 */
public final class OrderNumberKey {

    private static final int WIDTH = 10;

    private OrderNumberKey() {
    }

    /** @return the padded number, or null for a null or blank one (a new order has no original number) */
    public static String of(String orderNo) {
        if (orderNo == null) {
            return null;
        }
        String digits = orderNo.strip();
        if (digits.isEmpty()) {
            return null;
        }
        if (digits.length() >= WIDTH || !digits.chars().allMatch(Character::isDigit)) {
            return digits;
        }
        return "0".repeat(WIDTH - digits.length()) + digits;
    }
}
