package dev.aegis.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** Reads a request body as a JSON object: 415 for another media type, 413 past the limit, 400 for broken JSON. */
public final class JsonBody {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonBody.class);
  static final Key<Long> MAX_BYTES = new Key<>("aegis-max-body-bytes");
  static final Key<ObjectMapper> MAPPER = new Key<>("aegis-json-mapper");

  private JsonBody() {}

  /** The body as a JSON object; throws a {@link ProblemException} when it is not one. */
  public static ObjectNode read(Context ctx) {
    requireJsonContentType(ctx);
    byte[] bytes = readLimited(ctx, ctx.appData(MAX_BYTES));
    if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body is empty; send a JSON object.");
    }
    JsonNode node;
    try {
      node = ctx.appData(MAPPER).readTree(bytes);
    } catch (JacksonException e) {
      var location = e.getLocation();
      String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "The body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body could not be read.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "The body must be a JSON object.",
          List.of(Problem.FieldError.atPointer("", "must be a JSON object")));
    }
    return object;
  }

  /** The raw body, whatever its media type, within the body limit (413 past it). */
  public static byte[] readBytes(Context ctx) {
    return readLimited(ctx, ctx.appData(MAX_BYTES));
  }

  private static void requireJsonContentType(Context ctx) {
    String contentType = ctx.header("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      String was = contentType == null ? "no Content-Type" : "Content-Type '" + contentType + "'";
      throw new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "The body must be JSON sent with Content-Type: application/json; the request had " + was + ".");
    }
  }

  /** Reads at most {@code max} bytes; the declared length was checked up front, this catches chunked bodies. */
  private static byte[] readLimited(Context ctx, long max) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    long total = 0;
    try (InputStream in = ctx.bodyInputStream()) {
      int read;
      while ((read = in.read(chunk)) != -1) {
        total += read;
        if (total > max) {
          throw tooLarge(max);
        }
        out.write(chunk, 0, read);
      }
    } catch (IOException e) {
      LOG.debug("Could not read a request body", e);
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body could not be read completely.");
    }
    return out.toByteArray();
  }

  static ProblemException tooLarge(long max) {
    return new ProblemException(
        ProblemType.BODY_TOO_LARGE,
        "The body is larger than " + max + " bytes; send less, or raise http.max_body_bytes on the server.");
  }
}
