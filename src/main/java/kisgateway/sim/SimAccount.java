package kisgateway.sim;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One KIS customer as the simulator knows it: the app key pair issued by the portal, the HTS ID that names the
 * execution-notice stream, and the 8-digit comprehensive account number (CANO); the product code is always "01".
 */
public record SimAccount(String appKey, String appSecret, String htsId, String cano) {

    public static final String PRODUCT_CODE = "01";

    private static final Pattern CANO = Pattern.compile("\\d{8}");
    private static final String DEMO_KEY = "PSDEMO" + "KISSIMULATOR" + "000000000000000001";
    private static final String DEMO_SECRET = ("PSDEMO" + "SimulatorOnlyNotARealSecret".repeat(7)).substring(0, 180);

    public SimAccount {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(htsId, "htsId");
        Objects.requireNonNull(cano, "cano");
        if (appKey.isBlank() || appSecret.isBlank() || htsId.isBlank()) {
            throw new IllegalArgumentException("app key, app secret and HTS ID must not be blank");
        }
        if (!CANO.matcher(cano).matches()) {
            throw new IllegalArgumentException("CANO must be 8 digits: " + cano);
        }
    }

    /** The documented demo customer: fixed, obviously fake credentials (key 36 chars, secret 180 chars). */
    public static SimAccount demo() {
        return new SimAccount(DEMO_KEY, DEMO_SECRET, "simdemo", "50000001");
    }

    /**
     * The n-th demo customer (1 is {@link #demo()}): a desk that scales out by accounts has one app key per
     * account, so each gets its own key, secret, HTS ID and CANO, all obviously fake.
     */
    public static SimAccount demo(int n) {
        if (n < 1 || n > 999) {
            throw new IllegalArgumentException("demo account number must be 1..999: " + n);
        }
        if (n == 1) {
            return demo();
        }
        String suffix = String.format("%03d", n);
        return new SimAccount(DEMO_KEY.substring(0, DEMO_KEY.length() - 3) + suffix,
                DEMO_SECRET.substring(0, DEMO_SECRET.length() - 3) + suffix, "simdemo" + n,
                "50000" + suffix);
    }

    /**
     * Parses the launcher's {@code APPKEY:APPSECRET:HTSID:CANO}: the key ends at the first colon, HTS ID and CANO
     * are the last two parts, and the secret is whatever lies between.
     */
    public static SimAccount parse(String spec) {
        int third = spec.lastIndexOf(':');
        int second = third < 0 ? -1 : spec.lastIndexOf(':', third - 1);
        int first = spec.indexOf(':');
        if (first < 0 || second <= first || third <= second) {
            throw new IllegalArgumentException("account must be APPKEY:APPSECRET:HTSID:CANO");
        }
        return new SimAccount(spec.substring(0, first), spec.substring(first + 1, second),
                spec.substring(second + 1, third), spec.substring(third + 1));
    }

    /** ACNT_NO as the notice carries it: CANO followed by the product code. */
    public String accountNumber() {
        return cano + PRODUCT_CODE;
    }

    @Override
    public String toString() {
        return "SimAccount[appKey=" + SecretMask.mask(appKey) + ", appSecret=" + SecretMask.mask(appSecret)
                + ", htsId=" + htsId + ", cano=" + cano + "]";
    }
}
