package dev.aegis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.client.AegisClient;
import dev.aegis.client.AegisClientException;
import dev.aegis.client.CreatedKey;
import dev.aegis.client.Role;
import dev.aegis.client.Tenant;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code aegis server} as its own JVM, as a user would, and stops it the hard way (kill -9) and the polite way
 * (SIGTERM): what got a 2xx must be there after a restart, and a polite stop must exit 0.
 */
@Timeout(300)
class ServerProcessIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dataDir;
  @TempDir Path logs;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  /** A server JVM with the test's class path, which holds the CLI, the server and all their dependencies. */
  private Running start() throws IOException, InterruptedException {
    int port = freePort();
    Path log = logs.resolve("server-" + started.size() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.aegis.cli.Main",
                "server",
                "--port",
                Integer.toString(port),
                "--data",
                dataDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AEGIS_"));
    Process process = builder.start();
    started.add(process);
    Running running = new Running(process, URI.create("http://127.0.0.1:" + port), log);
    running.awaitReady();
    return running;
  }

  private record Running(Process process, URI url, Path log) {
    void awaitReady() throws InterruptedException, IOException {
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      try (AegisClient client = AegisClient.builder().baseUrl(url).timeout(Duration.ofSeconds(2)).build()) {
        while (true) {
          if (!process.isAlive()) {
            throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + output());
          }
          try {
            if ("ready".equals(client.ready().status())) {
              return;
            }
          } catch (AegisClientException notYet) {
            // not listening yet, or the store is still opening
          }
          if (Instant.now().isAfter(deadline)) {
            throw new AssertionError("the server was not ready within " + START_TIMEOUT + ":\n" + output());
          }
          Thread.sleep(100);
        }
      }
    }

    String output() throws IOException {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    AegisClient client(String key) {
      return AegisClient.builder().baseUrl(url).apiKey(key).build();
    }
  }

  private String adminKey() throws IOException {
    return Files.readString(dataDir.resolve("admin.key"), StandardCharsets.UTF_8).strip();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  @Test
  void whatGotA2xxSurvivesKillMinus9() throws Exception {
    Running first = start();
    assertThat(first.output()).contains("is listening on " + first.url());
    Tenant tenant;
    CreatedKey key;
    try (AegisClient admin = first.client(adminKey())) {
      tenant = admin.tenants().create("durable");
      key = admin.keys().create("durable", "survivor", Role.AGENT);
    }

    first.process().destroyForcibly();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

    Running second = start();
    try (AegisClient admin = second.client(adminKey());
        AegisClient agent = second.client(key.secret())) {
      assertThat(agent.whoami().keyId()).isEqualTo(key.id());
      assertThat(agent.whoami().tenantName()).isEqualTo("durable");
      assertThat(admin.tenants().listAll()).contains(tenant);
      assertThat(admin.keys().get("durable", key.id()).name()).isEqualTo("survivor");
    }
  }

  @Test
  void sigtermDrainsExitsZeroAndKeepsEverything() throws Exception {
    Running first = start();
    CreatedKey key;
    try (AegisClient admin = first.client(adminKey())) {
      admin.tenants().create("polite");
      key = admin.keys().create("polite", "stays", Role.OPERATOR);
    }

    first.process().destroy();

    assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
    assertThat(first.process().exitValue()).as(first.output()).isZero();
    assertThat(first.output()).contains("Aegis stopped.");

    Running second = start();
    try (AegisClient admin = second.client(adminKey());
        AegisClient operator = second.client(key.secret())) {
      assertThat(operator.whoami().roles()).containsExactly("operator");
      assertThat(admin.tenants().listAll().map(Tenant::name)).contains("polite");
    }
    second.process().destroy();
    assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.process().exitValue()).isZero();
  }

  /** Runs {@code aegis server ARGS} to its end and returns its exit status and everything it printed. */
  private record Finished(int exitCode, String output) {}

  private Finished runToEnd(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.aegis.cli.Main",
                "server"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AEGIS_"));
    Process process = builder.start();
    started.add(process);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Finished(process.exitValue(), output);
  }

  @Test
  void aBadSettingStopsStartupWithExit2AndNoStackTrace() throws Exception {
    Finished run = runToEnd("--port", "not-a-port", "--data", dataDir.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("error: ").contains("server.port").doesNotContain("\tat ");
  }

  @Test
  void aTakenPortIsExit1WithAPlainMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Finished run = runToEnd("--port", Integer.toString(taken.getLocalPort()), "--data", dataDir.toString());

      assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("error: Aegis could not start: ").doesNotContain("\tat ");
    }
  }
}
