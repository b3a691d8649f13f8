package dev.aegis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The audit log through the SDK against a real server: list and filters, verify, export, and the errors. */
@Timeout(120)
class AuditIT {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;

  private static AegisServer server;
  private static AegisClient system;

  private String tenant;
  private CreatedKey admin;
  private AegisClient auditor;

  @BeforeAll
  static void start() {
    server = AegisServer.start(ConfigLoader.load(null, Map.of(),
        Map.of("server.port", "0", "data.dir", dataDir.toString(), "log.level", "warn")));
    system = AegisClient.builder().baseUrl(server.baseUri()).apiKey(server.adminKey()).build();
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A tenant with an admin key and a revoked agent key: four entries. */
  @BeforeEach
  void newTenant() {
    tenant = "audited-" + NAMES.incrementAndGet();
    system.tenants().create(tenant);
    admin = system.keys().create(tenant, "boss", Role.ADMIN);
    CreatedKey bot = system.keys().create(tenant, "bot", Role.AGENT);
    AegisClient boss = system.withApiKey(admin.secret());
    boss.keys().revoke(tenant, bot.id());
    auditor = system.withApiKey(system.keys().create(tenant, "auditor", Role.APPROVER).secret());
  }

  @Test
  void listsNewestFirstWithFiltersAndPages() {
    Page<AuditEntry> page = auditor.audit().list(AuditFilter.any(), PageQuery.first(2));

    assertThat(page.items()).extracting(AuditEntry::action).containsExactly("key.created", "key.revoked");
    assertThat(page.items().get(0).sequence()).isEqualTo(5);
    assertThat(page.hasMore()).isTrue();
    List<AuditEntry> all = auditor.audit().listAll(AuditFilter.any()).toList();
    assertThat(all).extracting(AuditEntry::sequence).containsExactly(5L, 4L, 3L, 2L, 1L);
    AuditEntry revoked = all.get(1);
    assertThat(revoked.actor()).isEqualTo(admin.id());
    assertThat(revoked.before().path("revoked_at").isNull()).isTrue();
    assertThat(revoked.after().path("revoked_at").asText()).isNotBlank();
    assertThat(revoked.prevHash()).isEqualTo(all.get(2).hash());
    assertThat(revoked.format()).isEqualTo(1);

    assertThat(auditor.audit().listAll(AuditFilter.any().withActor("system")).count()).isEqualTo(4);
    assertThat(auditor.audit().listAll(AuditFilter.any().withAction("key.*")).count()).isEqualTo(4);
    assertThat(auditor.audit().listAll(AuditFilter.any().withObject("key", admin.id())).count()).isEqualTo(1);
    assertThat(auditor.audit().listAll(AuditFilter.any().withSince("-1h")).count()).isEqualTo(5);
    assertThat(auditor.audit().listAll(AuditFilter.any().withUntil(all.get(4).at())).count()).isZero();
    assertThat(system.audit().listAll(AuditFilter.any().withTenant(tenant)).count()).isEqualTo(5);
  }

  @Test
  void verifiesAndExportsTheChain() throws Exception {
    AuditVerification verified = auditor.audit().verify();
    assertThat(verified.ok()).isTrue();
    assertThat(verified.entriesChecked()).isEqualTo(5);
    assertThat(verified.firstBroken()).isNull();
    assertThat(verified.head().sequence()).isEqualTo(5);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditExport export = auditor.audit().export(out);

    assertThat(export.entries()).isEqualTo(5);
    assertThat(export.reachesHead()).isTrue();
    assertThat(export.headSequence()).isEqualTo(5);
    assertThat(export.headHash()).isEqualTo(verified.head().hash());
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(5);
    JsonNode last = JSON.readTree(lines.get(4));
    assertThat(last.path("sequence").asLong()).isEqualTo(5);
    assertThat(last.path("hash").asText()).isEqualTo(verified.head().hash());

    ByteArrayOutputStream bySystem = new ByteArrayOutputStream();
    system.audit().export(tenant, bySystem);
    assertThat(bySystem.toString(StandardCharsets.UTF_8)).isEqualTo(out.toString(StandardCharsets.UTF_8));
    assertThat(system.audit().verify(tenant).ok()).isTrue();
  }

  @Test
  void refusalsAreProblems() {
    AegisApiException bad = catchThrowableOfType(AegisApiException.class,
        () -> auditor.audit().list(AuditFilter.any().withAction("Policy").withSince("yesterday"), PageQuery.first()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errors()).extracting(FieldError::location).containsExactlyInAnyOrder("action", "from");

    AegisClient agent = system.withApiKey(system.keys().create(tenant, "agent", Role.AGENT).secret());
    AegisApiException forbidden = catchThrowableOfType(AegisApiException.class, () -> agent.audit().verify());
    assertThat(forbidden.status()).isEqualTo(403);
    AegisApiException streamed = catchThrowableOfType(AegisApiException.class,
        () -> agent.audit().export(new ByteArrayOutputStream()));
    assertThat(streamed.status()).isEqualTo(403);
    assertThat(streamed.detail()).contains("audit log");

    AegisApiException noTenant = catchThrowableOfType(AegisApiException.class, () -> system.audit().verify());
    assertThat(noTenant.status()).isEqualTo(400);
    AegisApiException unknown = catchThrowableOfType(AegisApiException.class,
        () -> system.audit().export("no-such-tenant", new ByteArrayOutputStream()));
    assertThat(unknown.status()).isEqualTo(404);
  }
}
