package kisgateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCredentialsTest {

    @Test
    void aPasswordParameterIsMaskedAndTheRestKept() {
        String url = "jdbc:postgresql://db:5432/kis?user=kis&password=p%40ss;w&ssl=true";
        assertThat(UrlCredentials.redact(url)).isEqualTo("jdbc:postgresql://db:5432/kis?user=kis&password=****;w&ssl=true");
        assertThat(UrlCredentials.passwords(url)).containsExactly("p%40ss");
        assertThat(UrlCredentials.redact("jdbc:postgresql://db/kis?PASSWORD=x")).isEqualTo("jdbc:postgresql://db/kis?PASSWORD=****");
    }

    @Test
    void aPasswordBeforeTheHostIsMasked() {
        assertThat(UrlCredentials.redact("postgresql://kis:s3cret@db:5432/kis")).isEqualTo("postgresql://kis:****@db:5432/kis");
        assertThat(UrlCredentials.passwords("postgresql://kis:s3cret@db:5432/kis")).containsExactly("s3cret");
    }

    @Test
    void aUrlWithoutCredentialsIsLeftAlone() {
        String url = "jdbc:postgresql://127.0.0.1:5432/kisgateway?ApplicationName=kis-gateway";
        assertThat(UrlCredentials.redact(url)).isEqualTo(url);
        assertThat(UrlCredentials.passwords(url)).isEmpty();
        assertThat(UrlCredentials.redact("tcp://artemis:61616?reconnectAttempts=-1")).isEqualTo("tcp://artemis:61616?reconnectAttempts=-1");
        assertThat(UrlCredentials.redact(null)).isNull();
    }
}
