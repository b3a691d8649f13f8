package dev.aegis.cli.demo;

import dev.aegis.cli.runs.RunViews;
import dev.aegis.cli.runs.TreeRenderer;
import dev.aegis.client.CreatedKey;
import dev.aegis.client.PageQuery;
import dev.aegis.client.Role;
import dev.aegis.client.Run;
import dev.aegis.client.RunDetail;
import dev.aegis.client.RunFilter;
import dev.aegis.client.RunTrace;
import dev.aegis.client.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent fleet sends nested runs through the real OpenTelemetry exporter; an operator lists the runs, draws the
 * tree, and sees what redaction did to the personal data and the credential in them.
 */
final class TelemetryChapter implements DemoChapter {
  private static final int WIDTH = 76;
  private static final String INDENT = "  ";
  private static final Pattern TAG = Pattern.compile("<([A-Z_]+):[0-9a-f]{8}>");

  @Override
  public String title() {
    return "Telemetry: runs, their span tree, and redaction";
  }

  @Override
  public String why() {
    return "Agents send OpenTelemetry spans. Aegis groups them into runs with parent and child lineage, keeps "
        + "tool-call envelopes, prompt hashes, state transitions and policy decisions, and redacts personal data "
        + "and secrets before anything is stored. Debugging starts from the run's tree.";
  }

  @Override
  public void run(Demo demo) {
    Narrator say = demo.narrator();
    String acme = demo.tenant("acme").name();

    say.call("POST /api/v1/tenants/" + acme + "/keys {\"name\":\"fleet\",\"roles\":[\"agent\"]}", "as acme-admin");
    CreatedKey fleet = demo.expectOk("creating the fleet's agent key",
        () -> demo.as("acme-admin").keys().create(acme, "fleet", Role.AGENT));
    say.ok("key fleet, id " + fleet.id(), "roles agent: it may send telemetry, not read it");
    demo.remember("fleet", fleet);
    say.call("POST /api/v1/tenants/" + acme + "/keys {\"name\":\"on-call\",\"roles\":[\"operator\"]}",
        "as acme-admin");
    CreatedKey onCall = demo.expectOk("creating an operator key",
        () -> demo.as("acme-admin").keys().create(acme, "on-call", Role.OPERATOR));
    say.ok("key on-call, id " + onCall.id(), "roles operator: it reads runs");
    demo.remember("on-call", onCall);

    say.blank();
    say.say("A planner agent (run " + AgentFleet.PLANNER_RUN + ") hands a refund to a worker agent (run "
        + AgentFleet.WORKER_RUN + "). Both are instrumented with the OpenTelemetry Java SDK, whose OTLP/HTTP "
        + "exporter sends their spans to Aegis: two model calls, a CRM lookup, a refund call that fails with 503, "
        + "a policy decision that asks for approval, and attribute values holding an email address, a phone "
        + "number, a card number and a bearer token.");
    say.call("POST /v1/traces  (OtlpHttpSpanExporter, protobuf, gzip; forceFlush)", "as fleet");
    boolean exported = AgentFleet.run(demo.admin().baseUrl(), fleet.secret());
    demo.check(exported, "the exporter's flush to succeed (a 200 from /v1/traces)");
    say.ok("6 spans exported and acknowledged; a 200 means they are stored");

    say.call("GET /api/v1/runs", "as on-call");
    List<Run> runs = demo.expectOk("listing runs",
        () -> demo.as("on-call").runs().list(RunFilter.ALL, PageQuery.first(10)).items());
    demo.check(runs.stream().map(Run::runId).toList().equals(List.of(AgentFleet.WORKER_RUN, AgentFleet.PLANNER_RUN)),
        "the two runs, newest first, was " + runs.stream().map(Run::runId).toList());
    Run worker = runs.get(0);
    Run planner = runs.get(1);
    demo.check(worker.failed() && !planner.failed(), "the worker run to have failed and the planner not");
    demo.check(AgentFleet.PLANNER_RUN.equals(worker.parentRunId()), "the worker's parent run to be the planner");
    demo.check(planner.inputTokens() == 1240 && worker.inputTokens() == 610, "each run to sum its model tokens");
    demo.check(worker.toolCallCount() == 2 && worker.errorCount() == 1, "the worker to have 2 tool calls, 1 failed");
    say.blank();
    say.lines(indent(RunViews.table(runs, WIDTH)));

    say.call("GET /api/v1/runs/" + AgentFleet.WORKER_RUN, "as on-call");
    RunDetail detail = demo.expectOk("reading the worker run", () -> demo.as("on-call").runs().get(worker.runId()));
    demo.check(detail.lineage().ancestors().stream().map(Run::runId).toList().equals(List.of(AgentFleet.PLANNER_RUN))
        && "root".equals(detail.lineage().chainEnd()), "the worker's lineage to lead to the planner");
    say.ok("lineage: " + AgentFleet.PLANNER_RUN + " started " + AgentFleet.WORKER_RUN,
        "status error: " + detail.run().errorCount() + " of " + detail.run().spanCount() + " spans failed");

    say.call("GET /api/v1/runs/" + AgentFleet.PLANNER_RUN + "/trace?scope=trace", "as on-call");
    RunTrace trace = demo.expectOk("reading the span tree",
        () -> demo.as("on-call").runs().trace(AgentFleet.PLANNER_RUN, Runs.Scope.TRACE));
    checkTree(demo, trace);
    say.note("The same tree in a terminal: aegis runs tree " + AgentFleet.PLANNER_RUN + " --scope trace");
    say.blank();
    say.lines(indent(TreeRenderer.render(trace, WIDTH, demo.glyphs())));

    say.blank();
    say.say("What redaction did. Each value below is as the agent sent it, then as Aegis stored it (read back from "
        + "the tree above):");
    Map<String, RunTrace.Node> spans = byName(trace);
    List<String> lines = new ArrayList<>();
    String emailTag = null;
    for (AgentFleet.Sent sent : AgentFleet.SENSITIVE) {
      RunTrace.Node node = spans.get(sent.span());
      demo.check(node != null, "a span named " + sent.span());
      Object stored = node.attributes().get(sent.attribute());
      String text = String.valueOf(stored);
      demo.check(stored != null && !text.equals(sent.value()), sent.attribute() + " to be redacted, was " + text);
      demo.check(!containsSecret(text, sent), sent.attribute() + " not to keep the sent value, was " + text);
      if (sent.kind().equals("sha256")) {
        demo.check(text.startsWith("sha256:"), sent.attribute() + " to be kept as a hash only, was " + text);
      } else {
        Matcher tag = TAG.matcher(text);
        demo.check(tag.find(), sent.attribute() + " to carry a <KIND:hash> tag, was " + text);
        if (sent.kind().equals("EMAIL")) {
          demo.check(emailTag == null || emailTag.equals(tag.group()),
              "the same email address to get the same tag in every span");
          emailTag = tag.group();
        }
      }
      lines.add(INDENT + "  " + sent.attribute() + "  (" + sent.span() + ")");
      lines.add(INDENT + "    sent    " + sent.value());
      lines.add(INDENT + "    stored  " + text);
    }
    say.lines(lines);
    say.blank();
    say.say("The address became " + emailTag + " in both the model call and the CRM URL: the tag is a keyed "
        + "hash, the same for the same value within a tenant, so an operator can see that two failures concern the "
        + "same customer without ever seeing who. The prompt text was not kept at all (capture level hash); only "
        + "its hash, next to the prompt.hash the agent sent.");
  }

