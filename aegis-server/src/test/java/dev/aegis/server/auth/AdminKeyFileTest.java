package dev.aegis.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.AegisException;
import dev.aegis.core.auth.KeySecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeyFileTest {
  @TempDir Path dataDir;
  private final KeySecrets secrets = new KeySecrets(new SecureRandom());

  @Test
  void createsTheFileOwnerOnlyAndReadsItBack() throws Exception {
    Path nested = dataDir.resolve("fresh");

    String key = AdminKeyFile.resolve(null, nested, secrets);

    Path file = nested.resolve("admin.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo(key + "\n");
    assertThat(KeySecrets.prefixOf(key)).isPresent();
    assertThat(AdminKeyFile.resolve(null, nested, secrets)).isEqualTo(key);
  }

  @Test
  void configuredKeyWinsAndWritesNothing() {
    assertThat(AdminKeyFile.resolve("from-config-0123456789", dataDir, secrets)).isEqualTo("from-config-0123456789");
    assertThat(dataDir.resolve("admin.key")).doesNotExist();
  }

  @Test
  void tooShortKeyFileStopsTheStartWithoutShowingTheKey() throws Exception {
    Files.writeString(dataDir.resolve("admin.key"), "short\n");

    assertThatThrownBy(() -> AdminKeyFile.resolve(null, dataDir, secrets))
        .isInstanceOf(AegisException.class)
        .hasMessageContaining("at least 16 characters")
        .hasMessageNotContaining("short\n");
  }
}
