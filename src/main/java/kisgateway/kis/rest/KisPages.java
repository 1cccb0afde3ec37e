package kisgateway.kis.rest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import kisgateway.kis.error.KisPageCapReached;

/**
 * The pages of one KIS listing, fetched lazily: each {@link #next()} is one call that draws its own budget
 * permit. KIS says whether more follow in the {@code tr_cont} response header (F/M more, D/E last); the next
 * request carries {@code tr_cont: N} and the previous answer's {@code ctx_area_fk100/nk100}. When KIS still
 * reports more after {@code maxPages}, {@link #hasNext()} throws {@link KisPageCapReached}: an incomplete listing
 * must never pass for a complete one. Single use, not thread-safe.
 */
public final class KisPages<P> implements Iterator<P> {

    private final String what;
    private final int maxPages;
    private final Function<PageCursor, KisResponse> fetch;
    private final Function<KisResponse, P> parse;
    private PageCursor cursor = PageCursor.FIRST;
    private boolean more = true;
    private int fetched;

    KisPages(String what, int maxPages, Function<PageCursor, KisResponse> fetch, Function<KisResponse, P> parse) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        this.what = what;
        this.maxPages = maxPages;
        this.fetch = fetch;
        this.parse = parse;
    }

    @Override
    public boolean hasNext() {
        if (more && fetched >= maxPages) {
            throw new KisPageCapReached(what, maxPages);
        }
        return more;
    }

    @Override
    public P next() {
        if (!hasNext()) {
            throw new NoSuchElementException(what + " has no more pages");
        }
        KisResponse response = fetch.apply(cursor);
        fetched++;
        more = response.hasMorePages();
        cursor = new PageCursor(context(response, "ctx_area_fk100"), context(response, "ctx_area_nk100"), true);
        return parse.apply(response);
    }

    /** Pages fetched so far. */
    public int fetched() {
        return fetched;
    }

    public Stream<P> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** Every remaining page (or the cap failure). */
    public List<P> all() {
        List<P> pages = new ArrayList<>();
        forEachRemaining(pages::add);
        return pages;
    }

    private static String context(KisResponse response, String name) {
        String value = response.body().path(name).asText(null);
        if (value == null) {
            value = response.body().path(name.toUpperCase(java.util.Locale.ROOT)).asText("");
        }
        return value;
    }
}
