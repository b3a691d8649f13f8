package dev.aegis.cli.support;

import dev.aegis.client.PageQuery;
import picocli.CommandLine.Option;

/** The paging options every list command takes. */
public final class PageOptions {
  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N items per page, 1 to 500 (default: 50).")
  Integer limit;

  @Option(
      names = "--cursor",
      paramLabel = "CURSOR",
      description = "Continue after this cursor, printed by the previous page.")
  String cursor;

  @Option(names = "--all", description = "Follow cursors and list everything.")
  boolean all;

  public boolean all() {
    return all;
  }

  public PageQuery query() {
    if (limit != null && (limit < 1 || limit > PageQuery.MAX_LIMIT)) {
      throw new UsageException("--limit must be between 1 and " + PageQuery.MAX_LIMIT + ", was " + limit);
    }
    return new PageQuery(limit, cursor);
  }
}
