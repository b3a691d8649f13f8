package dev.aegis.server.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.AegisException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
  @TempDir Path dataDir;
  private final SecureRandom random = new SecureRandom();

  @Test
  void aConfiguredKeyWinsAndNoFileIsMade() {
    byte[] key = new byte[32];
    random.nextBytes(key);

    assertThat(MasterKey.resolve(Base64.getEncoder().encodeToString(key), dataDir, random)).isEqualTo(key);
    assertThat(Files.exists(dataDir.resolve(MasterKey.FILE_NAME))).isFalse();
  }

  @Test
  void withoutOneAPrivateFileIsMadeOnceAndReadAfterwards() throws Exception {
    byte[] made = MasterKey.resolve(null, dataDir, random);
    Path file = dataDir.resolve(MasterKey.FILE_NAME);

    assertThat(made).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(MasterKey.resolve(null, dataDir, random)).isEqualTo(made);
  }

  @Test
  void aDamagedFileStopsTheStartAndSaysNotToDeleteIt() throws Exception {
    Files.writeString(dataDir.resolve(MasterKey.FILE_NAME), "not base64 of 32 bytes\n");

    assertThatThrownBy(() -> MasterKey.resolve(null, dataDir, random))
        .isInstanceOf(AegisException.class)
        .hasMessageContaining("must be base64 of 32 bytes")
        .hasMessageContaining("restore it from a backup");
  }
}