  private static void checkTree(Demo demo, RunTrace trace) {
    demo.check(trace.roots().size() == 1 && trace.spanCount() == 6, "one root and 6 spans in the trace");
    RunTrace.Node root = trace.roots().get(0);
    demo.check(root.children().stream().map(RunTrace.Node::name).toList()
        .equals(List.of("chat gpt-4o", "invoke_agent refund-worker")), "the planner's two children in start order");
    RunTrace.Node workerSpan = root.children().get(1);
    demo.check(AgentFleet.WORKER_RUN.equals(workerSpan.runId()), "the worker span to belong to the worker run");
    demo.check(workerSpan.controlEvents().stream().map(RunTrace.ControlEvent::type).toList()
        .equals(List.of("policy_decision", "approval_requested", "state_transition")),
        "the worker's policy decision, approval request and state transition on its span");
    RunTrace.Node refund = workerSpan.children().get(2);
    demo.check(refund.failed() && refund.toolCall() != null && refund.toolCall().statusCode() == 503,
        "the refund call to be a failed tool call answered 503");
    RunTrace.Node chat = root.children().get(0);
    demo.check(chat.prompt() != null && AgentFleet.PLANNER_PROMPT_HASH.equals(chat.prompt().promptHash()),
        "the planner's model call to keep its prompt hash");
  }

  private static boolean containsSecret(String stored, AgentFleet.Sent sent) {
    return switch (sent.kind()) {
      case "EMAIL" -> stored.contains(AgentFleet.EMAIL);
      case "BEARER" -> stored.contains(AgentFleet.TOKEN);
      case "CARD" -> stored.replace(" ", "").contains(AgentFleet.CARD.replace(" ", ""));
      case "PHONE" -> stored.contains("555 0100");
      default -> stored.contains(AgentFleet.EMAIL);
    };
  }

  private static Map<String, RunTrace.Node> byName(RunTrace trace) {
    Map<String, RunTrace.Node> out = new java.util.HashMap<>();
    List<RunTrace.Node> stack = new ArrayList<>(trace.roots());
    while (!stack.isEmpty()) {
      RunTrace.Node node = stack.removeLast();
      out.put(node.name(), node);
      stack.addAll(node.children());
    }
    return out;
  }

  private static List<String> indent(List<String> lines) {
    return lines.stream().map(line -> line.isEmpty() ? line : INDENT + line).toList();
  }
}
