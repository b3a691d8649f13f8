package dev.aegis.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Walks every page of a list, fetching the next page only when the previous one is used up. */
public final class Pages {
  private Pages() {}

  /**
   * Every item from {@code first} on, lazily.
   *
   * @param fetch fetches one page, such as {@code q -> client.tenants().list(q)}
   */
  public static <T> Stream<T> stream(Function<PageQuery, Page<T>> fetch, PageQuery first) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(fetch, first), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Every item from {@code first} on, lazily, as an iterator. */
  public static <T> Iterator<T> iterator(Function<PageQuery, Page<T>> fetch, PageQuery first) {
    Objects.requireNonNull(fetch, "fetch");
    Objects.requireNonNull(first, "first");
    return new Iterator<>() {
      private Iterator<T> current = null;
      private PageQuery next = first;

      @Override
      public boolean hasNext() {
        while ((current == null || !current.hasNext()) && next != null) {
          Page<T> page = fetch.apply(next);
          current = page.items().iterator();
          next = page.hasMore() ? next.after(page.nextCursor()) : null;
        }
        return current != null && current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
