package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap admin key: configured, or generated once into a file only its owner can read. */
class AdminKeyIT {
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
}
