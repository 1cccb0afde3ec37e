package kisgateway.sim.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.SimJson;

/**
 * POST /uapi/hashkey: echoes the body as BODY with a 64-hex HASH. KIS does not say how it hashes, and orders do
 * not require the hashkey header ("현재는 hash key 필수 사항아님", kis_auth.py), so the simulator hashes the raw
 * body with SHA-256 and never checks the header.
 */
final class HashKeyEndpoint implements KisEndpoint {

    @Override
    public void handle(KisCall call) {
        String raw = call.rc.body().asString();
        ObjectNode out = SimJson.object();
        out.set("BODY", call.body);
        out.put("HASH", sha256Hex(raw));
        call.reply(out, null);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
