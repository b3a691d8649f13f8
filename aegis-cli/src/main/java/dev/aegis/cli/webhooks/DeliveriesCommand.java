package dev.aegis.cli.webhooks;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.Table;
import dev.aegis.client.Page;
import dev.aegis.client.WebhookDelivery;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code aegis webhooks deliveries}: what was sent to a webhook, and how each attempt went. */
@Command(
    name = "deliveries",
    description = {
      "List a webhook's deliveries, newest first: pending, delivered, failed or cancelled,",
      "with the number of attempts and the last result. -o json adds each payload and attempt."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis webhooks deliveries whk_01jd8k2m3n4p5q6r7s8t9v0w1x",
      "  aegis webhooks deliveries whk_01jd8k... -o json | jq '.items[0].history'"
    })
final class DeliveriesCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "WEBHOOK_ID", description = "The webhook's id (whk_...).")
  String id;

  @Mixin PageOptions paging;

  DeliveriesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Page<WebhookDelivery> page = Lists.fetch(paging, query -> context.client().webhooks().deliveries(id, query));
    if (context.output() == OutputFormat.JSON) {
      context.out().println(Json.pretty(page));
    } else if (page.items().isEmpty()) {
      context.out().println("No deliveries to " + id + " yet: they start when an alert it subscribes to is raised.");
    } else {
      context.print(table(page.items(), context.width()));
    }
    context.out().flush();
    Lists.moreHint(context, page, "aegis webhooks deliveries " + id);
    return 0;
  }

  static List<String> table(List<WebhookDelivery> deliveries, int width) {
    Table table =
        new Table()
            .column("ID")
            .column("EVENT")
            .column("STATE")
            .column("TRIES")
            .flexibleColumn("LAST RESULT");
    deliveries.forEach(
        d -> table.row(
            d.id(),
            d.event(),
            d.state(),
            d.attempts(),
            WebhooksCommand.lastResult(d)));
    return table.render(width);
  }
}
