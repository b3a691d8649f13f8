package dev.aegis.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** An agent's runs sent to a real server as OTLP/JSON, so that task budgets have something to judge. */
final class AgentTraffic {
  private AgentTraffic() {}

  /** One finished run: a root span naming its run and task type, with one model call that used {@code tokens}. */
  static void run(URI server, String agentKey, String runId, String taskType, long durationMillis, long tokens) {
    Instant start = Instant.now().minusMillis(durationMillis + 50);
    String traceId = hex(16);
    String rootId = hex(8);
    String body = """
        {"resourceSpans": [{"resource": {"attributes": []}, "scopeSpans": [{"spans": [
          {"traceId": "%s", "spanId": "%s", "name": "agent.execute.task", "kind": 1,
           "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
           "attributes": [{"key": "run.id", "value": {"stringValue": "%s"}},
                          {"key": "task.type", "value": {"stringValue": "%s"}}]},
          {"traceId": "%s", "spanId": "%s", "parentSpanId": "%s", "name": "chat gpt-4o", "kind": 3,
           "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
           "attributes": [{"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}},
                          {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
                          {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "%d"}},
                          {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "0"}}]}
        ]}]}]}
        """.formatted(
            traceId, rootId, nanos(start), nanos(start.plusMillis(durationMillis)), runId, taskType,
            traceId, hex(8), rootId, nanos(start.plusMillis(1)), nanos(start.plusMillis(2)), tokens);
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(server.resolve("/v1/traces"))
              .header("Authorization", "Bearer " + agentKey)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("export answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asks again until the answer is as expected: the budget monitor judges runs after ingest has answered. */
  static <T> T await(Supplier<T> ask, Predicate<T> expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    T answer = ask.get();
    while (!expected.test(answer)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not as expected after 20s: " + answer);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      answer = ask.get();
    }
    return answer;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static String hex(int bytes) {
    byte[] id = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] |= 1;
    return HexFormat.of().formatHex(id);
  }
}
