package dev.aegis.server.http;

import dev.aegis.core.page.Cursor;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code limit} and {@code cursor} from a list request and renders a page as {@code items, next_cursor}. */
public final class Pagination {
  private Pagination() {}

  /** The page a list request asks for; a bad {@code limit} or {@code cursor} is a 400 that names the parameter. */
  public static PageRequest request(Context ctx) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int limit = PageRequest.DEFAULT_LIMIT;
    String rawLimit = ctx.queryParam("limit");
    if (rawLimit != null) {
      try {
        limit = Integer.parseInt(rawLimit);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
        errors.add(Problem.FieldError.atParameter(
            "limit", "must be a whole number from 1 to " + PageRequest.MAX_LIMIT + ", was '" + rawLimit + "'"));
      }
    }
    String afterId = null;
    String rawCursor = ctx.queryParam("cursor");
    if (rawCursor != null) {
      Optional<String> decoded = Cursor.decode(rawCursor);
      if (decoded.isEmpty()) {
        errors.add(Problem.FieldError.atParameter(
            "cursor", "is not a cursor this server issued; pass next_cursor from the previous page, or no cursor"));
      } else {
        afterId = decoded.get();
      }
    }
    if (!errors.isEmpty()) {
      String names = String.join(", ", errors.stream().map(Problem.FieldError::parameter).toList());
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "Query parameters not valid: " + names + ".", errors);
    }
    return new PageRequest(afterId, limit);
  }

  /** The response body for a page. */
  public static <T> PageBody<T> body(Page<T> page) {
    return new PageBody<>(page.items(), Cursor.encode(page.nextAfterId()));
  }

  /**
   * One page of a list as the API answers it.
   *
   * @param items this page's items
   * @param nextCursor the cursor for the next page, or null on the last page
   */
  public record PageBody<T>(List<T> items, String nextCursor) {}
}
