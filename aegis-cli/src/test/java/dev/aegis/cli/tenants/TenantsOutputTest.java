package dev.aegis.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.cli.support.Json;
import dev.aegis.client.Page;
import dev.aegis.client.Tenant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantsOutputTest {
  private final Tenant acme =
      new Tenant("ten_01jdabcdefghijklmnopqrstuv", "acme", Instant.parse("2026-11-24T23:40:12.345Z"));

  @Test
  void tableShowsIdNameAndCreated() {
    assertThat(TenantsCommand.table(List.of(acme), 80))
        .containsExactly(
            "ID                              NAME  CREATED",
            "ten_01jdabcdefghijklmnopqrstuv  acme  2026-11-24T23:40:12Z");
  }

  @Test
  void showListsTheFields() {
    assertThat(TenantsCommand.fields(acme))
        .containsExactly("id       ten_01jdabcdefghijklmnopqrstuv", "name     acme", "created  2026-11-24T23:40:12Z");
  }

  @Test
  void listJsonLooksLikeTheApiPage() {
    assertThat(Json.pretty(new Page<>(List.of(acme), null)))
        .contains("\"items\" : [")
        .contains("\"next_cursor\" : null")
        .contains("\"created_at\" : \"2026-11-24T23:40:12.345Z\"");
  }
}
