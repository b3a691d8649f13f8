package dev.aegis.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionKeysTest {
  @TempDir Path dataDir;

  @Test
  void makesAnOwnerOnlyKeyFileOnceAndDerivesStableKeysPerTenant() throws Exception {
    RedactionKeys first = RedactionKeys.resolve(null, dataDir);
    Path file = dataDir.resolve(RedactionKeys.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String written = Files.readString(file);

    RedactionKeys again = RedactionKeys.resolve(null, dataDir);
    assertThat(Files.readString(file)).isEqualTo(written);
    assertThat(again.forTenant("ten_a")).isEqualTo(first.forTenant("ten_a")).hasSize(32);
    assertThat(first.forTenant("ten_a")).isNotEqualTo(first.forTenant("ten_b"));
    assertThat(first.toString()).doesNotContain(written.strip());
  }

  @Test
  void aConfiguredSecretIsUsedAndNoFileIsWritten() {
    RedactionKeys configured = RedactionKeys.resolve("a-configured-redaction-secret-0123456789", dataDir);
    RedactionKeys sameSecret = RedactionKeys.resolve("a-configured-redaction-secret-0123456789", dataDir.resolve("x"));

    assertThat(configured.forTenant("ten_a")).isEqualTo(sameSecret.forTenant("ten_a"));
    assertThat(dataDir.resolve(RedactionKeys.FILE_NAME)).doesNotExist();
  }
}
