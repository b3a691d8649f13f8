package dev.aegis.cli;

import dev.aegis.cli.support.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code aegis} commands in this JVM and keeps what they printed, for tests. */
public final class Cli {
  /** What one command did. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Map<String, String> env;
  private final Path workDir;

  public Cli(Map<String, String> env, Path workDir) {
    this.env = env;
    this.workDir = workDir;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new PrintWriter(out), new PrintWriter(err), env, workDir);
    int code = Main.run(context, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A context that prints into the given writers, for tests that look at the parsed command line. */
  public static CliContext context(StringWriter out, StringWriter err, Map<String, String> env, Path workDir) {
    return new CliContext(new PrintWriter(out), new PrintWriter(err), env, workDir);
  }
}
