package dev.aegis.cli.server;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.CliVersion;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.StartFailure;
import dev.aegis.server.AegisServer;
import dev.aegis.server.auth.AdminKeyFile;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.ConfigException;
import dev.aegis.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aegis server}: runs the control plane in the foreground until it is stopped. */
@Command(
    name = "server",
    description = {
      "Run the Aegis control plane in the foreground.",
      "Stop it with Ctrl-C or SIGTERM: requests in flight finish, then the store closes.",
      "Settings come from defaults, then the --config file, then AEGIS_* environment",
      "variables, then these flags; docs/configuration.md lists them all."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis server",
      "  aegis server --port 8080 --data /var/lib/aegis",
      "  AEGIS_DATABASE_URL=jdbc:postgresql://db/aegis aegis server --host 0.0.0.0",
      "  aegis server --config aegis.yaml"
    })
public final class ServerCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on; 0 picks a free one (default: 4318).")
  String port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory: the SQLite database and the generated admin key (default: ./aegis-data).")
  Path data;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (env: AEGIS_CONFIG).")
  Path config;

  ServerCommand(CliContext context) {
    this.context = context;
  }

  /** The flags as dotted configuration keys, only those given. */
  Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    if (host != null) {
      flags.put("server.host", host);
    }
    if (port != null) {
      flags.put("server.port", port);
    }
    if (data != null) {
      flags.put("data.dir", data.toString());
    }
    return flags;
  }

  /** --config, else AEGIS_CONFIG, else none. */
  Path configFile() {
    if (config != null) {
      return config;
    }
    String fromEnv = context.env().get("AEGIS_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv.trim());
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    AegisConfig loaded;
    AegisServer server;
    try {
      loaded = ConfigLoader.load(configFile(), context.env(), flags());
      server = AegisServer.start(loaded);
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      err.println("see: aegis server --help, and docs/configuration.md");
      err.flush();
      return ExitCodes.USAGE;
    } catch (RuntimeException e) {
      // A taken port, an unwritable data directory, a database that does not answer: say it, no stack trace.
      err.println("error: Aegis could not start: " + StartFailure.describe(e));
      err.flush();
      return ExitCodes.FAILED;
    }
    StopSignals.install(server::close);
    out.println("Aegis " + CliVersion.value() + " is listening on " + server.baseUri());
    out.println("  data:       " + loaded.dataDir().toAbsolutePath().normalize());
    out.println("  admin key:  " + adminKeyLocation(loaded));
    if (findsAdminKeyFile(loaded)) {
      out.println("  try:        ./aegis whoami   (from this directory it finds the admin key)");
    }
    out.println("Stop with Ctrl-C: requests in flight finish first.");
    out.flush();
    server.join();
    out.println("Aegis stopped.");
    out.flush();
    return ExitCodes.OK;
  }

  private static String adminKeyLocation(AegisConfig config) {
    if (config.auth().adminKey() != null) {
      return "as configured by admin.key (AEGIS_ADMIN_KEY); it is not written anywhere";
    }
    return config.dataDir().resolve(AdminKeyFile.FILE_NAME).toAbsolutePath().normalize() + " (readable only by you)";
  }

  /** Whether a client started in this directory picks the generated key up without being told. */
  private boolean findsAdminKeyFile(AegisConfig config) {
    Path expected = context.workDir().resolve(CliContext.DEFAULT_ADMIN_KEY_FILE).toAbsolutePath().normalize();
    return config.auth().adminKey() == null
        && config.dataDir().resolve(AdminKeyFile.FILE_NAME).toAbsolutePath().normalize().equals(expected);
  }}
