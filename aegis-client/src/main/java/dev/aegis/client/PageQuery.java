package dev.aegis.client;

/**
 * Which page of a list to fetch.
 *
 * @param limit 1 to 500 items, or null for the server's default (50)
 * @param cursor a {@link Page#nextCursor()} from the previous page, or null for the first page
 */
public record PageQuery(Integer limit, String cursor) {
  /** The largest page the server hands out. */
  public static final int MAX_LIMIT = 500;

  public PageQuery {
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The first page, at the server's default size. */
  public static PageQuery first() {
    return new PageQuery(null, null);
  }

  /** The first page, with at most {@code limit} items. */
  public static PageQuery first(int limit) {
    return new PageQuery(limit, null);
  }

  /** The same page size, continuing after {@code cursor}. */
  public PageQuery after(String cursor) {
    return new PageQuery(limit, cursor);
  }
}
