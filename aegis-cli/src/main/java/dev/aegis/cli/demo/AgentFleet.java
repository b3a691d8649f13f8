package dev.aegis.cli.demo;

import dev.aegis.cli.support.CliVersion;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's agents, instrumented as a real agent would be: the OpenTelemetry Java SDK with its OTLP/HTTP exporter
 * (JDK HttpClient sender), pointed at Aegis with an agent key. A planner run hands a refund to a worker run; they
 * call models and tools, one tool fails with 503, and some attribute values carry personal data and a credential.
 */
final class AgentFleet {
  static final String PLANNER_RUN = "run-20260529-01";
  static final String WORKER_RUN = "run-20260529-02";
  static final String EMAIL = "jane.doe@example.com";
  static final String PHONE = "+1 415 555 0100";
  static final String CARD = "4111 1111 1111 1111";
  static final String TOKEN = "8f14e45fceea167a5a36dedd4bea2543";
  static final String CRM_URL = "https://crm.example.com/api/customers?email=" + EMAIL;
  static final String PROMPT = "Customer " + EMAIL + " asks for a refund of order 1182";
  static final String PLANNER_PROMPT_HASH = "sha256:9f2c1a7be07d4e52a1f36c0b8d2e4a61";

  /** A value the fleet sent and where: which span, which attribute, what kind of data it is. */
  record Sent(String span, String attribute, String value, String kind) {}

  /** The sensitive values sent, in the order the demo shows them. */
  static final List<Sent> SENSITIVE = List.of(
      new Sent("chat gpt-4o", "customer.email", EMAIL, "EMAIL"),
      new Sent("chat gpt-4o", "gen_ai.input.messages", PROMPT, "sha256"),
      new Sent("execute_tool crm.lookup", "url.full", CRM_URL, "EMAIL"),
      new Sent("execute_tool crm.lookup", "customer.phone", PHONE, "PHONE"),
      new Sent("execute_tool billing.refund", "payment.card", CARD, "CARD"),
      new Sent("execute_tool billing.refund", "http.request.header.authorization", "Bearer " + TOKEN, "BEARER"));

  private AgentFleet() {}

