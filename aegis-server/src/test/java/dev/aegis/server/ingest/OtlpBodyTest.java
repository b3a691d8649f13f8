package dev.aegis.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class OtlpBodyTest {
  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  private static byte[] read(byte[] body, String encoding, long max) {
    return OtlpBody.read(new ByteArrayInputStream(body), encoding, max);
  }

  @Test
  void readsPlainAndGzipBodies() throws IOException {
    byte[] raw = "hello otlp".getBytes();
    assertThat(read(raw, null, 100)).isEqualTo(raw);
    assertThat(read(raw, "identity", 100)).isEqualTo(raw);
    assertThat(read(gzip(raw), "gzip", 100)).isEqualTo(raw);
    assertThat(read(gzip(raw), "GZIP ", 100)).isEqualTo(raw);
    assertThat(read(new byte[100], null, 100)).hasSize(100);
  }

  @Test
  void boundsTheBodyBeforeAndAfterDecompression() throws IOException {
    assertThatThrownBy(() -> read(new byte[101], null, 100))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.BODY_TOO_LARGE));
    byte[] bomb = gzip(new byte[10_000_000]);
    assertThat(bomb.length).isLessThan(20_000);
    assertThatThrownBy(() -> read(bomb, "gzip", 20_000))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.type()).isEqualTo(ProblemType.BODY_TOO_LARGE);
          assertThat(e.detail()).contains("once decompressed");
        });
  }

  @Test
  void refusesBrokenGzipAndUnknownEncodings() {
    assertThatThrownBy(() -> read("plain".getBytes(), "gzip", 100))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(
            ProblemType.MALFORMED_REQUEST));
    assertThatThrownBy(() -> read("x".getBytes(), "deflate", 100))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
          assertThat(e.detail()).contains("gzip");
        });
  }
}
