package kisgateway.kis.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kisgateway.kis.auth.ApprovalKey;
import org.junit.jupiter.api.Test;

class RealtimeFrameParserTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RealtimeFrameParser parser = new RealtimeFrameParser(json);

    @Test
    void dataFramesSplitOnTheFirstThreePipesOnly() throws Exception {
        RealtimeFrame frame = parser.parse("0|H0STCNT0|001|005930^093354^71900|odd");
        assertThat(frame).isInstanceOfSatisfying(RealtimeFrame.DataFrame.class, data -> {
            assertThat(data.encrypted()).isFalse();
            assertThat(data.trId()).isEqualTo("H0STCNT0");
            assertThat(data.count()).isEqualTo(1);
            assertThat(data.payload()).isEqualTo("005930^093354^71900|odd");
        });
        RealtimeFrame.DataFrame encrypted = (RealtimeFrame.DataFrame) parser.parse("1|H0STCNI0|012|abc=");
        assertThat(encrypted.encrypted()).isTrue();
        assertThat(encrypted.count()).isEqualTo(12);
        assertThat(encrypted.toString()).doesNotContain("abc=");
    }

    @Test
    void aSubscribeAckCarriesTheKeyAndIvButDoesNotPrintThem() throws Exception {
        RealtimeFrame frame = parser.parse("{\"header\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"htsuser77\",\"encrypt\":\"Y\"},"
                + "\"body\":{\"rt_cd\":\"0\",\"msg_cd\":\"OPSP0000\",\"msg1\":\"SUBSCRIBE SUCCESS\","
                + "\"output\":{\"iv\":\"ca513e8bf725c575\",\"key\":\"uvbpznjqabrxhowcftgehxghhhsxtwro\"}}}");
        assertThat(frame).isInstanceOfSatisfying(RealtimeFrame.SubscriptionReply.class, reply -> {
            assertThat(reply.isSuccess()).isTrue();
            assertThat(reply.encrypted()).isTrue();
            assertThat(reply.hasCipher()).isTrue();
            assertThat(reply.key()).isEqualTo("uvbpznjqabrxhowcftgehxghhhsxtwro");
            assertThat(reply.iv()).isEqualTo("ca513e8bf725c575");
            assertThat(reply.toString()).doesNotContain("uvbpz", "ca513e", "htsuser77");
        });
    }

    @Test
    void errorRepliesAreRecognised() throws Exception {
        RealtimeFrame.SubscriptionReply max = (RealtimeFrame.SubscriptionReply) parser.parse(
                "{\"header\":{\"tr_id\":\"H0STCNT0\",\"tr_key\":\"005930\",\"encrypt\":\"N\"},"
                        + "\"body\":{\"rt_cd\":\"1\",\"msg_cd\":\"OPSP0008\",\"msg1\":\"MAX SUBSCRIBE OVER\"}}");
        assertThat(max.isSuccess()).isFalse();
        assertThat(max.isLimitReached()).isTrue();
        assertThat(max.hasCipher()).isFalse();
        RealtimeFrame.SubscriptionReply refused = (RealtimeFrame.SubscriptionReply) parser.parse(
                "{\"header\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"x\",\"encrypt\":\"N\"},"
                        + "\"body\":{\"rt_cd\":\"1\",\"msg_cd\":\"OPSP0011\",\"msg1\":\"invalid approval(appkey) : NOT FOUND\"}}");
        assertThat(refused.isApprovalRefused()).isTrue();
        RealtimeFrame.SubscriptionReply unsub = (RealtimeFrame.SubscriptionReply) parser.parse(
                "{\"header\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"x\",\"encrypt\":\"N\"},"
                        + "\"body\":{\"rt_cd\":\"0\",\"msg_cd\":\"OPSP0001\",\"msg1\":\"UNSUBSCRIBE SUCCESS\"}}");
        assertThat(unsub.isUnsubscribeAck()).isTrue();
        RealtimeFrame.SubscriptionReply already = (RealtimeFrame.SubscriptionReply) parser.parse(
                "{\"header\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"x\"},"
                        + "\"body\":{\"rt_cd\":\"1\",\"msg_cd\":\"OPSP0002\",\"msg1\":\"ALREADY IN SUBSCRIBE\"}}");
        assertThat(already.isAlreadySubscribed()).isTrue();
        RealtimeFrame.SubscriptionReply inUse = (RealtimeFrame.SubscriptionReply) parser.parse(
                "{\"header\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"x\"},"
                        + "\"body\":{\"rt_cd\":\"1\",\"msg_cd\":\"OPSP8996\",\"msg1\":\"ALREADY IN USE appkey\"}}");
        assertThat(inUse.isAppKeyInUse()).isTrue();
    }

    @Test
    void pingPongKeepsItsRawText() throws Exception {
        String raw = "{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"20260709093000\"}}";
        assertThat(parser.parse(raw)).isEqualTo(new RealtimeFrame.PingPong(raw));
    }

    @Test
    void garbageIsMalformed() {
        for (String bad : new String[] {"", "hello", "0|H0STCNI0", "0|H0STCNI0|x1|a", "0|H0STCNI0|000|a", "{not json",
                "2|H0STCNI0|001|a", "0H0STCNI0|001|a"}) {
            assertThatThrownBy(() -> parser.parse(bad)).as(bad).isInstanceOf(MalformedNotice.class);
        }
    }

    @Test
    void subscribeAndReleaseFrames() throws Exception {
        SubscriptionFrames frames = new SubscriptionFrames(json);
        ApprovalKey key = new ApprovalKey("a2585daf-8c09-4587-9fce-8ab893b1aa5d");
        JsonNode register = json.readTree(frames.register(key, "H0STCNI0", "htsuser77"));
        assertThat(register.at("/header/approval_key").asText()).isEqualTo("a2585daf-8c09-4587-9fce-8ab893b1aa5d");
        assertThat(register.at("/header/custtype").asText()).isEqualTo("P");
        assertThat(register.at("/header/tr_type").asText()).isEqualTo("1");
        assertThat(register.at("/header/content-type").asText()).isEqualTo("utf-8");
        assertThat(register.at("/body/input/tr_id").asText()).isEqualTo("H0STCNI0");
        assertThat(register.at("/body/input/tr_key").asText()).isEqualTo("htsuser77");
        assertThat(json.readTree(frames.release(key, "H0STCNI0", "htsuser77")).at("/header/tr_type").asText())
                .isEqualTo("2");
    }
}
