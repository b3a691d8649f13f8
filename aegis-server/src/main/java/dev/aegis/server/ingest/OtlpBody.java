package dev.aegis.server.ingest;

import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an export's body, gzip or not, never holding more than the limit: the compressed bytes are counted as
 * they arrive and the decompressed bytes as they are inflated, so neither a large body nor a small gzip bomb gets
 * past {@code http.max_body_bytes}.
 */
final class OtlpBody {
  private OtlpBody() {}

  static byte[] read(InputStream in, String contentEncoding, long max) {
    String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    boolean gzip = switch (encoding) {
      case "gzip", "x-gzip" -> true;
      case "identity", "" -> false;
      default -> throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Content-Encoding '" + contentEncoding + "' is not supported; send gzip or no encoding.");
    };
    byte[] raw = readLimited(in, max, "The body is larger than " + max
        + " bytes; send smaller batches, or raise http.max_body_bytes on the server.");
    if (!gzip) {
      return raw;
    }
    try (InputStream inflated = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 8192)) {
      return readLimited(inflated, max, "The body is larger than " + max + " bytes once decompressed; send"
          + " smaller batches, or raise http.max_body_bytes on the server.");
    } catch (ZipException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST,
          "The body is not valid gzip (" + e.getMessage() + "); send it compressed, or without Content-Encoding.");
    } catch (IOException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST,
          "The gzip body ended early or could not be decompressed; send it whole.");
    }
  }

  private static byte[] readLimited(InputStream in, long max, String tooLarge) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] chunk = new byte[8192];
    long total = 0;
    try {
      int read;
      while ((read = in.read(chunk)) != -1) {
        total += read;
        if (total > max) {
          throw new ProblemException(ProblemType.BODY_TOO_LARGE, tooLarge);
        }
        out.write(chunk, 0, read);
      }
    } catch (ZipException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST,
          "The body is not valid gzip (" + e.getMessage() + "); send it compressed, or without Content-Encoding.");
    } catch (java.io.EOFException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST,
          "The gzip body ended early; send it whole.");
    } catch (IOException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body could not be read completely.");
    }
    return out.toByteArray();
  }
}
