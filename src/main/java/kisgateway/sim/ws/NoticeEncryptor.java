package kisgateway.sim.ws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC with PKCS#7 padding and base64, as KIS encrypts execution notices: the 32-character key and the
 * 16-character iv of the subscribe ack are used as their UTF-8 bytes ([OTA] kis_auth.py aes_cbc_base64_dec).
 * Each subscription gets a fresh random key (lowercase letters, like live captures) and a hex iv. A
 * {@link Cipher} is not thread-safe: an encryptor belongs to one session and is used on its event loop only.
 */
final class NoticeEncryptor {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String HEX = "0123456789abcdef";

    private final String key;
    private final String iv;
    private final Cipher cipher;

    private NoticeEncryptor(String key, String iv) {
        this.key = key;
        this.iv = iv;
        try {
            cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is part of every JDK 17", e);
        }
    }

    static NoticeEncryptor fresh(SecureRandom random) {
        return new NoticeEncryptor(randomOf(LOWER, 32, random), randomOf(HEX, 16, random));
    }

    String key() {
        return key;
    }

    String iv() {
        return iv;
    }

    /** base64(AES-256-CBC(PKCS7(utf-8 text))); the cipher resets to its key and iv after each message. */
    String encrypt(String plain) {
        try {
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES encryption failed", e);
        }
    }

    private static String randomOf(String alphabet, int length, SecureRandom random) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
