package dev.aegis.server.http;

import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Takes the client's {@code X-Request-Id} when it is well-formed, or makes one. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  /** The SLF4J MDC key that carries the request id into every log line of the request. */
  public static final String MDC_KEY = "request_id";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final String ATTRIBUTE = "aegis.request-id";

  private RequestIds() {}

  /** The request id of this request, assigned on first use. */
  public static String of(Context ctx) {
    Object known = ctx.attribute(ATTRIBUTE);
    if (known instanceof String id) {
      return id;
    }
    String id = accept(ctx.header(HEADER));
    ctx.attribute(ATTRIBUTE, id);
    return id;
  }

  /** The client's id when it matches {@code [A-Za-z0-9._:-]{1,128}}, else a new one. */
  static String accept(String fromClient) {
    if (fromClient != null && VALID.matcher(fromClient).matches()) {
      return fromClient;
    }
    // not a secret, only needs to be unique enough to find one request in the logs
    byte[] bytes = new byte[8];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
