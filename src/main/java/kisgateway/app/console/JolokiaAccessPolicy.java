package kisgateway.app.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import kisgateway.app.config.ConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The Jolokia access policy Hawtio's agent loads: the policy file of the configuration ({@code hawtio.jolokia-policy},
 * which says what may be read and run) with the allowed origins of {@code hawtio.allowed-origins} put into its
 * {@code <cors>}. Jolokia treats a {@code <cors>} without any origin as "every origin", so the gateway never writes
 * one: there is always at least the console's own origin.
 */
public final class JolokiaAccessPolicy {

    private final Document document;

    private JolokiaAccessPolicy(Document document) {
        this.document = document;
    }

    /**
     * @param origins each {@code scheme://host[:port]}, exactly as a browser sends it in {@code Origin}
     */
    public static JolokiaAccessPolicy of(Path template, List<String> origins) {
        Document doc = parse(template);
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("restrict")) {
            throw new ConfigurationException("Jolokia policy " + template + ": the root element must be <restrict>");
        }
        if (doc.getElementsByTagName("allow-origin").getLength() > 0) {
            throw new ConfigurationException("Jolokia policy " + template + " lists origins itself; the allowed origins"
                    + " are hawtio.allowed-origins, and the gateway adds them");
        }
        NodeList cors = doc.getElementsByTagName("cors");
        if (cors.getLength() != 1 || ((Element) cors.item(0)).getElementsByTagName("strict-checking").getLength() == 0) {
            throw new ConfigurationException("Jolokia policy " + template + " needs one <cors> with <strict-checking/>:"
                    + " without it a page of any site may send requests with the operator's cached login");
        }
        Element corsElement = (Element) cors.item(0);
        for (String pattern : originPatterns(origins)) {
            Element allow = doc.createElement("allow-origin");
            allow.setTextContent(pattern);
            corsElement.insertBefore(allow, corsElement.getFirstChild());
        }
        return new JolokiaAccessPolicy(doc);
    }

    /**
     * The origins Jolokia matches: each origin itself ({@code Origin} header), and the origin followed by a path
     * ({@code Referer}, which Jolokia checks when a same-origin GET carries no {@code Origin}).
     */
    static List<String> originPatterns(List<String> origins) {
        if (origins.isEmpty()) {
            throw new ConfigurationException("hawtio.allowed-origins is empty: Jolokia would then allow every origin");
        }
        Set<String> patterns = new LinkedHashSet<>();
        for (String origin : origins) {
            String normalized = origin(origin);
            patterns.add(normalized);
            patterns.add(normalized + "/*");
        }
        return new ArrayList<>(patterns);
    }

    /** {@code scheme://host[:port]} in lower case (Jolokia lower-cases its patterns), or a refusal that says why. */
    static String origin(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            throw new ConfigurationException("hawtio.allowed-origins: '" + origin + "' is not an origin (scheme://host[:port])");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
                || origin.contains("*")) {
            throw new ConfigurationException("hawtio.allowed-origins: '" + origin + "' is not an origin: write"
                    + " scheme://host[:port] (http or https, no path, no wildcard)");
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    public void write(Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("cannot write the Jolokia policy: " + e.getMessage(), e);
        }
    }

    private static Document parse(Path template) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(template.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ConfigurationException("Jolokia policy " + template + " cannot be read: " + e.getMessage(), e);
        }
    }
}
