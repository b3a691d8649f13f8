package dev.aegis.bench.ingest;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the spans of the ingest load: what one agent process exports in one request. Each batch holds several runs
 * (a parent run and its sub-agent runs, two runs per trace) of agent steps, LLM calls, tool calls and the HTTP
 * calls under them, nested up to four deep within a run. Every span has 20 attributes and about 1 KB on the wire;
 * a few values carry personal data or a credential (an e-mail address, a phone number, a bearer token, an IP
 * address), as real agent telemetry does, so redaction has work to do.
 *
 * <p>The first eight bytes of every trace id, and the middle of every run id, are one 64-bit {@linkplain
 * Batch#token() token}. The encoders write it verbatim, so that a request body can be stamped with a fresh token
 * per request ({@link BodyTemplate}) and every request carries new spans and new runs.
 */
public final class AgentSpans {
  /** Spans a step of an agent makes: the step, its LLM call, its tool call and the HTTP call under that. */
  private static final int SPANS_PER_STEP = 4;

  private static final String[] AGENTS = {"support-triage", "invoice-reconciler", "doc-summarizer", "lead-enricher"};
  private static final String[] TASK_TYPES =
      {"ticket-triage", "invoice-reconcile", "document-summarize", "lead-enrich"};
  private static final String[] STAGES = {"plan", "act", "review"};
  private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "gemini-2.5-flash"};
  private static final String[] TOOLS = {"crm.lookup", "kb.search", "billing.invoices", "email.draft"};
  private static final String[] HOSTS =
      {"crm.example.com", "kb.example.com", "billing.example.com", "mail.example.com"};
  private static final String[] PEOPLE = {"Jane Doe", "Omar Haddad", "Li Wei", "Maria Garcia", "Tom Becker"};
  private static final String[] EMAILS =
      {"jane.doe@example.com", "omar.haddad@example.org", "li.wei@example.net", "maria.garcia@example.com"};

  private final SplittableRandom random;
  private final long baseUnixNanos;

  /** {@code seed} picks the content; {@code baseUnixNanos} is when the first run starts. */
  public AgentSpans(long seed, long baseUnixNanos) {
    this.random = new SplittableRandom(seed);
    this.baseUnixNanos = baseUnixNanos;
  }

  /** One request's spans: {@code spans} of them in {@code runs} runs, two runs (parent and child) per trace. */
  public record Batch(long token, Map<String, Object> resource, String scopeName, String scopeVersion,
      List<BenchSpan> spans) {
    String tokenHex() {
      return HexFormat.of().toHexDigits(token);
    }
  }

  public Batch batch(int spans, int runs) {
    if (runs < 1 || spans < runs) {
      throw new IllegalArgumentException("need at least one span per run: " + spans + " spans, " + runs + " runs");
    }
    long token = random.nextLong();
    String tokenHex = HexFormat.of().toHexDigits(token);
    int agent = random.nextInt(AGENTS.length);
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("service.name", "agent-" + AGENTS[agent]);
    resource.put("service.version", "2.14." + random.nextInt(10));
    resource.put("service.instance.id", uuid());
    resource.put("deployment.environment.name", "production");
    resource.put("cloud.region", "eu-west-1");
    resource.put("host.name", "agents-" + hex(4) + ".internal");
    resource.put("telemetry.sdk.name", "opentelemetry");
    resource.put("telemetry.sdk.language", "python");
    resource.put("telemetry.sdk.version", "1.38.0");

    List<BenchSpan> out = new ArrayList<>(spans);
    String traceId = null;
    BenchSpan parentRunRoot = null;
    String parentRunId = null;
    long start = baseUnixNanos;
    for (int run = 0; run < runs; run++) {
      int budget = spans / runs + (run < spans % runs ? 1 : 0);
      String runId = "run-" + tokenHex + "-" + String.format("%02d", run);
      boolean child = run % 2 == 1;
      if (!child) {
        traceId = tokenHex + hex(8);
        parentRunRoot = null;
        parentRunId = runId;
        start += 5_000_000_000L;
      }
      Run r = new Run(traceId, runId, child ? parentRunId : null, (agent + run) % AGENTS.length,
          TASK_TYPES[(agent + run) % TASK_TYPES.length], "conv_" + hex(6));
      List<BenchSpan> made = run(r, child && parentRunRoot != null ? parentRunRoot.spanId() : null,
          start + (child ? 400_000_000L : 0), budget);
      if (!child) {
        parentRunRoot = made.getFirst();
      }
      out.addAll(made);
    }
    return new Batch(token, resource, "aegis.agents.sdk", "0.9.2", out);
  }

  /**
   * One large run as a single trace: an agent's root span, 10 phases, 10 steps per phase, 12 calls per step (a third
   * LLM calls, the rest tool calls), 4 HTTP calls under each tool call and 2 connection spans under each HTTP call,
   * filled breadth first until {@code spans} spans: six levels deep, wide at the bottom. Parents come before their
   * children. Tool calls carry a policy decision event; HTTP and connection spans have no run id of their own.
   */
  public Batch runTree(String runId, int spans) {
    int agent = random.nextInt(AGENTS.length);
    Run run = new Run(hex(16), runId, null, agent, TASK_TYPES[agent], "conv_" + hex(6));
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("service.name", "agent-" + AGENTS[agent]);
    resource.put("service.version", "2.14.3");
    resource.put("deployment.environment.name", "production");
    resource.put("telemetry.sdk.language", "python");
    long start = baseUnixNanos;
    long end = start + 600_000_000_000L;
    List<BenchSpan> out = new ArrayList<>(spans);
    out.add(span(run, hex(8), null, "invoke_agent " + AGENTS[agent], "internal", start, end, false,
        rootAttributes(run), List.of()));
    int[] fanOut = {10, 10, 12, 4, 2};
    int levelStart = 0;
    for (int level = 0; level < fanOut.length && out.size() < spans; level++) {
      int levelEnd = out.size();
      for (int p = levelStart; p < levelEnd && out.size() < spans; p++) {
        BenchSpan parent = out.get(p);
        if (level == 3 && !parent.name().startsWith("execute_tool")) {
          continue; // LLM calls are leaves
        }
        int n = fanOut[level];
        long slice = (parent.endUnixNanos() - parent.startUnixNanos()) / n;
        for (int i = 0; i < n && out.size() < spans; i++) {
          long s = parent.startUnixNanos() + slice * i + 1_000;
          long e = s + slice - 2_000;
          out.add(child(run, parent, level, i, s, e));
        }
      }
      levelStart = levelEnd;
    }
    return new Batch(0, resource, "aegis.agents.sdk", "0.9.2", out);
  }

  private BenchSpan child(Run run, BenchSpan parent, int level, int i, long start, long end) {
    return switch (level) {
      case 0 -> span(run, hex(8), parent.spanId(), "agent.phase", "internal", start, end, false,
          stepAttributes(run, i), List.of());
      case 1 -> span(run, hex(8), parent.spanId(), "agent.step", "internal", start, end, false,
          stepAttributes(run, i), List.of());
      case 2 -> {
        if (i % 3 == 0) {
          yield span(run, hex(8), parent.spanId(), "chat " + MODELS[i % MODELS.length], "client", start, end, false,
              llmAttributes(run, i), List.of());
        }
        int tool = random.nextInt(TOOLS.length);
        boolean failed = random.nextInt(40) == 0;
        yield span(run, hex(8), parent.spanId(), "execute_tool " + TOOLS[tool], "internal", start, end, failed,
            toolAttributes(run, tool, failed), List.of(new BenchSpan.Event(start + 1_000, "aegis.policy_decision",
                Map.of("decision", "allow", "policy.id", "support-policy", "policy.version", 7L))));
      }
      case 3 -> new BenchSpan(run.traceId(), hex(8), parent.spanId(), "POST", "client", start, end, false, null,
          httpAttributes(random.nextInt(TOOLS.length), false), List.of());
      default -> new BenchSpan(run.traceId(), hex(8), parent.spanId(), i == 0 ? "connect" : "tls handshake",
          "internal", start, end, false, null, httpAttributes(random.nextInt(TOOLS.length), false), List.of());
    };
  }

  private record Run(String traceId, String runId, String parentRunId, int agent, String taskType,
      String conversation) {}

  private List<BenchSpan> run(Run run, String parentSpanId, long start, int budget) {
    List<BenchSpan> out = new ArrayList<>(budget);
    int steps = Math.max(0, (budget - 1) / SPANS_PER_STEP);
    int extraLlm = budget - 1 - steps * SPANS_PER_STEP;
    long stepNanos = 900_000_000L;
    long end = start + (steps + extraLlm + 1) * stepNanos;
    String rootId = hex(8);
    out.add(span(run, rootId, parentSpanId, "invoke_agent " + AGENTS[run.agent()], "internal", start, end, false,
        rootAttributes(run), List.of()));
    long at = start + 1_000_000L;
    for (int step = 0; step < steps; step++) {
      String stepId = hex(8);
      long stepEnd = at + stepNanos - 2_000_000L;
      out.add(span(run, stepId, rootId, "agent.step", "internal", at, stepEnd, false, stepAttributes(run, step),
          List.of()));
      long llmEnd = at + 350_000_000L + random.nextInt(100_000_000);
      out.add(span(run, hex(8), stepId, "chat " + MODELS[step % MODELS.length], "client", at + 1_000_000L,
          llmEnd, false, llmAttributes(run, step), List.of()));
      int tool = random.nextInt(TOOLS.length);
      String toolId = hex(8);
      boolean failed = random.nextInt(40) == 0;
      long toolStart = llmEnd + 1_000_000L;
      out.add(span(run, toolId, stepId, "execute_tool " + TOOLS[tool], "internal", toolStart, stepEnd - 1_000_000L,
          failed, toolAttributes(run, tool, failed),
          List.of(new BenchSpan.Event(toolStart + 200_000L, "aegis.policy_decision", Map.of(
              "decision", "allow", "policy.id", "support-policy", "policy.version", 7L)))));
      String http = hex(8);
      out.add(new BenchSpan(run.traceId(), http, toolId, failed ? "GET" : "POST", "client", toolStart + 500_000L,
          stepEnd - 3_000_000L, failed, failed ? "503 Service Unavailable" : null, httpAttributes(tool, failed),
          List.of()));
      at += stepNanos;
    }
    for (int i = 0; i < extraLlm; i++) {
      out.add(span(run, hex(8), rootId, "chat " + MODELS[i % MODELS.length], "client", at, at + 400_000_000L,
          false, llmAttributes(run, steps + i), List.of()));
      at += stepNanos;
    }
    return out;
  }

  private static BenchSpan span(Run run, String id, String parent, String name, String kind, long start, long end,
      boolean error, Map<String, Object> attributes, List<BenchSpan.Event> events) {
    return new BenchSpan(run.traceId(), id, parent, name, kind, start, end, error, error ? "tool call failed" : null,
        attributes, events);
  }

  /** The six attributes an agent SDK puts on each of its spans. */
  private Map<String, Object> agentAttributes(Run run) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("agent.id", AGENTS[run.agent()] + "-0" + (run.agent() + 1));
    a.put("agent.version", "2.14.3");
    a.put("task.type", run.taskType());
    a.put("run.id", run.runId());
    a.put("workflow.stage", STAGES[random.nextInt(STAGES.length)]);
    a.put("gen_ai.conversation.id", run.conversation());
    return a;
  }

  private Map<String, Object> rootAttributes(Run run) {
    Map<String, Object> a = agentAttributes(run);
    if (run.parentRunId() != null) {
      a.put("parent_run_id", run.parentRunId());
    } else {
      a.put("trigger.source", "queue:support-inbound");
    }
    String person = PEOPLE[random.nextInt(PEOPLE.length)];
    a.put("gen_ai.operation.name", "invoke_agent");
    a.put("gen_ai.agent.name", AGENTS[run.agent()]);
    a.put("gen_ai.agent.id", "asst_" + hex(12));
    a.put("gen_ai.agent.description", "Triages inbound requests, drafts replies and escalates refunds over $500"
        + " to a human approver.");
    a.put("region", "eu-west-1");
    a.put("tenant.plan", "enterprise");
    a.put("job.id", "job-" + hex(8));
    a.put("enduser.id", EMAILS[random.nextInt(EMAILS.length)]);
    a.put("input.summary", "Customer " + person + " asks about invoice INV-" + (1000 + random.nextInt(9000))
        + " and a refund; call back on +1 415 555 01" + (10 + random.nextInt(90)) + ".");
    a.put("agent.max_steps", 12L);
    a.put("agent.budget_tokens", 50_000L);
    a.put("messaging.message.id", "msg-" + hex(10));
    a.put("policy.version", "support-v7");
    return a;
  }

  private Map<String, Object> stepAttributes(Run run, int step) {
    Map<String, Object> a = agentAttributes(run);
    a.put("agent.step.index", (long) step);
    a.put("agent.step.kind", step % 2 == 0 ? "reason" : "act");
    a.put("agent.step.plan", "Look up the customer's open invoices, compare them with the ledger, then draft a"
        + " reply that cites the invoice numbers.");
    a.put("agent.step.decision", "call_tool");
    a.put("agent.step.candidates", "crm.lookup,kb.search,billing.invoices,email.draft");
    a.put("agent.step.retry", 0L);
    a.put("agent.tokens_so_far", 900L * (step + 1));
    a.put("agent.budget_remaining", 50_000L - 900L * (step + 1));
    a.put("aegis.decision", "allow");
    a.put("aegis.policy.id", "support-policy");
    a.put("aegis.capability", "read:contacts");
    a.put("code.function", "AgentLoop.step");
    a.put("code.namespace", "agents.support.loop");
    a.put("thread.name", "worker-" + random.nextInt(8));
    return a;
  }

  private Map<String, Object> llmAttributes(Run run, int step) {
    Map<String, Object> a = agentAttributes(run);
    String model = MODELS[step % MODELS.length];
    a.put("gen_ai.operation.name", "chat");
    a.put("gen_ai.provider.name", "openai");
    a.put("gen_ai.request.model", model);
    a.put("gen_ai.response.model", model + "-2024-08-06");
    a.put("gen_ai.response.id", "chatcmpl-" + hex(12));
    a.put("gen_ai.response.finish_reasons", "stop");
    a.put("gen_ai.usage.input_tokens", 600L + random.nextInt(1400));
    a.put("gen_ai.usage.output_tokens", 40L + random.nextInt(400));
    a.put("gen_ai.usage.cache_read.input_tokens", (long) random.nextInt(512));
    a.put("gen_ai.request.temperature", 0.2);
    a.put("gen_ai.request.max_tokens", 1024L);
    a.put("server.address", "api.openai.com");
    a.put("prompt.hash", "sha256:" + hex(32));
    a.put("prompt.summary_pointer", "s3://aegis-prompts/summaries/" + hex(8) + ".json");
    return a;
  }

  private Map<String, Object> toolAttributes(Run run, int tool, boolean failed) {
    Map<String, Object> a = agentAttributes(run);
    String email = EMAILS[random.nextInt(EMAILS.length)];
    a.put("gen_ai.operation.name", "execute_tool");
    a.put("gen_ai.tool.name", TOOLS[tool]);
    a.put("gen_ai.tool.call.id", "call_" + hex(12));
    a.put("gen_ai.tool.type", "function");
    a.put("http.request.method", "GET");
    a.put("url.full", "https://" + HOSTS[tool] + "/api/v2/contacts?email=" + email.replace("@", "%40")
        + "&fields=name,phone,plan");
    a.put("http.response.status_code", failed ? 503L : 200L);
    a.put("tool.request.body", "{\"query\":\"open invoices for account " + (4000 + random.nextInt(999))
        + "\",\"limit\":20,\"sort\":\"-created_at\"}");
    a.put("tool.response.summary", failed ? "upstream unavailable after 30000 ms; retry 2 of 3 scheduled"
        : "Found 3 invoices totalling $1,234.56 for " + PEOPLE[random.nextInt(PEOPLE.length)]
            + " (+1 415 555 0100), last paid 2026-05-28.");
    a.put("latency_ms", 120L + random.nextInt(600));
    a.put("cost_tokens", (long) random.nextInt(50));
    a.put("http.request.header.authorization", "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC0x"
        + hex(6) + "In0.4pcPyMD09olPSyXnrXCjTwXyr4BsezdI1AVTmud2fU4");
    a.put("server.address", HOSTS[tool]);
    a.put("aegis.capability", "read:contacts");
    return a;
  }

  /** An HTTP client span as auto-instrumentation makes it: no agent attributes, so it joins its parent's run. */
  private Map<String, Object> httpAttributes(int tool, boolean failed) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("http.request.method", failed ? "GET" : "POST");
    a.put("url.full", "https://" + HOSTS[tool] + "/api/v2/search?page=1&per_page=20");
    a.put("url.scheme", "https");
    a.put("url.path", "/api/v2/search");
    a.put("server.address", HOSTS[tool]);
    a.put("server.port", 443L);
    a.put("network.protocol.version", "1.1");
    a.put("network.peer.address", "10.12." + random.nextInt(256) + "." + random.nextInt(256));
    a.put("network.peer.port", 443L);
    a.put("user_agent.original", "python-httpx/0.27.0 CPython/3.12.3 Linux/6.8.0-45-generic");
    a.put("http.response.status_code", failed ? 503L : 200L);
    a.put("http.request.body.size", 200L + random.nextInt(800));
    a.put("http.response.body.size", 1_000L + random.nextInt(20_000));
    a.put("http.request.resend_count", failed ? 2L : 0L);
    a.put("http.request.header.x-request-id", uuid());
    a.put("http.response.header.content-type", "application/json; charset=utf-8");
    if (failed) {
      a.put("error.type", "503");
    } else {
      a.put("http.response.header.x-ratelimit-remaining", (long) random.nextInt(1000));
    }
    a.put("peer.service", HOSTS[tool].substring(0, HOSTS[tool].indexOf('.')));
    a.put("code.function", "httpx.Client.send");
    a.put("thread.name", "worker-" + random.nextInt(8));
    return a;
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    b[0] |= 1; // never all zeros, which OTLP treats as no id
    return HexFormat.of().formatHex(b);
  }

  private String uuid() {
    String h = hex(16);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
        + h.substring(20);
  }
}
