package kisgateway.app.routefiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a route file of {@code routes/} when it is edited, and only that file's routes, in place of the watcher
 * Camel Main installs. Camel 4.17's, which removes every route and loads every file again, lists a file once per
 * route it holds and so loads it several times: the reload fails on a duplicate route id and leaves most routes
 * gone. Replacing only the edited file's routes also leaves the other flows (the notice stream, the intakes)
 * running through an edit.
 *
 * <p>A reload that fails (a YAML error, a bean that does not exist) puts back the routes the file had, so the
 * gateway keeps trading on the last working version, and is remembered per file until the file loads: the health
 * check {@code route-reload} shows it. A route removed from the file is removed from the gateway.
 *
 * <p>A file is loaded once it has stopped changing for the settle time: an editor (or {@code Files.write}) writes a
 * file of more than 8 KiB in several writes, each an event, and the first part of a file is YAML that fails in odd
 * ways. Content that loaded is not loaded again, so the several events of one save replace the routes once (a
 * file that failed is tried again on its next event: touching it retries).
 */
public final class RouteFileReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReload.class);

    private final Map<String, String> failures = new ConcurrentSkipListMap<>();
    private final Map<String, String> loaded = new ConcurrentHashMap<>();
    private final Duration settle;

    public RouteFileReload(String directory, String pattern, Duration settle) {
        super(directory, false);
        setPattern(pattern);
        setRemoveAllRoutes(false);
        this.settle = settle;
    }

    /** The files whose last edit did not load, with why. */
    public Map<String, String> failures() {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(failures));
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null || resources.isEmpty()) {
            super.onRouteReload(resources, removeEverything);
            return;
        }
        if (!settled(resources)) {
            return;
        }
        if (resources.stream().anyMatch(RouteFileReload::isEmpty)) {
            // an editor that truncates a file before it writes it: the write that follows is the edit
            LOG.info("event=route_reload_skipped files={} reason=\"empty file\"", names(resources));
            return;
        }
        Map<String, String> digests = digests(resources);
        if (digests.entrySet().stream().allMatch(d -> d.getValue().equals(loaded.get(d.getKey())))) {
            // running already: a file mended back to what runs has nothing left to report
            resources.forEach(r -> failures.remove(fileName(r)));
            LOG.debug("event=route_reload_skipped files={} reason=\"content already loaded\"", names(resources));
            return;
        }
        ModelCamelContext model = (ModelCamelContext) getCamelContext();
        Map<String, RouteDefinition> before = definitionsFrom(model, resources);
        try {
            super.onRouteReload(resources, removeEverything);
        } catch (RuntimeException e) {
            putBack(model, resources, before);
            String reason = reason(e) + routeLine(e, resources);
            resources.forEach(r -> failures.put(fileName(r), reason));
            // what runs now is whatever the put-back managed: the next event loads the file whatever it holds
            resources.forEach(r -> loaded.remove(fileName(r)));
            LOG.warn("event=route_reload_failed files={} kept={} reason=\"{}\"", names(resources), before.size(), reason);
            // with a message of its own: Camel 4.17's watcher reads the message of what it catches, and one without
            // (the YAML DSL's UnsupportedOperationException) ends its thread, and every reload after it
            throw new IllegalStateException(reason, e);
        }
        // a route the edited file no longer holds was not replaced: its definition is still the one from before.
        // Not so the routes Camel makes of the REST configuration (the OpenAPI document's), which a reload keeps.
        String apiRoute = model.getRestConfiguration().getApiContextRouteId();
        Set<String> removed = new TreeSet<>();
        before.forEach((id, definition) -> {
            if (model.getRouteDefinition(id) == definition && !id.equals(apiRoute)
                    && !Boolean.TRUE.equals(definition.isRest())) {
                removed.add(id);
            }
        });
        for (String id : removed) {
            remove(id);
        }
        resources.forEach(r -> failures.remove(fileName(r)));
        loaded.putAll(digests);
        LOG.info("event=route_reloaded files={} removed={}", names(resources), removed);
    }

    /** The definitions of the routes that came from these files, as they are now. */
    private static Map<String, RouteDefinition> definitionsFrom(ModelCamelContext model, Collection<Resource> files) {
        Map<String, RouteDefinition> out = new LinkedHashMap<>();
        for (Route route : model.getRoutes()) {
            Resource source = route.getSourceResource();
            if (source != null && files.stream().anyMatch(f -> sameFile(f, source))) {
                RouteDefinition definition = model.getRouteDefinition(route.getRouteId());
                if (definition != null) {
                    out.put(route.getRouteId(), definition);
                }
            }
        }
        return out;
    }

    /**
     * The file's routes as they were before the failed reload. Camel replaces a file's routes one by one and stops
     * at the first that fails: those before it run the new version (not started), it and those after are gone.
     */
    private void putBack(ModelCamelContext model, Collection<Resource> files, Map<String, RouteDefinition> before) {
        for (String id : definitionsFrom(model, files).keySet()) {
            if (model.getRouteDefinition(id) != before.get(id)) {
                remove(id);
            }
        }
        List<RouteDefinition> missing = before.entrySet().stream()
                .filter(e -> model.getRoute(e.getKey()) == null).map(Map.Entry::getValue).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            model.addRouteDefinitions(missing);
            // under the supervising route controller a route added after start-up waits to be started
            if (model.getRouteController() instanceof SupervisingRouteController supervising) {
                supervising.startRoutes(true);
            }
            LOG.warn("event=route_reload_put_back routes={}", missing.stream().map(RouteDefinition::getRouteId).toList());
        } catch (Exception e) {
            LOG.error("event=route_reload_put_back_failed routes={} reason=\"{}\"",
                    missing.stream().map(RouteDefinition::getRouteId).toList(), e.getMessage());
        }
    }

    private void remove(String id) {
        try {
            getCamelContext().getRouteController().stopRoute(id);
            getCamelContext().removeRoute(id);
        } catch (Exception e) {
            LOG.warn("event=route_reload_remove_failed route={} reason=\"{}\"", id, e.getMessage());
        }
    }

    /**
     * Where the route that failed is in the file: the YAML parser's message has its line, a route that cannot be
     * made (a bean that does not exist) is named by id only.
     */
    private static String routeLine(Throwable e, Collection<Resource> files) {
        String routeId = null;
        for (Throwable t = e; t != null && routeId == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FailedToCreateRouteException failed) {
                routeId = failed.getRouteId();
            } else if (t instanceof FailedToStartRouteException failed) {
                routeId = failed.getRouteId();
            }
        }
        if (routeId == null) {
            return "";
        }
        for (Resource file : files) {
            try {
                List<String> lines = Files.readAllLines(Path.of(fileName(file)), StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).trim().equals("id: " + routeId)) {
                        return " (route " + routeId + " at line " + (i + 1) + ")";
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // the message names the route; the line is a convenience
            }
        }
        return "";
    }

    /**
     * Waits until the files have kept their size and modification time for the settle time (at most 20 settle
     * times: a file written without pause for longer is loaded as it is then, and its next event loads the rest).
     */
    private boolean settled(Collection<Resource> files) {
        List<String> seen = stamps(files);
        for (int i = 0; i < 20; i++) {
            try {
                Thread.sleep(settle.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            List<String> now = stamps(files);
            if (now.equals(seen)) {
                return true;
            }
            seen = now;
        }
        return true;
    }

    private static List<String> stamps(Collection<Resource> files) {
        return files.stream().map(f -> {
            Path path = Path.of(fileName(f));
            try {
                return Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
            } catch (IOException e) {
                return "absent";
            }
        }).toList();
    }

    private static Map<String, String> digests(Collection<Resource> files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Resource file : files) {
            try {
                byte[] content = Files.readAllBytes(Path.of(fileName(file)));
                out.put(fileName(file), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            } catch (IOException | NoSuchAlgorithmException e) {
                // unreadable now: never equal to what was tried, so the loader says why
                out.put(fileName(file), "unreadable " + System.nanoTime());
            }
        }
        return out;
    }

    private static boolean isEmpty(Resource file) {
        try {
            return Files.size(Path.of(fileName(file))) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameFile(Resource a, Resource b) {
        return fileName(a).equals(fileName(b));
    }

    private static String fileName(Resource r) {
        String location = r.getLocation();
        int colon = location.indexOf(':');
        String path = colon > 1 ? location.substring(colon + 1) : location;
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    private static List<String> names(Collection<Resource> resources) {
        return resources.stream().map(r -> Path.of(fileName(r)).getFileName().toString()).toList();
    }

    /** The deepest message: Camel wraps the YAML parser's (which has the line) and the registry's in its own. */
    private static String reason(Throwable e) {
        StringBuilder why = new StringBuilder(e.getMessage() != null ? e.getMessage() : e.getClass().getName());
        Throwable cause = e.getCause();
        while (cause != null && cause != e) {
            if (cause.getMessage() != null && !why.toString().contains(cause.getMessage())) {
                why.append(": ").append(cause.getMessage());
            } else if (cause.getMessage() == null) {
                // the YAML DSL's answer to a node of the wrong kind (a scalar where a step's map goes) says nothing
                why.append(": ").append(cause.getClass().getName());
            }
            e = cause;
            cause = cause.getCause();
        }
        return why.toString();
    }
}
