package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.AegisException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting: the bootstrap admin key (configured, or generated once into an owner-only file), and clear failures. */
class StartupIT {
  @TempDir Path dataDir;

  @Test
  void firstStartWritesTheKeyWithMode0600AndLaterStartsReuseIt() throws Exception {
    String generated;
    try (TestServer api = TestServer.start(dataDir, Map.of())) {
      generated = api.adminKey();
      assertThat(api.get("/api/v1/whoami", generated).json().path("system").asBoolean()).isTrue();
    }
    Path file = dataDir.resolve("admin.key");
    assertThat(Files.readString(file).strip()).isEqualTo(generated);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

    try (TestServer again = TestServer.start(dataDir, Map.of())) {
      assertThat(again.adminKey()).isEqualTo(generated);
    }
  }

  @Test
  void configuredKeyIsUsedAndNoFileIsWritten() {
    String configured = "configured-admin-key-0123456789";
    try (TestServer api = TestServer.start(dataDir, Map.of("admin.key", configured))) {
      assertThat(api.adminKey()).isEqualTo(configured);
      assertThat(api.get("/api/v1/whoami", configured).status()).isEqualTo(200);
      assertThat(api.get("/api/v1/whoami", "configured-admin-key-012345678").status()).isEqualTo(401);
    }
    assertThat(dataDir.resolve("admin.key")).doesNotExist();
  }

  @Test
  void portInUseIsAClearStartupError() {
    try (TestServer first = TestServer.start(dataDir, Map.of())) {
      String port = Integer.toString(first.server.port());

      assertThatThrownBy(() -> TestServer.start(dataDir.resolve("second"), Map.of("server.port", port)))
          .isInstanceOf(AegisException.class)
          .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + port)
          .hasMessageContaining("--port");
      assertThat(first.get("/healthz", null).status()).isEqualTo(200);
    }
  }
}
