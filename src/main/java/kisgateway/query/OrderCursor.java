package kisgateway.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of open orders ended: the last order's creation time and id, the keys the pages are ordered by. A
 * keyset, not an offset, so an order that appears or leaves between two pages neither repeats nor hides another.
 * Opaque to the caller (base64url of a versioned text); one that does not decode is bad input.
 */
public record OrderCursor(Instant createdAt, UUID orderId) {

    private static final String VERSION = "o1";

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        String text = VERSION + ":" + micros + ":" + orderId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this gateway gave out */
    public static OrderCursor decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("after is not a cursor this gateway gave out (use the answer's next)");
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("after is not a cursor this gateway gave out (use the answer's next)");
        }
        try {
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new OrderCursor(at, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("after is not a cursor this gateway gave out (use the answer's next)");
        }
    }
}
