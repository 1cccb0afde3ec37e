package kisgateway.kis.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoticeCipherTest {

    @Test
    void decryptsWhatKisEncryptsAgainAndAgainWithOneCipher() throws Exception {
        NoticeCipher cipher = new NoticeCipher(NoticeSamples.KEY, NoticeSamples.IV);
        for (int i = 0; i < 3; i++) {
            String plain = "htsuser77^8105568901^" + "x".repeat(i * 100) + "^홍길동";
            assertThat(cipher.decrypt(NoticeSamples.encrypt(plain), "raw")).isEqualTo(plain);
        }
    }

    @Test
    void aWrongKeyOrGarbageIsMalformedAndTheCipherStillWorksAfterwards() throws Exception {
        NoticeCipher cipher = new NoticeCipher(NoticeSamples.KEY, NoticeSamples.IV);
        String otherKey = "abcdefghijklmnopqrstuvwxyzabcdef";
        assertThatThrownBy(() -> cipher.decrypt(NoticeSamples.encrypt("hello world", otherKey), "raw1"))
                .isInstanceOfSatisfying(MalformedNotice.class, e -> assertThat(e.rawFrame()).isEqualTo("raw1"));
        assertThatThrownBy(() -> cipher.decrypt("not base64 !!", "raw2")).isInstanceOf(MalformedNotice.class);
        assertThatThrownBy(() -> cipher.decrypt("QUJD", "raw3")).isInstanceOf(MalformedNotice.class);
        assertThatThrownBy(() -> cipher.decrypt("한글", "raw4")).isInstanceOf(MalformedNotice.class);
        assertThat(cipher.decrypt(NoticeSamples.encrypt("still fine"), "raw")).isEqualTo("still fine");
    }

    @Test
    void keyAndIvLengthsAreChecked() {
        assertThatThrownBy(() -> new NoticeCipher("short", NoticeSamples.IV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> new NoticeCipher(NoticeSamples.KEY, "short")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new NoticeCipher(NoticeSamples.KEY, NoticeSamples.IV).toString()).doesNotContain(NoticeSamples.KEY);
    }
}
