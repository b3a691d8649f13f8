package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The conventions every route shares: problem bodies for every error, body limits, request ids, health. */
class ConventionsIT {
  private static final int LIMIT = 1024;

  @TempDir static Path dataDir;
  static TestServer api;

  @BeforeAll
  static void start() {
    api = TestServer.start(dataDir, Map.of("http.max_body_bytes", Integer.toString(LIMIT)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static String oversizedTenantBody() {
    return "{\"name\": \"big\", \"padding\": \"" + "x".repeat(LIMIT) + "\"}";
  }

  private static void assertNoTenantNamedBig() {
    api.get("/api/v1/tenants/big", api.adminKey()).assertProblem(404, "not-found", "big");
  }

  @Test
  void unknownRouteIsNotFoundProblem() {
    api.get("/nope", null).assertProblem(404, "not-found", "GET /nope");
    api.get("/api/v1/nope", api.adminKey()).assertProblem(404, "not-found", "/api/v1/nope");
  }

  @Test
  void wrongMethodIsMethodNotAllowedProblemWithAllow() {
    Response response = api.send(api.request("/api/v1/whoami", api.adminKey())
        .PUT(HttpRequest.BodyPublishers.ofString("{}")));

    response.assertProblem(405, "method-not-allowed", "PUT is not allowed on /api/v1/whoami");
    assertThat(response.header("Allow")).contains("GET");
  }

  @Test
  void declaredOversizedBodyIs413BeforeAnythingIsRead() {
    api.post("/api/v1/tenants", api.adminKey(), oversizedTenantBody())
        .assertProblem(413, "body-too-large", LIMIT + " bytes");
    assertNoTenantNamedBig();
  }

  @Test
  void chunkedOversizedBodyIs413() {
    byte[] body = oversizedTenantBody().getBytes(StandardCharsets.UTF_8);

    api.postChunked("/api/v1/tenants", api.adminKey(), () -> new ByteArrayInputStream(body))
        .assertProblem(413, "body-too-large", "http.max_body_bytes");
    assertNoTenantNamedBig();
  }

  @Test
  void chunkedBodyWithinTheLimitIsAccepted() {
    byte[] body = "{\"name\": \"chunked\"}".getBytes(StandardCharsets.UTF_8);

    Response created = api.postChunked("/api/v1/tenants", api.adminKey(), () -> new ByteArrayInputStream(body));

    assertThat(created.status()).isEqualTo(201);
    assertThat(api.get("/api/v1/tenants/chunked", api.adminKey()).status()).isEqualTo(200);
  }

  @Test
  void errorsRaisedByJettyItselfAreProblemsToo() {
    Response response = api.send(api.request("/healthz", null).header("X-Padding", "p".repeat(20_000)));

    response.assertProblem(431, "request-header-fields-too-large", "");
  }

  @Test
  void wellFormedRequestIdIsEchoedEverywhere() {
    Response ok = api.send(api.request("/healthz", null).header("X-Request-Id", "trace-1:abc.DEF_9"));
    assertThat(ok.header("X-Request-Id")).isEqualTo("trace-1:abc.DEF_9");

    Response problem = api.send(api.request("/api/v1/whoami", null).header("X-Request-Id", "req-42"));
    problem.assertProblem(401, "unauthenticated", "Authorization");
    assertThat(problem.json().path("request_id").asText()).isEqualTo("req-42");
  }

  @Test
  void missingOrIllFormedRequestIdIsReplaced() {
    String generated = api.get("/healthz", null).header("X-Request-Id");
    assertThat(generated).matches("[0-9a-f]{16}");

    for (String bad : new String[] {"has space", "x".repeat(129), "semi;colon"}) {
      String answered = api.send(api.request("/healthz", null).header("X-Request-Id", bad)).header("X-Request-Id");
      assertThat(answered).isNotEqualTo(bad).matches("[0-9a-f]{16}");
    }
  }

  @Test
  void accessLogLineCarriesTheRequestId() {
    Logger access = (Logger) LoggerFactory.getLogger("dev.aegis.access");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    try {
      api.send(api.request("/api/v1/tenants", null).header("X-Request-Id", "log-check-7"));
    } finally {
      access.detachAppender(lines);
    }

    assertThat(lines.list)
        .filteredOn(event -> "log-check-7".equals(event.getMDCPropertyMap().get("request_id")))
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .asString()
        .matches("GET /api/v1/tenants 401 \\d+\\.\\dms");
  }

  @Test
  void healthAndReadiness() {
    Response health = api.get("/healthz", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"up\"}");

    Response ready = api.get("/readyz", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"store\":\"sqlite\"}");
  }
}
