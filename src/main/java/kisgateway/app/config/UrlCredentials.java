package kisgateway.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords a connection URL may carry: the PostgreSQL driver accepts {@code password=} among the URL's parameters,
 * and operators paste {@code user:password@host} URLs. The key ({@code db.url}) is no secret, so without this its
 * value would be logged and handed to Camel whole.
 */
public final class UrlCredentials {

    /** {@code ?password=}, {@code &password=} or {@code ;password=}, up to the next parameter. */
    private static final Pattern PARAMETER = Pattern.compile("(?i)([?&;]password=)([^&;#]*)");
    /** {@code //user:password@}, before the host. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@:]*:)([^/?#@]*)(@)");

    private UrlCredentials() {
    }

    /** The URL with every password replaced by {@code ****}; null stays null. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = PARAMETER.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "****");
        return USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "****"
                + Matcher.quoteReplacement(m.group(3)));
    }

    /** The passwords themselves, for the log masker. */
    public static List<String> passwords(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) {
            return found;
        }
        for (Pattern p : List.of(PARAMETER, USER_INFO)) {
            Matcher m = p.matcher(url);
            while (m.find()) {
                if (!m.group(2).isEmpty()) {
                    found.add(m.group(2));
                }
            }
        }
        return found;
    }
}
