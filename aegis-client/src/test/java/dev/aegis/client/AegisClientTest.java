package dev.aegis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AegisClientTest {
  private static final String SECRET = "aegis_abcdefgh_0123456789012345678901234567890123456789012";

  private final LoopbackServer server = new LoopbackServer();
  private final AegisClient client =
      AegisClient.builder().baseUrl(server.url()).apiKey(SECRET).timeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void close() {
    client.close();
    server.close();
  }

  @Test
  void sendsKeyUserAgentAndNoRequestIdUnlessAsked() {
    server.answer(200, "application/json", "{\"tenant_id\":null,\"key_name\":\"bootstrap\",\"roles\":[\"admin\"],\"system\":true}");

    WhoAmI me = client.whoami();

    assertThat(me.system()).isTrue();
    assertThat(me.keyName()).isEqualTo("bootstrap");
    assertThat(me.roles()).containsExactly("admin");
    LoopbackServer.Seen seen = server.last();
    assertThat(seen.method()).isEqualTo("GET");
    assertThat(seen.uri().getPath()).isEqualTo("/api/v1/whoami");
    assertThat(seen.headers().getFirst("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(seen.headers().getFirst("User-Agent")).matches("aegis-client/\\S+").doesNotContain("${");
    assertThat(seen.headers().containsKey("X-Request-Id")).isFalse();
  }

  @Test
  void sendsTheRequestIdTheCallerSet() {
    server.answer(200, "application/json", "{\"status\":\"up\"}");

    client.withRequestId("run-42:step.1").health();

    assertThat(server.last().headers().getFirst("X-Request-Id")).isEqualTo("run-42:step.1");
  }

  @Test
  void rejectsARequestIdTheServerWouldRefuse() {
    assertThatThrownBy(() -> client.withRequestId("has space")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sendsNoAuthorizationWithoutAKey() {
    server.answer(200, "application/json", "{\"status\":\"up\"}");

    client.withApiKey(null).health();

    assertThat(server.last().headers().containsKey("Authorization")).isFalse();
  }

  @Test
  void createsAKeyWithSnakeCaseBodyAndReadsTheSecret() {
    server.answer(
        201,
        "application/json",
        """
        {"id":"key_01","tenant_id":"ten_01","name":"ci","prefix":"aegis_abcdefgh","roles":["agent","operator"],
         "created_at":"2026-11-24T23:40:12.345Z","last_used_at":null,"revoked_at":null,"secret":"%s","future":1}
        """
            .formatted(SECRET));

    CreatedKey key = client.keys().create("acme", "ci", Role.AGENT, Role.OPERATOR);

    assertThat(server.last().method()).isEqualTo("POST");
    assertThat(server.last().uri().getPath()).isEqualTo("/api/v1/tenants/acme/keys");
    assertThat(server.last().headers().getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(server.last().body()).isEqualTo("{\"name\":\"ci\",\"roles\":[\"agent\",\"operator\"]}");
    assertThat(key.secret()).isEqualTo(SECRET);
    assertThat(key.tenantId()).isEqualTo("ten_01");
    assertThat(key.createdAt()).isEqualTo(Instant.parse("2026-11-24T23:40:12.345Z"));
    assertThat(key.info().roles()).containsExactly("agent", "operator");
    assertThat(key.toString()).doesNotContain(SECRET).contains("aegis_abcdefgh");
  }

  @Test
  void encodesPathPartsSoANameCannotReachAnotherRoute() {
    server.answer(200, "application/json", "{\"id\":\"ten_1\",\"name\":\"x\"}");

    client.tenants().get("../keys?x");

    assertThat(server.last().uri().getRawPath()).isEqualTo("/api/v1/tenants/..%2Fkeys%3Fx");
  }

  @Test
  void listsWithLimitAndCursor() {
    server.answer(200, "application/json", "{\"items\":[{\"id\":\"ten_1\",\"name\":\"a\"}],\"next_cursor\":\"djE6eA\"}");

    Page<Tenant> page = client.tenants().list(new PageQuery(1, "djE6dw"));

    assertThat(server.last().uri().getRawQuery()).isEqualTo("limit=1&cursor=djE6dw");
    assertThat(page.items()).extracting(Tenant::name).containsExactly("a");
    assertThat(page.nextCursor()).isEqualTo("djE6eA");
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void revokeSendsDeleteAndAccepts204() {
    server.answer(204, "application/json", "");

    client.keys().revoke("acme", "key_01");

    assertThat(server.last().method()).isEqualTo("DELETE");
    assertThat(server.last().uri().getPath()).isEqualTo("/api/v1/tenants/acme/keys/key_01");
  }

  @Test
  void mapsAProblemWithFieldErrors() {
    server
        .answer(
            422,
            "application/problem+json",
            """
            {"type":"urn:aegis:problem:validation","title":"The request is not valid","status":422,
             "detail":"2 fields are not valid: /name, /roles/0","instance":"/api/v1/tenants/acme/keys",
             "request_id":"5b0c2f0e6a3d4c1e",
             "errors":[{"pointer":"/name","detail":"must not be empty"},
                       {"pointer":"/roles/0","detail":"unknown role 'superuser'"}]}
            """);

    AegisApiException e =
        catchThrowableOfType(
            AegisApiException.class, () -> client.keys().create("acme", "", List.of("superuser")));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.type()).isEqualTo("urn:aegis:problem:validation");
    assertThat(e.kind()).isEqualTo("validation");
    assertThat(e.title()).isEqualTo("The request is not valid");
    assertThat(e.detail()).isEqualTo("2 fields are not valid: /name, /roles/0");
    assertThat(e.instance()).isEqualTo("/api/v1/tenants/acme/keys");
    assertThat(e.requestId()).isEqualTo("5b0c2f0e6a3d4c1e");
    assertThat(e.errors())
        .containsExactly(
            new FieldError("/name", null, "must not be empty"),
            new FieldError("/roles/0", null, "unknown role 'superuser'"));
    assertThat(e.getMessage())
        .isEqualTo("422 The request is not valid: 2 fields are not valid: /name, /roles/0 (request id 5b0c2f0e6a3d4c1e)")
        .doesNotContain(SECRET);
  }

  @Test
  void readsParameterErrorsAndRetryAfter() {
    server
        .header("Retry-After", "7")
        .answer(
            503,
            "application/problem+json",
            "{\"type\":\"urn:aegis:problem:unavailable\",\"title\":\"Unavailable\",\"status\":503,"
                + "\"errors\":[{\"parameter\":\"limit\",\"detail\":\"x\"}]}");

    AegisApiException e = catchThrowableOfType(AegisApiException.class, client::ready);

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.errors().getFirst().location()).isEqualTo("limit");
  }

  @Test
  void copesWithAnErrorThatIsNotAProblem() {
    server.header("X-Request-Id", "abc").answer(502, "text/html", "<html>bad gateway</html>");

    AegisApiException e = catchThrowableOfType(AegisApiException.class, client::whoami);

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.type()).isEqualTo("about:blank");
    assertThat(e.title()).isEqualTo("Bad Gateway");
    assertThat(e.requestId()).isEqualTo("abc");
    assertThat(e.errors()).isEmpty();
  }

  @Test
  void saysHowToStartTheServerWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    try (AegisClient offline = AegisClient.builder().baseUrl(url).apiKey(SECRET).build()) {
      AegisConnectionException e = catchThrowableOfType(AegisConnectionException.class, offline::whoami);

      assertThat(e.getMessage())
          .isEqualTo("cannot reach Aegis at " + url + ": is the server running? start it with ./aegis server")
          .doesNotContain(SECRET);
      assertThat(e.baseUrl()).isEqualTo(url);
    }
  }

  @Test
  void neverShowsTheKey() {
    assertThat(client.toString()).doesNotContain(SECRET).contains("with key");
    assertThatThrownBy(() -> AegisClient.builder().apiKey(SECRET + "\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> AegisClient.builder().baseUrl(URI.create("localhost:4318")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://host:port");
  }
}
