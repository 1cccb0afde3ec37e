package kisgateway.sim.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import kisgateway.sim.market.SessionClock;

/**
 * Issues, checks, expires and revokes access tokens. Tokens live 24 h of simulated time; a tokenP call within 6 h
 * of the last issuance returns the same token ("일정시간(6시간) 이내에 재호출 시에는 직전 토큰값을 리턴", KIS spec);
 * tokenP calls closer together than {@code minInterval} of real time are refused with EGW00133.
 */
public final class TokenIssuer {
    static final Duration LIFETIME = Duration.ofHours(24);
    static final Duration REUSE_WITHIN = Duration.ofHours(6);

    /** The answer to a tokenP call at simulated time {@code at}. {@code token} is null when throttled. */
    public record Issuance(IssuedToken token, boolean reused, Instant at) {
        public boolean throttled() {
            return token == null;
        }
    }

    private static final class Record {
        final IssuedToken token;
        boolean forcedExpired;

        Record(IssuedToken token) {
            this.token = token;
        }
    }

    private final SessionClock clock;
    private final Duration minInterval;
    private final SecureRandom random = new SecureRandom();
    private final byte[] signingKey = new byte[64];
    private final Map<String, Record> byValue = new HashMap<>();
    private final Map<String, Record> latestByKey = new HashMap<>();
    private final Map<String, Long> lastCallNanos = new HashMap<>();

    public TokenIssuer(SessionClock clock, Duration minInterval) {
        this.clock = clock;
        this.minInterval = minInterval;
        random.nextBytes(signingKey);
    }

    public synchronized Issuance issue(String appKey) {
        long nowNanos = System.nanoTime();
        Long last = lastCallNanos.get(appKey);
        if (last != null && nowNanos - last < minInterval.toNanos()) {
            return new Issuance(null, false, null);
        }
        lastCallNanos.put(appKey, nowNanos);
        Instant now = clock.instantAt(nowNanos);
        Record latest = latestByKey.get(appKey);
        if (latest != null && !latest.forcedExpired && byValue.containsKey(latest.token.value())
                && now.isBefore(latest.token.issuedAt().plus(REUSE_WITHIN))
                && now.isBefore(latest.token.expiresAt())) {
            return new Issuance(latest.token, true, now);
        }
        IssuedToken token = new IssuedToken(mint(now), appKey, now, now.plus(LIFETIME));
        Record r = new Record(token);
        byValue.put(token.value(), r);
        latestByKey.put(appKey, r);
        return new Issuance(token, false, now);
    }

    public synchronized TokenCheck check(String token, String appKey) {
        Record r = token == null ? null : byValue.get(token);
        if (r == null || !r.token.appKey().equals(appKey)) {
            return TokenCheck.UNKNOWN;
        }
        if (r.forcedExpired || !clock.now().isBefore(r.token.expiresAt())) {
            return TokenCheck.EXPIRED;
        }
        return TokenCheck.VALID;
    }

    /** revokeP: forgets the token; true if it was known for that app key. */
    public synchronized boolean revoke(String token, String appKey) {
        Record r = byValue.get(token);
        if (r == null || !r.token.appKey().equals(appKey)) {
            return false;
        }
        byValue.remove(token);
        return true;
    }

    /** Admin: every token of the app key (all keys when null) answers EGW00123 from now on. */
    public synchronized int expireAll(String appKey) {
        int n = 0;
        for (Record r : byValue.values()) {
            if ((appKey == null || r.token.appKey().equals(appKey)) && !r.forcedExpired) {
                r.forcedExpired = true;
                n++;
            }
        }
        return n;
    }

    /** Admin: every token of the app key (all keys when null) answers EGW00121 from now on. */
    public synchronized int revokeAll(String appKey) {
        int n = 0;
        for (Iterator<Record> it = byValue.values().iterator(); it.hasNext(); ) {
            Record r = it.next();
            if (appKey == null || r.token.appKey().equals(appKey)) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** A JWT-shaped token (HS512 over a random subject) of about 320 characters; KIS allows up to 350. */
    private String mint(Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"sub\":\"" + UUID.randomUUID() + "\",\"prdt_cd\":\"\",\"iss\":\"kis-sim\",\"exp\":"
                + now.plus(LIFETIME).getEpochSecond() + ",\"iat\":" + now.getEpochSecond() + ",\"jti\":\""
                + Long.toHexString(random.nextLong()) + "\"}";
        String payload = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA512"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every JDK", e);
        }
    }
}
