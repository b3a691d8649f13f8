package dev.aegis.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A request body made once, and stamped with a new 64-bit token for each request: the token sits in every trace id
 * and run id of the batch (as eight raw bytes in protobuf ids, as sixteen hex digits in JSON ids and in run ids), so
 * stamping is a copy and a few overwrites, and every request carries spans and runs the server has not seen. The
 * load driver thus spends its CPU on sending, not on building spans.
 */
final class BodyTemplate {
  private final byte[] body;
  private final int[] rawAt;
  private final int[] hexAt;
  private final int spans;

  private BodyTemplate(byte[] body, int[] rawAt, int[] hexAt, int spans) {
    this.body = body;
    this.rawAt = rawAt;
    this.hexAt = hexAt;
    this.spans = spans;
  }

  /**
   * Finds every place of the batch's token in its encoded body.
   *
   * @param idsAreRaw whether trace ids are raw bytes (protobuf) rather than hex text (JSON)
   * @throws IllegalStateException when the token is not where every trace id and run id is
   */
  static BodyTemplate of(AgentSpans.Batch batch, byte[] body, boolean idsAreRaw) {
    byte[] raw = new byte[8];
    long token = batch.token();
    for (int i = 0; i < 8; i++) {
      raw[i] = (byte) (token >>> (56 - 8 * i));
    }
    int[] rawAt = find(body, raw);
    int[] hexAt = find(body, batch.tokenHex().getBytes(StandardCharsets.US_ASCII));
    int spans = batch.spans().size();
    long runIds = batch.spans().stream()
        .mapToLong(s -> (s.attributes().containsKey("run.id") ? 1 : 0) + (s.attributes().containsKey(
            "parent_run_id") ? 1 : 0))
        .sum();
    long expectedHex = runIds + (idsAreRaw ? 0 : spans);
    long expectedRaw = idsAreRaw ? spans : 0;
    if (rawAt.length != expectedRaw || hexAt.length != expectedHex) {
      throw new IllegalStateException("the token is at " + rawAt.length + " raw and " + hexAt.length
          + " hex places; expected " + expectedRaw + " and " + expectedHex);
    }
    return new BodyTemplate(body, rawAt, hexAt, spans);
  }

  /** A copy of the body with this token in place of the template's. */
  byte[] stamp(long token) {
    byte[] out = Arrays.copyOf(body, body.length);
    for (int at : rawAt) {
      for (int i = 0; i < 8; i++) {
        out[at + i] = (byte) (token >>> (56 - 8 * i));
      }
    }
    if (hexAt.length > 0) {
      byte[] hex = HexFormat.of().toHexDigits(token).getBytes(StandardCharsets.US_ASCII);
      for (int at : hexAt) {
        System.arraycopy(hex, 0, out, at, hex.length);
      }
    }
    return out;
  }

  int spans() {
    return spans;
  }

  int bytes() {
    return body.length;
  }

  private static int[] find(byte[] haystack, byte[] needle) {
    int[] found = new int[16];
    int count = 0;
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      if (count == found.length) {
        found = Arrays.copyOf(found, count * 2);
      }
      found[count++] = i;
      i += needle.length - 1;
    }
    return Arrays.copyOf(found, count);
  }
}
