package dev.aegis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.store.StoreException;
import dev.aegis.server.config.HttpConfig;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The conventions on a bare Javalin app with routes that fail the way bugs and broken databases do. */
class HttpConventionsIT {
  private static Javalin app;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.startupWatcherEnabled = false;
      HttpConventions.install(config, new HttpConfig(1024), Json.newMapper());
      config.routes.get("/bug", ctx -> {
        throw new IllegalStateException("internal detail that must stay inside");
      });
      config.routes.get("/store-down", ctx -> {
        throw new StoreException("connection refused", new SQLException("db host unreachable"));
      });
      config.routes.get("/bare-status", ctx -> ctx.status(418).result("short and stout"));
    }).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> get(String path, String requestId) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("X-Request-Id", requestId)
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bugIsInternalProblemWithoutDetailsAndTheLogHasTheStackTraceAndRequestId() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ProblemResponses.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    HttpResponse<String> response;
    try {
      response = get("/bug", "bug-1");
    } finally {
      logger.detachAppender(events);
    }

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:aegis:problem:internal");
    assertThat(problem.path("detail").asText()).contains("request id bug-1");
    assertThat(problem.path("request_id").asText()).isEqualTo("bug-1");
    assertThat(response.body()).doesNotContain("internal detail").doesNotContain("IllegalStateException");

    assertThat(events.list).singleElement().satisfies(event -> {
      assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "bug-1");
      assertThat(event.getThrowableProxy().getMessage()).isEqualTo("internal detail that must stay inside");
    });
  }

  @Test
  void storeFailureIsUnavailableWithRetryAfter() throws Exception {
    HttpResponse<String> response = get("/store-down", "db-1");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:aegis:problem:unavailable");
    assertThat(response.body()).doesNotContain("db host unreachable");
  }

  @Test
  void errorStatusSetWithoutAProblemStillAnswersWithOne() throws Exception {
    HttpResponse<String> response = get("/bare-status", "tea-1");

    assertThat(response.statusCode()).isEqualTo(418);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:aegis:problem:i-m-a-teapot");
    assertThat(problem.path("status").asInt()).isEqualTo(418);
    assertThat(problem.path("request_id").asText()).isEqualTo("tea-1");
  }
}
