package dev.aegis.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AuditRecordTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void snapshotsAreRedactedAndCanonical() throws Exception {
    AuditRecord record = AuditRecord.of("ten_01", "key_01abc", "key.created", "key", "key_02", null, JSON.readTree("""
        {"name": "bot", "secret": "aegis_abc_xyz", "secret_hash": "9f86d0", "prefix": "aegis_abc",
         "roles": ["agent"], "nested": [{"client_secret": "s", "api_key": "k", "Password": "p",
         "max_tokens_per_run": 10, "access_token": "t", "authorization": "Bearer x", "credentials": {"a": 1}}]}
        """), "req-1", null);

    assertThat(record.before()).isNull();
    assertThat(record.after()).isEqualTo("{\"name\":\"bot\",\"nested\":[{\"max_tokens_per_run\":10}],"
        + "\"prefix\":\"aegis_abc\",\"roles\":[\"agent\"]}");
  }

  @Test
  void aJsonNullSnapshotIsNoSnapshot() {
    AuditRecord record = AuditRecord.of("ten_01", "system", "tenant.created", "tenant", "ten_01",
        JSON.nullNode(), JSON.createObjectNode(), null, null);

    assertThat(record.before()).isNull();
    assertThat(record.after()).isEqualTo("{}");
  }

  @Test
  void refusesWhatCouldNotBeAnEntry() {
    assertThatThrownBy(() -> record("someone", "key.created", "key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
    assertThatThrownBy(() -> record("system", "Key Created", "key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
    assertThatThrownBy(() -> record("system", "created", "key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
    assertThatThrownBy(() -> record("system", "key.created", "Key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("object type");
    assertThatThrownBy(() -> new AuditRecord("ten_01", "system", "key.created", "key", "key_1", "{ }", null, null,
        null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonical");
    assertThatThrownBy(() -> new AuditRecord("", "system", "key.created", "key", "key_1", null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantId");
  }

  private static AuditRecord record(String actor, String action, String objectType) {
    return AuditRecord.of("ten_01", actor, action, objectType, "key_1", null, null, null, null);
  }
}
