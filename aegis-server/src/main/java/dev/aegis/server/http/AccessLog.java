package dev.aegis.server.http;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Writes one line per request: method, path, status and duration; the request id rides along in the MDC. */
final class AccessLog implements RequestLogger {
  static final Logger LOG = LoggerFactory.getLogger("dev.aegis.access");

  @Override
  public void handle(Context ctx, Float executionTimeMs) {
    try {
      MDC.put(RequestIds.MDC_KEY, RequestIds.of(ctx));
      LOG.info("{} {} {} {}ms", ctx.method().name(), ctx.path(), ctx.statusCode(),
          String.format(Locale.ROOT, "%.1f", executionTimeMs));
    } finally {
      MDC.remove(RequestIds.MDC_KEY);
    }
  }
}
