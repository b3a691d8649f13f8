package dev.aegis.cli.audit;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.AegisClientException;
import dev.aegis.client.AuditExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aegis audit export}: every entry as JSON Lines, oldest first, to stdout or a file. */
@Command(
    name = "export",
    description = {
      "Write every entry of the tenant's audit log as JSON Lines, oldest first, each with its",
      "hash, so that it can be kept apart and verified offline (docs/audit.md shows how).",
      "Exit 3 when the export stops short of the head the server named."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis audit export --out audit-$(date +%F).jsonl",
      "  aegis audit export | jq -c 'select(.action == \"key.revoked\")'"
    })
final class ExportCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (replaced whole) instead of stdout.")
  Path out;

  @Mixin TenantOption tenant;

  ExportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AuditExport export = out == null ? toStdout() : toFile(context.workDir().resolve(out));
    PrintWriter err = context.err();
    String where = out == null ? "" : " to " + out;
    if (export.headSequence() == null) {
      err.println("exported " + export.entries() + " entries" + where + ": the log is empty");
    } else {
      err.println("exported " + export.entries() + " entries" + where + ", up to entry " + export.headSequence()
          + " (head hash " + export.headHash() + ")");
    }
    if (!export.reachesHead()) {
      err.println("error: the export ends at entry " + export.lastSequence() + ", but the head is entry "
          + export.headSequence() + ": entries are missing from the end; run aegis audit verify");
    }
    err.flush();
    return export.reachesHead() ? 0 : AuditCommand.BROKEN;
  }

  private AuditExport toStdout() {
    try (LinesOut lines = new LinesOut(context.out())) {
      return context.client().audit().export(tenant.tenant(), lines);
    }
  }

  /** Written next to the file and moved over it once whole, so that a failed export leaves no half file. */
  private AuditExport toFile(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UsageException("--out " + out + ": the directory " + parent + " does not exist");
    }
    Path partial = parent.resolve("." + file.getFileName() + ".partial");
    try {
      AuditExport export;
      try (OutputStream stream = Files.newOutputStream(partial)) {
        export = context.client().audit().export(tenant.tenant(), stream);
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return export;
    } catch (IOException | UncheckedIOException e) {
      throw new AegisClientException("cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // the partial file is hidden and replaced by the next export
      }
    }
  }

  /** Passes whole UTF-8 lines to a writer (stdout), as the export writes them. */
  private static final class LinesOut extends OutputStream {
    private final PrintWriter writer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LinesOut(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      if (b == '\n') {
        writer.println(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        write(bytes[i]);
      }
    }

    @Override
    public void flush() {
      writer.flush();
    }

    @Override
    public void close() {
      if (line.size() > 0) {
        writer.print(line.toString(StandardCharsets.UTF_8));
      }
      writer.flush();
    }
  }
}
