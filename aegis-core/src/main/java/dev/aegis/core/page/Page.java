package dev.aegis.core.page;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, and the id to continue after when there are more.
 *
 * @param items the items of this page, in id order
 * @param nextAfterId the id to pass as {@link PageRequest#afterId()} for the next page, or null on the last page
 */
public record Page<T>(List<T> items, String nextAfterId) {
  public Page {
    items = List.copyOf(items);
  }

  /**
   * Builds a page from a query that fetched up to {@code limit + 1} rows: the extra row only says there is more.
   */
  public static <T> Page<T> fromOverfetch(List<T> rows, int limit, Function<T, String> idOf) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(items, idOf.apply(items.get(limit - 1)));
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextAfterId);
  }
}
