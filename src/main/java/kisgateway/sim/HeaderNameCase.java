package kisgateway.sim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.MultiMap;

/**
 * How the simulator spells response header names on the wire. HTTP says names are case-insensitive, but KIS's
 * official samples do not read them that way: {@code kis_auth.APIResp._setHeader} turns every all-lower-case name
 * into a namedtuple field, so {@code content-type} (not an identifier) crashes them. KIS writes the standard
 * headers in their canonical case ({@code Content-Type}, {@code Content-Length}) and only its own, identifier-like
 * ones in lower case ({@code tr_id}, {@code tr_cont}, {@code gt_uid}), as the official samples read them.
 */
public enum HeaderNameCase {
    /** As KIS: a name with an underscore is KIS's own and stays lower case; any other is capitalised per word. */
    KIS,
    /**
     * Every name in lower case, as Vert.x writes its own: for proving that a client reads headers
     * case-insensitively, as HTTP allows a server to spell them.
     */
    LOWER;

    /** The name as this case spells it. */
    public String spell(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (this == LOWER || lower.indexOf('_') >= 0) {
            return lower;
        }
        StringBuilder out = new StringBuilder(lower.length());
        boolean wordStart = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(wordStart ? Character.toUpperCase(c) : c);
            wordStart = c == '-';
        }
        return out.toString();
    }

    /**
     * Respells every name in {@code headers}, keeping values and order. Called just before a response head is
     * written, so it also catches the headers Vert.x adds itself ({@code content-length}, {@code connection}).
     */
    public void respell(MultiMap headers) {
        // copies of the pairs, not the map's own entries, which clear() may recycle
        List<Map.Entry<String, String>> entries = headers.entries().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        headers.clear();
        for (Map.Entry<String, String> e : entries) {
            headers.add(spell(e.getKey()), e.getValue());
        }
    }

    /** {@code kis} or {@code lower}, as in configuration and on the launcher's command line. */
    public static HeaderNameCase of(String value) {
        for (HeaderNameCase c : values()) {
            if (c.name().equalsIgnoreCase(value.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("header names must be kis or lower, not " + value);
    }
}
