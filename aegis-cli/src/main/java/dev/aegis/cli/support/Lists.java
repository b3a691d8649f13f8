package dev.aegis.cli.support;

import dev.aegis.client.Page;
import dev.aegis.client.PageQuery;
import dev.aegis.client.Pages;
import java.util.function.Function;

/** Fetches what a list command shows: one page, or every page with {@code --all}. */
public final class Lists {
  private Lists() {}

  public static <T> Page<T> fetch(PageOptions options, Function<PageQuery, Page<T>> fetch) {
    PageQuery query = options.query();
    if (!options.all()) {
      return fetch.apply(query);
    }
    return new Page<>(Pages.stream(fetch, query).toList(), null);
  }

  /** Tells on stderr how to get the rest when a page was not the last. */
  public static void moreHint(CliContext context, Page<?> page, String command) {
    if (page.hasMore()) {
      context.err().println("more: " + command + " --cursor " + page.nextCursor() + "   (or --all for everything)");
      context.err().flush();
    }
  }
}
