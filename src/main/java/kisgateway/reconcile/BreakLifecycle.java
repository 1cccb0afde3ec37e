package kisgateway.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import kisgateway.reconcile.snapshot.OpenBreak;

/**
 * Which breaks are new, which are still open, and which resolved: a break is identified by kind and subject. An
 * open break is resolved only when its subject was judged in this run and the break was not found again; a
 * subject the run did not judge keeps its break open.
 */
final class BreakLifecycle {

    record Result(List<Break> opened, List<StillOpenBreak> stillOpen, List<ResolvedBreak> resolved) {
    }

    private BreakLifecycle() {
    }

    static Result track(List<OpenBreak> open, List<Break> found, Set<String> examined, Instant now) {
        Map<String, Break> byKey = new TreeMap<>();
        found.forEach(b -> byKey.put(b.key(), b));
        List<StillOpenBreak> stillOpen = new ArrayList<>();
        List<ResolvedBreak> resolved = new ArrayList<>();
        Map<String, OpenBreak> openByKey = new TreeMap<>();
        for (OpenBreak o : open) {
            String key = o.kind() + "|" + o.subject();
            // one open row per (account, kind, subject) is the table's rule; the older one wins if fed twice
            OpenBreak seen = openByKey.get(key);
            if (seen == null || o.openedAt().isBefore(seen.openedAt())) {
                openByKey.put(key, o);
            }
        }
        for (Map.Entry<String, OpenBreak> e : openByKey.entrySet()) {
            OpenBreak o = e.getValue();
            Break current = byKey.remove(e.getKey());
            if (current != null) {
                stillOpen.add(new StillOpenBreak(o, Optional.of(current)));
            } else if (examined.contains(o.subject())) {
                resolved.add(new ResolvedBreak(o, now));
            } else {
                stillOpen.add(new StillOpenBreak(o, Optional.empty()));
            }
        }
        Comparator<OpenBreak> byKind = Comparator.comparing(OpenBreak::kind).thenComparing(OpenBreak::subject);
        stillOpen.sort(Comparator.comparing(StillOpenBreak::open, byKind));
        resolved.sort(Comparator.comparing(ResolvedBreak::open, byKind));
        List<Break> opened = new ArrayList<>(byKey.values());
        opened.sort(Break.ORDER);
        return new Result(List.copyOf(opened), List.copyOf(stillOpen), List.copyOf(resolved));
    }
}
