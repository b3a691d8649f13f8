package dev.aegis.cli.keys;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.Table;
import dev.aegis.client.ApiKeyInfo;
import dev.aegis.client.CreatedKey;
import dev.aegis.client.Page;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis keys}: create, list, show and revoke a tenant's API keys. */
@Command(
    name = "keys",
    description = {
      "Create, list, show and revoke a tenant's API keys.",
      "Needs the system admin key or an admin key of that tenant."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      KeysCommand.Create.class,
      KeysCommand.ListKeys.class,
      KeysCommand.Show.class,
      KeysCommand.Revoke.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis keys create --tenant acme --name support-bot --role agent",
      "  aegis keys list --tenant acme",
      "  aegis keys revoke --tenant acme key_01jd8x..."
    })
public final class KeysCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  KeysCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** The --tenant option every keys command needs. */
  static final class TenantOption {
    @Option(
        names = {"-t", "--tenant"},
        required = true,
        paramLabel = "TENANT",
        description = "The tenant's id (ten_...) or name.")
    String tenant;
  }

  static List<String> table(List<ApiKeyInfo> keys, int width) {
    Table table =
        new Table()
            .column("ID")
            .flexibleColumn("NAME")
            .column("PREFIX")
            .flexibleColumn("ROLES")
            .column("STATUS");
    keys.forEach(
        k -> table.row(k.id(), k.name(), k.prefix(), Formats.roles(k.roles()), k.isActive() ? "active" : "revoked"));
    return table.render(width);
  }

  static List<String> fields(ApiKeyInfo key) {
    return new Fields()
        .add("id", key.id())
        .add("tenant", key.tenantId())
        .add("name", key.name())
        .add("prefix", key.prefix())
        .add("roles", Formats.roles(key.roles()))
        .add("created", Formats.time(key.createdAt(), ""))
        .add("last used", Formats.time(key.lastUsedAt(), "never"))
        .add("revoked", Formats.time(key.revokedAt(), "no"))
        .render();
  }

  @Command(
      name = "create",
      description = "Create a key. Its secret is printed once and never again: store it right away.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis keys create --tenant acme --name support-bot --role agent",
        "  aegis keys create --tenant acme --name ops --role operator --role approver",
        "  aegis keys create --tenant acme --name ci --role agent -o json | jq -r .secret"
      })
  static final class Create implements Callable<Integer> {
    private final CliContext context;

    @Mixin TenantOption tenant;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "A label, 1 to 100 characters.")
    String name;

    @Option(
        names = "--role",
        required = true,
        split = ",",
        paramLabel = "ROLE",
        description = "agent, operator, approver or admin; repeat it (or use commas) for several.")
    List<String> roles;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      CreatedKey key = context.client().keys().create(tenant.tenant, name, roles);
      PrintWriter out = context.out();
      if (context.output() == OutputFormat.JSON) {
        out.println(Json.pretty(key));
        out.flush();
        context.err().println("note: the secret is shown only this once; store it now.");
        context.err().flush();
        return 0;
      }
      out.println("Created key " + key.id() + " (" + key.name() + ") in tenant " + tenant.tenant + ",");
      out.println("with roles " + Formats.roles(key.roles()) + ". Its secret:");
      out.println();
      out.println("    " + key.secret());
      out.println();
      out.println("This is the only time it is shown: Aegis keeps just a hash and cannot show it");
      out.println("again. Store it now, for example in a secret manager or as AEGIS_KEY.");
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "list",
      description = "List a tenant's keys, revoked ones included. Secrets are never listed.",
      footerHeading = "%nExamples:%n",
      footer = {"  aegis keys list --tenant acme", "  aegis keys list --tenant acme --all -o json"})
  static final class ListKeys implements Callable<Integer> {
    private final CliContext context;

    @Mixin TenantOption tenant;

    @Mixin PageOptions paging;

    ListKeys(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Page<ApiKeyInfo> page = Lists.fetch(paging, query -> context.client().keys().list(tenant.tenant, query));
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("No keys in tenant " + tenant.tenant + " yet. Create one: aegis keys create --tenant "
            + tenant.tenant + " --name NAME --role agent");
      } else {
        context.print(table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis keys list --tenant " + tenant.tenant);
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "Show one key (never its secret).",
      footerHeading = "%nExample:%n",
      footer = "  aegis keys show --tenant acme key_01jd8x...")
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Mixin TenantOption tenant;

    @Parameters(paramLabel = "KEY_ID", description = "The key's id (key_...).")
    String keyId;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ApiKeyInfo key = context.client().keys().get(tenant.tenant, keyId);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(key));
      } else {
        context.print(fields(key));
      }
      context.out().flush();
      return 0;
    }
  }

  @Command(
      name = "revoke",
      description = "Revoke a key: from now on it is refused (401). Revoking twice is fine.",
      footerHeading = "%nExample:%n",
      footer = "  aegis keys revoke --tenant acme key_01jd8x...")
  static final class Revoke implements Callable<Integer> {
    private final CliContext context;

    @Mixin TenantOption tenant;

    @Parameters(paramLabel = "KEY_ID", description = "The key's id (key_...).")
    String keyId;

    Revoke(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      context.client().keys().revoke(tenant.tenant, keyId);
      ApiKeyInfo key = context.client().keys().get(tenant.tenant, keyId);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(key));
      } else {
        context.out().println(
            "Revoked key " + key.id() + " (" + key.name() + ") at " + Formats.time(key.revokedAt(), "?")
                + "; it is refused from now on.");
      }
      context.out().flush();
      return 0;
    }
  }
}
