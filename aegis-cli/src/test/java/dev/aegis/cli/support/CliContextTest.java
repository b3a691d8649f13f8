package dev.aegis.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliContextTest {
  @TempDir Path workDir;

  private final StringWriter err = new StringWriter();

  private CliContext context(Map<String, String> env) {
    return new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err), env, workDir);
  }

  @Test
  void urlComesFromTheFlagThenTheEnvironmentThenTheDefault() {
    CliContext flagged = context(Map.of("AEGIS_URL", "http://env:1"));
    flagged.options().url = "http://flag:2";
    assertThat(flagged.url()).isEqualTo(URI.create("http://flag:2"));

    assertThat(context(Map.of("AEGIS_URL", "http://env:1")).url()).isEqualTo(URI.create("http://env:1"));
    assertThat(context(Map.of()).url()).isEqualTo(URI.create("http://127.0.0.1:4318"));
  }

  @Test
  void aBadUrlNamesWhereItCameFrom() {
    assertThatThrownBy(() -> context(Map.of("AEGIS_URL", "localhost")).url())
        .isInstanceOf(UsageException.class)
        .hasMessage("AEGIS_URL must look like http://127.0.0.1:4318, was 'localhost'");
  }

  @Test
  void keyComesFromTheFlagThenTheEnvironment() throws IOException {
    writeAdminKeyFile("from-file");
    CliContext flagged = context(Map.of("AEGIS_KEY", "from-env"));
    flagged.options().key = "from-flag";
    assertThat(flagged.apiKey()).isEqualTo(new CliContext.ApiKeySource("from-flag", "--key"));
    assertThat(context(Map.of("AEGIS_KEY", "from-env")).apiKey().secret()).isEqualTo("from-env");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void withoutAKeyTheLocalAdminKeyFileIsUsedAndSaidSo() throws IOException {
    writeAdminKeyFile("aegis_secret_value\n");

    CliContext.ApiKeySource key = context(Map.of()).apiKey();

    assertThat(key.secret()).isEqualTo("aegis_secret_value");
    assertThat(key.origin()).isEqualTo("./aegis-data/admin.key");
    assertThat(err.toString()).contains("acting as the system admin, with the key in ./aegis-data/admin.key")
        .doesNotContain("aegis_secret_value");
    assertThat(key.toString()).doesNotContain("aegis_secret_value");
  }

  @Test
  void noKeyAtAllIsAllowedAndSaysSo() {
    CliContext.ApiKeySource key = context(Map.of()).apiKey();

    assertThat(key.present()).isFalse();
    assertThat(key.origin()).isEqualTo("none");
  }

  @Test
  void tablesFitColumnsWhenSetElseEighty() {
    assertThat(context(Map.of("COLUMNS", "120")).width()).isEqualTo(120);
    assertThat(context(Map.of("COLUMNS", "wide")).width()).isEqualTo(80);
    assertThat(context(Map.of()).width()).isEqualTo(80);
  }

  private void writeAdminKeyFile(String secret) throws IOException {
    Path file = workDir.resolve("aegis-data/admin.key");
    Files.createDirectories(file.getParent());
    Files.writeString(file, secret);
  }
}
