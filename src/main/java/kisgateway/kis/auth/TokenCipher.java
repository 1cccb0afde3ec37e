package kisgateway.kis.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import kisgateway.kis.AppCredentials;

/**
 * Encrypts a token for {@code kis_tokens.token_ciphertext}: AES-256-GCM with a key derived from the app secret
 * (HMAC-SHA256 of a fixed label; the secret is 180 random chars, so no slow KDF is needed), the row's app key id
 * and kind as associated data (a ciphertext copied to another row does not decrypt), stored as base64(iv||ct).
 * Whoever reads the database without the app secret learns nothing usable.
 */
public final class TokenCipher {

    private static final byte[] KEY_LABEL = "kis-gateway/kis_tokens/v1".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    public String encrypt(AppCredentials credentials, TokenKind kind, String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(credentials), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(credentials, kind));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token encryption failed", e);
        }
    }

    /** @throws IllegalArgumentException when the ciphertext is not ours (other secret, other row, tampered) */
    public String decrypt(AppCredentials credentials, TokenKind kind, String ciphertext) {
        try {
            byte[] all = Base64.getDecoder().decode(ciphertext);
            if (all.length <= IV_BYTES) {
                throw new IllegalArgumentException("stored token too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(credentials), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(associatedData(credentials, kind));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("stored token does not decrypt with this app secret", e);
        }
    }

    private static SecretKeySpec key(AppCredentials credentials) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(credentials.appSecret().reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(KEY_LABEL), "AES");
    }

    private static byte[] associatedData(AppCredentials credentials, TokenKind kind) {
        return (credentials.appKey().id() + "/" + kind.name()).getBytes(StandardCharsets.UTF_8);
    }
}
