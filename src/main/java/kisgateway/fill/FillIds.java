package kisgateway.fill;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Deterministic fill ids: the same execution always gets the same id, so a duplicate frame, a reconnect replay
 * or a second backfill of the same gap collapses on the fills table's primary key and on Artemis's duplicate
 * detection (the id is the message's {@code _AMQ_DUPL_ID}).
 */
public final class FillIds {

    private FillIds() {
    }

    /** What identifies a stream fill: account, order number, execution time, price and quantity. */
    public static String tupleKey(String account, String kisOrderNo, Instant occurredAt, BigDecimal price, long quantity) {
        return account + "|" + kisOrderNo + "|" + occurredAt.getEpochSecond() + "|" + price.stripTrailingZeros().toPlainString()
                + "|" + quantity;
    }

    /** @param sequence 0 for the first fill with this tuple, 1 for a second genuine one, ... */
    public static String streamFill(String tupleKey, int sequence) {
        return "F" + hash(tupleKey + "|" + sequence);
    }

    /**
     * A fill inferred from the broker's cumulative quantity (backfill, reconciliation): identified by the
     * quantity it brings the order to, so inferring the same gap twice gives the same id.
     */
    public static String inferredFill(String account, String kisOrderNo, long cumulativeAfter) {
        return "I" + hash(account + "|" + kisOrderNo + "|cum|" + cumulativeAfter);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
