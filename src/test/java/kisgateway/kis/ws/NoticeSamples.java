package kisgateway.kis.ws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Notice payloads written field by field from docs/architecture.md#execution-notices (not produced by the decoder
 * under test), and an
 * encryption of them the way KIS does it: base64(AES-256-CBC(PKCS7(UTF-8))).
 */
final class NoticeSamples {

    static final String KEY = "uvbpznjqabrxhowcftgehxghhhsxtwro";
    static final String IV = "ca513e8bf725c575";

    private NoticeSamples() {
    }

    /** 26 fields: CNTG_YN=2 (fill) of 1 share at 3190, buy, KRX. */
    static String[] fill26() {
        return new String[] {"htsuser77", "8105568901", "0000002891", "", "02", "0", "00", "0", "136480", "0000000001",
                "000003190", "094941", "0", "2", "2", "06010", "000000001", "홍길동", "0", "1", "N", "", "10", "",
                "하림", "3190"};
    }

    /** The pre-2025 23-field form of the spec example. */
    static String[] fill23() {
        return new String[] {"htsuser77", "8105568901", "0000002891", "", "02", "0", "00", "0", "136480", "0000000001",
                "000003190", "094941", "0", "2", "2", "06010", "000000001", "홍길동", "하림", "10", "", "하림",
                "3190"};
    }

    /** Order acceptance: slots 9/10 carry the order quantity 7 and price 71900. */
    static String[] acceptance26() {
        return new String[] {"htsuser77", "8105568901", "0000002900", "", "01", "0", "00", "0", "005930", "0000000007",
                "000071900", "090000", "0", "1", "1", "06010", "000000007", "홍길동", "0", "2", "N", "", "10", "",
                "삼성전자", "71900"};
    }

    static String[] with(String[] fields, int index, String value) {
        String[] copy = fields.clone();
        copy[index] = value;
        return copy;
    }

    static String join(String[]... records) {
        StringBuilder text = new StringBuilder();
        for (String[] record : records) {
            for (String field : record) {
                if (text.length() > 0) {
                    text.append('^');
                }
                text.append(field);
            }
        }
        return text.toString();
    }

    static String encrypt(String plain) {
        return encrypt(plain, KEY);
    }

    static String encrypt(String plain, String key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new IvParameterSpec(IV.getBytes(StandardCharsets.UTF_8)));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
