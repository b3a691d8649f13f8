package dev.aegis.cli.webhooks;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.Table;
import dev.aegis.client.CreatedWebhook;
import dev.aegis.client.Page;
import dev.aegis.client.Webhook;
import dev.aegis.client.WebhookDelivery;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aegis webhooks}: create, list, show and delete webhooks, and show their deliveries. */
@Command(
    name = "webhooks",
    description = {
      "Create, list, show and delete webhooks, which receive alerts as signed JSON, and",
      "show their deliveries. Needs an admin key. Signing and retries: docs/alerts.md."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      WebhooksCommand.Create.class,
      WebhooksCommand.ListWebhooks.class,
      WebhooksCommand.Show.class,
      WebhooksCommand.Delete.class,
      DeliveriesCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis webhooks create https://hooks.example.com/aegis \\",
      "      --event alert.fired --event alert.resolved --description pager",
      "  aegis webhooks list",
      "  aegis webhooks deliveries whk_01jd8k2m3n4p5q6r7s8t9v0w1x"
    })
public final class WebhooksCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  WebhooksCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  static List<String> table(List<Webhook> webhooks, int width) {
    Table table =
        new Table().column("ID").flexibleColumn("URL").flexibleColumn("EVENTS").flexibleColumn("DESCRIPTION");
    webhooks.forEach(w -> table.row(w.id(), w.url(), String.join(",", w.events()), w.description()));
    return table.render(width);
  }

  static List<String> fields(Webhook webhook) {
    return new Fields()
        .add("id", webhook.id())
        .add("tenant", webhook.tenantId())
        .add("url", webhook.url())
        .add("events", String.join(", ", webhook.events()))
        .add("description", webhook.description())
        .add("created", Formats.time(webhook.createdAt(), ""))
        .render();
  }

  @Command(
      name = "create",
      description = {
        "Create a webhook. Its signing secret is printed once and never again: give it to the",
        "receiver right away, which checks the Aegis-Signature header with it."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis webhooks create https://hooks.example.com/aegis --event alert.fired",
        "  aegis webhooks create https://hooks.example.com/aegis \\",
        "      --event alert.fired,alert.resolved --description pager -o json | jq -r .secret"
      })
  static final class Create implements Callable<Integer> {
    private final CliContext context;

    // A parameter, not --url: --url is the server's address in every command.
    @Parameters(
        paramLabel = "URL",
        description = "Where to POST: an http or https URL, not an internal address (unless the server allows it).")
    String url;

    @Option(
        names = "--event",
        required = true,
        split = ",",
        paramLabel = "EVENT",
        description = "alert.fired or alert.resolved; repeat it (or use commas) for both.")
    List<String> events;

    @Option(names = "--description", paramLabel = "TEXT", description = "A note, at most 200 characters.")
    String description;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      CreatedWebhook webhook = context.client().webhooks().create(url, events, description);
      PrintWriter out = context.out();
      if (context.output() == OutputFormat.JSON) {
        out.println(Json.pretty(webhook));
        out.flush();
        context.err().println("note: the signing secret is shown only this once; store it now.");
        context.err().flush();
        return 0;
      }
      out.println("Created webhook " + webhook.id() + " for " + String.join(", ", webhook.events()) + ".");
      out.println("Its signing secret:");
      out.println();
      out.println("    " + webhook.secret());
      out.println();
      out.println("This is the only time it is shown: Aegis keeps it encrypted and cannot show it");
      out.println("again. Give it to the receiver now, which checks each delivery's Aegis-Signature");
      out.println("with it. Lost it? Delete the webhook and create a new one.");
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "list",
      description = "List the tenant's webhooks. Secrets are never listed.",
      footerHeading = "%nExamples:%n",
      footer = {"  aegis webhooks list", "  aegis webhooks list --all -o json"})
  static final class ListWebhooks implements Callable<Integer> {
    private final CliContext context;

    @Mixin PageOptions paging;

    ListWebhooks(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Page<Webhook> page = Lists.fetch(paging, context.client().webhooks()::list);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("No webhooks yet. Create one: aegis webhooks create URL --event alert.fired");
      } else {
        context.print(table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis webhooks list");
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "Show one webhook (never its secret).",
      footerHeading = "%nExample:%n",
      footer = "  aegis webhooks show whk_01jd8k2m3n4p5q6r7s8t9v0w1x")
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "WEBHOOK_ID", description = "The webhook's id (whk_...).")
    String id;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Webhook webhook = context.client().webhooks().get(id);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(webhook));
      } else {
        context.print(fields(webhook));
      }
      context.out().flush();
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = {
        "Delete a webhook: its pending deliveries are cancelled and its secret forgotten.",
        "Prints nothing with -o json (the server answers 204 without a body)."
      },
      footerHeading = "%nExample:%n",
      footer = "  aegis webhooks delete whk_01jd8k2m3n4p5q6r7s8t9v0w1x")
  static final class Delete implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "WEBHOOK_ID", description = "The webhook's id (whk_...).")
    String id;

    Delete(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      context.client().webhooks().delete(id);
      if (context.output() != OutputFormat.JSON) {
        context.out().println("Deleted webhook " + id + "; its pending deliveries are cancelled.");
      }
      context.out().flush();
      return 0;
    }
  }

  /** A delivery's last outcome in a few words: the receiver's status, else why there was none. */
  static String lastResult(WebhookDelivery delivery) {
    if (delivery.lastStatus() != null) {
      return "HTTP " + delivery.lastStatus();
    }
    return delivery.lastError() == null ? "-" : delivery.lastError();
  }
}
