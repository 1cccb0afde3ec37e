package kisgateway.kis.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a text frame of the KIS realtime socket (docs/architecture.md#realtime-socket). Stateless and thread-safe. */
public final class RealtimeFrameParser {

    private final ObjectMapper json;

    public RealtimeFrameParser(ObjectMapper json) {
        this.json = json;
    }

    public RealtimeFrame parse(String text) throws MalformedNotice {
        if (text == null || text.isEmpty()) {
            throw new MalformedNotice("empty frame", text);
        }
        char first = text.charAt(0);
        if (first == '0' || first == '1') {
            return dataFrame(text);
        }
        if (first == '{') {
            return control(text);
        }
        throw new MalformedNotice("neither a data frame nor JSON", text);
    }

    /** Split on the first three '|' only: the payload itself is never split here ([PYKIS] split("|", 3)). */
    private static RealtimeFrame dataFrame(String text) throws MalformedNotice {
        int a = text.indexOf('|');
        int b = a < 0 ? -1 : text.indexOf('|', a + 1);
        int c = b < 0 ? -1 : text.indexOf('|', b + 1);
        if (a != 1 || c < 0) {
            throw new MalformedNotice("data frame without <enc>|<tr_id>|<cnt>|", text);
        }
        int count = 0;
        if (c - b - 1 < 1 || c - b - 1 > 4) {
            throw new MalformedNotice("record count is not a number", text);
        }
        for (int i = b + 1; i < c; i++) {
            char d = text.charAt(i);
            if (d < '0' || d > '9') {
                throw new MalformedNotice("record count is not a number", text);
            }
            count = count * 10 + (d - '0');
        }
        if (count < 1) {
            throw new MalformedNotice("record count is zero", text);
        }
        return new RealtimeFrame.DataFrame(text.charAt(0) == '1', text.substring(a + 1, b), count,
                text.substring(c + 1), text);
    }

    private RealtimeFrame control(String text) throws MalformedNotice {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedNotice("unreadable JSON control frame", text);
        }
        JsonNode header = root.path("header");
        String trId = header.path("tr_id").asText("");
        if ("PINGPONG".equals(trId)) {
            return new RealtimeFrame.PingPong(text);
        }
        JsonNode body = root.path("body");
        if (body.isMissingNode() || !body.has("rt_cd")) {
            return new RealtimeFrame.OtherControl(trId, text);
        }
        JsonNode output = body.path("output");
        return new RealtimeFrame.SubscriptionReply(trId, header.path("tr_key").asText(""),
                "Y".equalsIgnoreCase(header.path("encrypt").asText("N")), body.path("rt_cd").asText(""),
                body.path("msg_cd").asText(""), body.path("msg1").asText("").strip(),
                output.path("key").asText(null), output.path("iv").asText(null));
    }
}
