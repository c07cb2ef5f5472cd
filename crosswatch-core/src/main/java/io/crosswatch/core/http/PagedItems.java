package io.crosswatch.core.http;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderException;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Items of a paged endpoint, fetched one page at a time as they are iterated. Created by
 * {@link Paging}. Not thread-safe.
 *
 * <p>A page that comes back empty although the service advertised more (by page count,
 * total or a "has next page" flag) means the read is incomplete: iteration then throws a
 * retryable {@link ProviderException} rather than ending, so a partial list is never taken
 * for the whole one (which would plan deletions).
 *
 * @param <T> the item type
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class PagedItems<T> implements Iterator<T> {

    /**
     * One fetched page.
     *
     * @param items    its items
     * @param more     whether the service says more items follow
     * @param expected the total item count the service advertised, or -1
     * @param <T>      the item type
     */
    record Page<T>(List<T> items, boolean more, long expected) {
    }

    /** Fetches page {@code index} (0-based) given how many items came before it. */
    @FunctionalInterface
    interface Source<T> {
        Page<T> fetch(int index, long itemsBefore);
    }

    private final String provider;
    private final String endpoint;
    private final Source<T> source;
    private Iterator<T> current = java.util.Collections.emptyIterator();
    private boolean more = true;
    private int pagesFetched;
    private long itemsRead;
    private long expected = -1;

    PagedItems(String provider, String endpoint, Source<T> source) {
        this.provider = provider;
        this.endpoint = endpoint;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (!more) {
                return false;
            }
            Page<T> page = source.fetch(pagesFetched, itemsRead);
            pagesFetched++;
            if (page.expected() >= 0) {
                expected = page.expected();
            }
            if (page.items().isEmpty() && page.more()) {
                throw new ProviderException(provider, 0, true, "partial read of " + endpoint + ": page "
                        + pagesFetched + " came back empty after " + itemsRead + " item(s)"
                        + (expected >= 0 ? " of " + expected + " advertised" : "")
                        + " although the service said more follow; the list is incomplete and must not be used as complete",
                        null);
            }
            more = page.more() && !page.items().isEmpty();
            current = page.items().iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException(endpoint + ": no more items");
        }
        itemsRead++;
        return current.next();
    }

    /** @return the remaining items as a sequential, lazy stream */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** @return how many pages were requested so far */
    public int pagesFetched() {
        return pagesFetched;
    }

    /** @return how many items {@link #next()} returned so far */
    public long itemsRead() {
        return itemsRead;
    }

    /** @return the total the service advertised, once a page said it */
    public OptionalLong advertisedTotal() {
        return expected < 0 ? OptionalLong.empty() : OptionalLong.of(expected);
    }
}
