package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets never reach the audit log nor the server's log: keys and webhooks are created, changed and removed, then
 * the whole audit log (its export and its pages) and every line the server logged at debug are searched for the
 * key secrets, their stored hashes, the webhook signing secret, its sealed form, and the tokens in a webhook URL.
 */
class AuditSecretsIT {
  @TempDir Path dataDir;

  @Test
  void noSecretReachesTheAuditLogOrTheServerLog() {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    log.start();
    root.addAppender(log);
    List<String> secrets = new ArrayList<>();
    List<String> audit = new ArrayList<>();
    try (TestServer api = TestServer.start(dataDir, Map.of("log.level", "debug",
        "webhooks.allow_private_networks", "true"))) {
      String tenantId = api.createTenant("acme");
      List<JsonNode> keys = List.of(api.createKey("acme", "boss", "admin", "operator"),
          api.createKey("acme", "bot", "agent"), api.createKey("acme", "reviewer", "approver"));
      for (JsonNode key : keys) {
        String secret = key.path("secret").asText();
        secrets.add(secret);
        secrets.add(secret.substring(secret.lastIndexOf('_') + 1)); // the part after the visible prefix
        secrets.add(api.server.store().keys().find(tenantId, key.path("id").asText()).orElseThrow().secretHash());
      }
      String admin = keys.get(0).path("secret").asText();
      JsonNode hook = api.post("/api/v1/webhooks", admin, "{\"url\": \"http://127.0.0.1:9/services/T0/B0/"
          + "xoxbPathToken?token=queryToken123\", \"events\": [\"alert.fired\"], \"description\": \"pager\"}")
          .assertStatus(201).json();
      String hookSecret = hook.path("secret").asText();
      secrets.add(hookSecret);
      secrets.add(hookSecret.substring(hookSecret.indexOf('_') + 1));
      secrets.add(api.server.store().webhooks().find(tenantId, hook.path("id").asText()).orElseThrow()
          .sealedSecret());
      secrets.add("xoxbPathToken");
      secrets.add("queryToken123");
      api.delete("/api/v1/tenants/acme/keys/" + keys.get(1).path("id").asText(), admin).assertStatus(204);
      api.delete("/api/v1/webhooks/" + hook.path("id").asText(), admin).assertStatus(204);

      Response export = api.get("/api/v1/audit/export?tenant=acme", api.adminKey()).assertStatus(200);
      audit.add(export.body());
      audit.add(api.get("/api/v1/audit?limit=500", admin).assertStatus(200).body());
      audit.add(api.get("/api/v1/audit/verify", admin).assertStatus(200).body());
      assertThat(export.body().lines()).hasSize(7); // tenant, 3 keys, webhook, revocation, webhook deleted
    } finally {
      root.detachAppender(log);
    }

    assertThat(secrets).hasSize(14).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(8));
    for (String secret : secrets) {
      assertThat(audit).allSatisfy(body -> assertThat(body).doesNotContain(secret));
    }
    assertThat(log.list).as("something was logged at debug").hasSizeGreaterThan(10);
    for (ILoggingEvent event : log.list) {
      for (String secret : secrets) {
        assertThat(event.getFormattedMessage()).doesNotContain(secret);
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
          assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        }
      }
    }
  }
}
