package dev.aegis.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.store.StoreException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns exceptions and bare error statuses into {@code application/problem+json} answers. */
final class ProblemResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
  static final String RETRY_AFTER_SECONDS = "5";

  private final ObjectMapper mapper;

  ProblemResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void problem(ProblemException e, Context ctx) {
    e.headers().forEach(ctx::header);
    write(ctx, e.type().status(), e.type().uri(), e.type().title(), e.detail(), e.errors());
  }

  void javalin(HttpResponseException e, Context ctx) {
    switch (e.getStatus()) {
      case 404 -> write(ctx, ProblemType.NOT_FOUND,
          "There is no route " + ctx.method().name() + " " + ctx.path() + "; the API reference lists every route.");
      case 405 -> {
        String allowed = e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
        if (allowed != null) {
          ctx.header("Allow", allowed);
        }
        write(ctx, ProblemType.METHOD_NOT_ALLOWED, ctx.method().name() + " is not allowed on " + ctx.path()
            + (allowed == null ? "." : "; use " + allowed + "."));
      }
      case 413 -> problem(JsonBody.tooLarge(ctx.appData(JsonBody.MAX_BYTES)), ctx);
      default -> bareStatus(ctx, e.getStatus(), e.getMessage());
    }
  }

  void storeDown(StoreException e, Context ctx) {
    LOG.warn("Store unavailable for {} {}", ctx.method().name(), ctx.path(), e);
    ctx.header("Retry-After", RETRY_AFTER_SECONDS);
    write(ctx, ProblemType.UNAVAILABLE,
        "The store cannot be reached; nothing was changed. Try again in " + RETRY_AFTER_SECONDS + " seconds.");
  }

  void unexpected(Exception e, Context ctx) {
    LOG.error("Unhandled error in {} {}", ctx.method().name(), ctx.path(), e);
    write(ctx, ProblemType.INTERNAL,
        "An unexpected error occurred; report it with request id " + RequestIds.of(ctx) + ".");
  }

  /** Makes sure an error status set without a problem body (by Javalin or Jetty internals) still gets one. */
  void ensureProblemBody(Context ctx) {
    int status = ctx.statusCode();
    String contentType = ctx.res().getContentType();
    if (status >= 400 && (contentType == null || !contentType.startsWith(Problem.MEDIA_TYPE))) {
      bareStatus(ctx, status, null);
    }
  }

  private void bareStatus(Context ctx, int status, String message) {
    var documented = ProblemType.forStatus(status);
    if (documented.isPresent()) {
      write(ctx, documented.get(), message == null || message.isBlank() ? documented.get().title() : message);
      return;
    }
    String reason = HttpStatus.getMessage(status);
    write(ctx, status, ProblemType.URN_PREFIX + ProblemType.slugForReason(reason), reason,
        message == null || message.isBlank() ? reason : message, List.of());
  }

  private void write(Context ctx, ProblemType type, String detail) {
    write(ctx, type.status(), type.uri(), type.title(), detail, List.of());
  }

  private void write(
      Context ctx, int status, String type, String title, String detail, List<Problem.FieldError> errors) {
    Problem body = new Problem(type, title, status, detail, ctx.path(), RequestIds.of(ctx), errors);
    ctx.status(status).contentType(Problem.MEDIA_TYPE).result(toJson(body));
  }

  byte[] toJson(Problem body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem body always serializes", e);
    }
  }
}
