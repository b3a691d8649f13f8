package dev.aegis.store;

import dev.aegis.core.redact.CaptureLevel;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.telemetry.TelemetrySettingsStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcTelemetrySettingsStore implements TelemetrySettingsStore {
  private final Jdbi jdbi;

  JdbcTelemetrySettingsStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<TelemetrySettings> find(String tenantId) {
    return Sql.call("read telemetry settings", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT tenant_id, capture_level, retention_days, patterns, allow, deny, updated_at"
                + " FROM telemetry_settings WHERE tenant_id = :tenant")
            .bind("tenant", tenantId)
            .map(JdbcTelemetrySettingsStore::map)
            .findOne()));
  }

  @Override
  public void put(TelemetrySettings s) {
    List<Map<String, String>> patterns = new ArrayList<>();
    s.patterns().forEach((name, regex) -> patterns.add(Map.of("name", name, "regex", regex)));
    Sql.run("store telemetry settings", () -> jdbi.useHandle(h ->
        h.createUpdate("INSERT INTO telemetry_settings (tenant_id, capture_level, retention_days, patterns, allow,"
                + " deny, updated_at) VALUES (:tenant, :level, :days, :patterns, :allow, :deny, :at)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET capture_level = excluded.capture_level,"
                + " retention_days = excluded.retention_days, patterns = excluded.patterns, allow = excluded.allow,"
                + " deny = excluded.deny, updated_at = excluded.updated_at")
            .bind("tenant", s.tenantId())
            .bind("level", s.captureLevel().wireName())
            .bind("days", s.retentionDays())
            .bind("patterns", TelemetryJson.write(patterns))
            .bind("allow", TelemetryJson.write(s.allow()))
            .bind("deny", TelemetryJson.write(s.deny()))
            .bind("at", Times.toMillis(s.updatedAt() == null ? java.time.Instant.EPOCH : s.updatedAt()))
            .execute()));
  }

  @SuppressWarnings("unchecked")
  private static TelemetrySettings map(ResultSet rs, StatementContext ctx) throws SQLException {
    Map<String, String> patterns = new LinkedHashMap<>();
    for (Object item : TelemetryJson.readList(rs.getString("patterns"))) {
      Map<String, Object> pattern = (Map<String, Object>) item;
      patterns.put((String) pattern.get("name"), (String) pattern.get("regex"));
    }
    int days = rs.getInt("retention_days");
    Integer retention = rs.wasNull() ? null : days;
    CaptureLevel level = CaptureLevel.fromWire(rs.getString("capture_level"))
        .orElseThrow(() -> new IllegalStateException("stored settings have an unknown capture level"));
    return new TelemetrySettings(rs.getString("tenant_id"), level, retention, patterns,
        TelemetryJson.readStrings(rs.getString("allow")), TelemetryJson.readStrings(rs.getString("deny")),
        Times.read(rs, "updated_at"));
  }
}
