package kisgateway.risk;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Test times written as Seoul wall-clock time, the way the market's rules are written. */
public final class Seoul {

    public static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

    private Seoul() {
    }

    /** {@code "2026-03-03T09:00"} or with seconds, read in Asia/Seoul. */
    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }
}
