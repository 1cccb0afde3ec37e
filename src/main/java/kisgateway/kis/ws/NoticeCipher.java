package kisgateway.kis.ws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts encrypted realtime payloads: base64(AES-256-CBC(PKCS7(UTF-8 text))) with the 32-char key and 16-char IV
 * of the subscribe ack, used as raw UTF-8 bytes, fixed for the subscription ([OTA] kis_auth.py aes_cbc_base64_dec).
 * One Cipher is initialised once and reused ({@code doFinal} resets it to that state): NOT thread-safe, one per
 * session, used from the session's thread only.
 */
public final class NoticeCipher {

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private byte[] encrypted = new byte[512];
    private byte[] plain = new byte[512];

    public NoticeCipher(String key, String iv) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] ivBytes = iv.getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length != 32 || ivBytes.length != 16) {
            throw new IllegalArgumentException("AES-256-CBC needs a 32-byte key and a 16-byte IV, got "
                    + keyBytes.length + " and " + ivBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.iv = new IvParameterSpec(ivBytes);
        try {
            cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding is part of every JDK", e);
        }
        reset();
    }

    /** @throws MalformedNotice when the text is not base64 or does not decrypt with this key (wrong key, garbled) */
    public String decrypt(String base64, String rawFrame) throws MalformedNotice {
        // Latin-1 bytes of an ASCII string are a plain copy; anything non-ASCII becomes '?' and fails to decode.
        byte[] text = base64.getBytes(StandardCharsets.ISO_8859_1);
        int maxDecoded = text.length / 4 * 3 + 3;
        if (encrypted.length < maxDecoded) {
            encrypted = new byte[maxDecoded * 2];
        }
        if (plain.length < maxDecoded + 16) {
            plain = new byte[(maxDecoded + 16) * 2];
        }
        try {
            int decoded = Base64.getDecoder().decode(text, encrypted);
            int n = cipher.doFinal(encrypted, 0, decoded, plain, 0);
            return new String(plain, 0, n, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedNotice("encrypted payload is not base64", rawFrame);
        } catch (GeneralSecurityException e) {
            // A failed doFinal can leave the JDK cipher mid-stream: start from the subscription's state again.
            reset();
            throw new MalformedNotice("payload does not decrypt with the subscription key", rawFrame);
        }
    }

    private void reset() {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, iv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 key rejected by the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "NoticeCipher[AES-256-CBC]";
    }
}
