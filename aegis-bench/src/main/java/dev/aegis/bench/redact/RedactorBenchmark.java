package dev.aegis.bench.redact;

import dev.aegis.core.redact.RedactedAttributes;
import dev.aegis.core.redact.RedactionPolicy;
import dev.aegis.core.redact.Redactor;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of redacting one ingested span: 20 attributes, about 1 KB of values, mostly clean, four of them carrying
 * personal data or a credential. Paid on every span before it is stored; the time per operation is per span.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedactorBenchmark {
  private Redactor redactor;
  private Map<String, Object> typicalSpan;
  private Map<String, Object> cleanSpan;

  @Setup
  public void setUp() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    redactor = new Redactor(RedactionPolicy.defaults(key).withDenyKeys("user.*"));
    typicalSpan = sampleSpan();
    cleanSpan = new LinkedHashMap<>(typicalSpan);
    cleanSpan.put("tool.endpoint", "https://crm.example.com/api/v2/contacts?segment=smb&fields=name,plan");
    cleanSpan.put("tool.response.summary", "Found 3 invoices totalling $1,234.56, last paid 2026-05-28.");
    cleanSpan.remove("http.request.header.authorization");
    cleanSpan.remove("user.tier");
    cleanSpan.put("http.request.header.accept", "application/json");
    cleanSpan.put("tenant.plan", "pro");
  }

  /** A span as agents send it: four values to redact among twenty. */
  @Benchmark
  public RedactedAttributes typicalSpan() {
    return redactor.redactAttributes(typicalSpan);
  }

  /** The same span with nothing to redact and nothing deny-listed: the floor every span pays. */
  @Benchmark
  public RedactedAttributes cleanSpan() {
    return redactor.redactAttributes(cleanSpan);
  }

  static Map<String, Object> sampleSpan() {
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("agent.id", "summarizer-12");
    span.put("task.type", "document-summarize");
    span.put("run.id", "run-20260529-01");
    span.put("parent_run_id", "run-20260529-00");
    span.put("model.name", "gpt-4o-2024-08-06");
    span.put("prompt.hash", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    span.put("gen_ai.usage.input_tokens", 812L);
    span.put("gen_ai.usage.output_tokens", 96L);
    span.put("http.response.status_code", 200L);
    span.put("tool.name", "crm.lookup");
    span.put("tool.endpoint",
        "https://crm.example.com/api/v2/contacts?email=jane.doe%40example.com&fields=name,phone,plan");
    span.put("tool.request.body",
        "{\"query\":\"find open invoices for account 4411\",\"limit\":20,\"sort\":\"-created_at\"}");
    span.put("tool.response.summary",
        "Found 3 invoices totalling $1,234.56 for Jane Doe (+1 415 555 0100), last paid 2026-05-28.");
    span.put("latency_ms", 412L);
    span.put("cost_tokens", 908L);
    span.put("http.request.header.authorization",
        "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC0xMiIsImV4cCI6MTc4MDAwMDAwMH0"
            + ".4pcPyMD09olPSyXnrXCjTwXyr4BsezdI1AVTmud2fU4");
    span.put("user.tier", "pro");
    span.put("http.user_agent", "aegis-python/0.3.1 httpx/0.27.0 CPython/3.12.3 Linux/6.8.0-45-generic");
    span.put("error.message",
        "upstream timed out after 30000 ms; retry 2 of 3 scheduled at 2026-05-29T10:15:02Z on worker-7");
    span.put("span.note", "The agent summarized 12 documents and drafted 2 replies for human review.");
    return span;
  }
}
