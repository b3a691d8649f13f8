package dev.aegis.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.cli.support.Json;
import dev.aegis.client.ApiKeyInfo;
import dev.aegis.client.CreatedKey;
import dev.aegis.client.WhoAmI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysOutputTest {
  private static final Instant CREATED = Instant.parse("2026-11-24T23:40:12.345Z");

  private final ApiKeyInfo active =
      new ApiKeyInfo(
          "key_01jdabcdefghijklmnopqrstuv",
          "ten_01jdabcdefghijklmnopqrstuv",
          "support-bot",
          "aegis_k3j4h5g6",
          List.of("agent"),
          CREATED,
          null,
          null);
  private final ApiKeyInfo revoked =
      new ApiKeyInfo(
          "key_01jdabcdefghijklmnopqrstuw",
          "ten_01jdabcdefghijklmnopqrstuv",
          "an-operations-key-with-a-long-descriptive-name",
          "aegis_a1b2c3d4",
          List.of("operator", "approver", "admin"),
          CREATED,
          CREATED.plusSeconds(60),
          CREATED.plusSeconds(3600));

  @Test
  void tableShowsIdNamePrefixRolesAndStatus() {
    assertThat(KeysCommand.table(List.of(active), 80))
        .containsExactly(
            "ID                              NAME         PREFIX          ROLES  STATUS",
            "key_01jdabcdefghijklmnopqrstuv  support-bot  aegis_k3j4h5g6  agent  active");
  }

  @Test
  void longNamesAndRolesAreShortenedToEightyColumnsButIdsAndPrefixesNever() {
    List<String> lines = KeysCommand.table(List.of(active, revoked), 80);

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(2))
        .startsWith("key_01jdabcdefghijklmnopqrstuw  an-")
        .contains("...  aegis_a1b2c3d4  ")
        .endsWith("revoked");
  }

  @Test
  void showListsEveryFieldWithReadableTimes() {
    assertThat(KeysCommand.fields(revoked))
        .contains(
            "prefix     aegis_a1b2c3d4",
            "roles      operator,approver,admin",
            "created    2026-11-24T23:40:12Z",
            "last used  2026-11-24T23:41:12Z",
            "revoked    2026-11-25T00:40:12Z");
    assertThat(KeysCommand.fields(active)).contains("last used  never", "revoked    no");
  }

  @Test
  void jsonUsesTheApiFieldNamesAndKeepsTheSecretForScripts() {
    CreatedKey created =
        new CreatedKey(
            active.id(), active.tenantId(), "ci", active.prefix(), List.of("agent"), CREATED, null, null,
            "aegis_k3j4h5g6_secret");

    String json = Json.pretty(created);

    assertThat(json)
        .contains("\"tenant_id\" : \"ten_01jdabcdefghijklmnopqrstuv\"")
        .contains("\"created_at\" : \"2026-11-24T23:40:12.345Z\"")
        .contains("\"last_used_at\" : null")
        .contains("\"secret\" : \"aegis_k3j4h5g6_secret\"");
  }

  @Test
  void whoamiTellsTheSystemKeyApart() {
    assertThat(WhoamiCommand.fields(new WhoAmI(null, null, null, "bootstrap", List.of("admin"), true)))
        .containsExactly(
            "key     bootstrap (the system admin key)",
            "tenant  none: it manages every tenant and owns nothing else",
            "roles   admin");
    assertThat(
            WhoamiCommand.fields(
                new WhoAmI("ten_1", "acme", "key_1", "support-bot", List.of("agent", "operator"), false)))
        .containsExactly("key     support-bot (key_1)", "tenant  acme (ten_1)", "roles   agent,operator");
  }
}
