package dev.aegis.cli.audit;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.client.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code aegis audit verify}: the server recomputes the chain; exit 3 naming the first broken entry. */
@Command(
    name = "verify",
    description = {
      "Have the server recompute the tenant's audit chain, entry by entry, and say where it",
      "ends (keep the head: a later answer that disagrees shows the history was rewritten).",
      "Exit 0 when every entry checks out; 3, naming the first broken entry, when one does not."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aegis audit verify", "  aegis audit verify --tenant acme -o json"})
final class VerifyCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin TenantOption tenant;

  VerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AuditVerification result = context.client().audit().verify(tenant.tenant());
    if (context.output() == OutputFormat.JSON) {
      context.out().println(Json.pretty(result));
    } else {
      context.print(lines(result));
    }
    context.out().flush();
    return result.ok() ? 0 : AuditCommand.BROKEN;
  }

  static List<String> lines(AuditVerification result) {
    List<String> lines = new ArrayList<>();
    if (result.ok()) {
      lines.add("The audit log of " + result.tenantId() + " is intact: " + entries(result.entriesChecked())
          + " checked.");
    } else {
      AuditVerification.Broken broken = result.firstBroken();
      lines.add("The audit log of " + result.tenantId() + " is BROKEN at entry " + broken.sequence()
          + (broken.entryId() == null ? " (missing)" : " (" + broken.entryId() + ")") + ": " + broken.problem());
      lines.add("  " + broken.detail());
    }
    Fields fields = new Fields();
    if (!result.ok()) {
      fields.add("checked", entries(result.entriesChecked()));
    }
    if (result.head() == null) {
      fields.add("head", "none: the log is empty");
    } else {
      fields.add("head", "entry " + result.head().sequence()).add("head hash", result.head().hash());
    }
    lines.addAll(fields.render());
    return lines;
  }

  private static String entries(long count) {
    return count + (count == 1 ? " entry" : " entries");
  }
}
