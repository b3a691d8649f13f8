package dev.aegis.cli.tenants;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.Table;
import dev.aegis.client.Page;
import dev.aegis.client.Tenant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code aegis tenants}: create, list and show tenants. */
@Command(
    name = "tenants",
    description = "Create, list and show tenants (the unit of isolation).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {TenantsCommand.Create.class, TenantsCommand.ListTenants.class, TenantsCommand.Show.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis tenants create acme",
      "  aegis tenants list --all -o json",
      "  aegis tenants show acme"
    })
public final class TenantsCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  TenantsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  static List<String> table(List<Tenant> tenants, int width) {
    Table table = new Table().column("ID").flexibleColumn("NAME").column("CREATED");
    tenants.forEach(t -> table.row(t.id(), t.name(), Formats.time(t.createdAt(), "")));
    return table.render(width);
  }

  static List<String> fields(Tenant tenant) {
    return new Fields()
        .add("id", tenant.id())
        .add("name", tenant.name())
        .add("created", Formats.time(tenant.createdAt(), ""))
        .render();
  }

  @Command(
      name = "create",
      description = "Create a tenant. Needs the system admin key.",
      footerHeading = "%nExample:%n",
      footer = "  aegis tenants create acme")
  static final class Create implements Callable<Integer> {
    private final CliContext context;

    @Parameters(
        paramLabel = "NAME",
        description = "1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit.")
    String name;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Tenant tenant = context.client().tenants().create(name);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(tenant));
      } else {
        context.out().println("Created tenant " + tenant.name() + " (" + tenant.id() + ").");
        context.out().println("Next: aegis keys create --tenant " + tenant.name() + " --name NAME --role agent");
      }
      context.out().flush();
      return 0;
    }
  }

  @Command(
      name = "list",
      description = "List tenants: all of them with the system admin key, its own with a tenant admin key.",
      footerHeading = "%nExamples:%n",
      footer = {"  aegis tenants list", "  aegis tenants list --limit 10", "  aegis tenants list --all -o json"})
  static final class ListTenants implements Callable<Integer> {
    private final CliContext context;

    @Mixin PageOptions paging;

    ListTenants(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Page<Tenant> page = Lists.fetch(paging, context.client().tenants()::list);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("No tenants yet. Create one: aegis tenants create NAME");
      } else {
        context.print(table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis tenants list");
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "Show one tenant.",
      footerHeading = "%nExamples:%n",
      footer = {"  aegis tenants show acme", "  aegis tenants show ten_01jd8x... -o json"})
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "TENANT", description = "The tenant's id (ten_...) or name.")
    String tenant;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Tenant found = context.client().tenants().get(tenant);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(found));
      } else {
        context.print(fields(found));
      }
      context.out().flush();
      return 0;
    }
  }
}
