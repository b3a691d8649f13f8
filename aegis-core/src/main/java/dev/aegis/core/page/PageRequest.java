package dev.aegis.core.page;

/**
 * Asks for one page of a list ordered by id: at most {@code limit} items whose id sorts after {@code afterId}.
 *
 * @param afterId the last id of the previous page, or null for the first page
 * @param limit how many items at most, 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(String afterId, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }
}