  /**
   * Runs the planner and its worker, exports every span and waits for Aegis to acknowledge them.
   *
   * @return whether the export succeeded (a 200 from {@code /v1/traces}, so the spans are stored)
   */
  static boolean run(URI aegis, String agentKey) {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(aegis.toString().replaceAll("/+$", "") + "/v1/traces")
        .addHeader("Authorization", "Bearer " + agentKey)
        .setCompression("gzip")
        .setTimeout(Duration.ofSeconds(30))
        .build();
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
        .put("service.name", "agent-runner")
        .put("deployment_env", "production")
        .put("region", "us-east-1")
        .build()));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
    try {
      send(provider.get("aegis-demo-fleet", CliVersion.value()),
          Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS));
      CompletableResultCode flushed = provider.forceFlush().join(30, TimeUnit.SECONDS);
      return flushed.isSuccess();
    } finally {
      provider.shutdown().join(30, TimeUnit.SECONDS);
    }
  }

  private static void send(Tracer tracer, Instant t0) {
    Span planner = tracer.spanBuilder("agent.execute.task").setStartTimestamp(at(t0, 0), TimeUnit.NANOSECONDS)
        .setAttribute("agent.id", "planner-3")
        .setAttribute("task.type", "triage")
        .setAttribute("run.id", PLANNER_RUN)
        .startSpan();
    Context inPlanner = Context.root().with(planner);

    Span chat = tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).setParent(inPlanner)
        .setStartTimestamp(at(t0, 20), TimeUnit.NANOSECONDS)
        .setAttribute("gen_ai.operation.name", "chat")
        .setAttribute("gen_ai.provider.name", "openai")
        .setAttribute("gen_ai.request.model", "gpt-4o")
        .setAttribute("gen_ai.usage.input_tokens", 1240L)
        .setAttribute("gen_ai.usage.output_tokens", 180L)
        .setAttribute("prompt.hash", PLANNER_PROMPT_HASH)
        .setAttribute("customer.email", EMAIL)
        .setAttribute("gen_ai.input.messages", PROMPT)
        .startSpan();
    chat.addEvent("aegis.state_transition", Attributes.of(key("from"), "plan", key("to"), "act", key("reason"),
        "refund needed"), at(t0, 650), TimeUnit.NANOSECONDS);
    chat.end(at(t0, 660), TimeUnit.NANOSECONDS);

    Span worker = tracer.spanBuilder("invoke_agent refund-worker").setParent(inPlanner)
        .setStartTimestamp(at(t0, 680), TimeUnit.NANOSECONDS)
        .setAttribute("gen_ai.operation.name", "invoke_agent")
        .setAttribute("agent.id", "refunder-7")
        .setAttribute("task.type", "refund")
        .setAttribute("run.id", WORKER_RUN)
        .setAttribute("parent_run_id", PLANNER_RUN)
        .startSpan();
    Context inWorker = Context.root().with(worker);

    Span draft = tracer.spanBuilder("chat gpt-4o-mini").setSpanKind(SpanKind.CLIENT).setParent(inWorker)
        .setStartTimestamp(at(t0, 700), TimeUnit.NANOSECONDS)
        .setAttribute("gen_ai.operation.name", "chat")
        .setAttribute("gen_ai.provider.name", "openai")
        .setAttribute("gen_ai.request.model", "gpt-4o-mini")
        .setAttribute("gen_ai.usage.input_tokens", 610L)
        .setAttribute("gen_ai.usage.output_tokens", 45L)
        .setAttribute("prompt.hash", "sha256:4b7e0c55d1a84f0e9a2c7d3b6e8f1a20")
        .startSpan();
    draft.end(at(t0, 960), TimeUnit.NANOSECONDS);

    Span lookup = tracer.spanBuilder("execute_tool crm.lookup").setSpanKind(SpanKind.CLIENT).setParent(inWorker)
        .setStartTimestamp(at(t0, 980), TimeUnit.NANOSECONDS)
        .setAttribute("gen_ai.operation.name", "execute_tool")
        .setAttribute("gen_ai.tool.name", "crm.lookup")
        .setAttribute("gen_ai.tool.call.id", "call_01")
        .setAttribute("http.request.method", "GET")
        .setAttribute("url.full", CRM_URL)
        .setAttribute("http.response.status_code", 200L)
        .setAttribute("customer.phone", PHONE)
        .startSpan();
    lookup.end(at(t0, 1100), TimeUnit.NANOSECONDS);

    Span refund = tracer.spanBuilder("execute_tool billing.refund").setSpanKind(SpanKind.CLIENT)
        .setParent(inWorker).setStartTimestamp(at(t0, 1120), TimeUnit.NANOSECONDS)
        .setAttribute("gen_ai.operation.name", "execute_tool")
        .setAttribute("gen_ai.tool.name", "billing.refund")
        .setAttribute("gen_ai.tool.call.id", "call_02")
        .setAttribute("http.request.method", "POST")
        .setAttribute("url.full", "https://billing.example.com/v1/refunds")
        .setAttribute("http.response.status_code", 503L)
        .setAttribute("payment.card", CARD)
        .setAttribute("http.request.header.authorization", "Bearer " + TOKEN)
        .startSpan();
    refund.setStatus(StatusCode.ERROR, "upstream unavailable");
    refund.end(at(t0, 1180), TimeUnit.NANOSECONDS);

    worker.addEvent("aegis.policy_decision", Attributes.of(key("outcome"), "require_approval",
        key("policy"), "refunds-v2", key("action"), "write:refunds"), at(t0, 1200), TimeUnit.NANOSECONDS);
    worker.addEvent("aegis.approval_requested", Attributes.of(key("action"), "write:refunds",
        key("approval_id"), "apr_0001", key("reason"), "billing unavailable"), at(t0, 1210), TimeUnit.NANOSECONDS);
    worker.addEvent("aegis.state_transition", Attributes.of(key("from"), "act", key("to"), "wait_for_approval"),
        at(t0, 1220), TimeUnit.NANOSECONDS);
    worker.end(at(t0, 1460), TimeUnit.NANOSECONDS);
    planner.end(at(t0, 1480), TimeUnit.NANOSECONDS);
  }

  private static long at(Instant t0, long millis) {
    Instant when = t0.plusMillis(millis);
    return when.getEpochSecond() * 1_000_000_000L + when.getNano();
  }

  private static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }
}
