-- Each tenant's telemetry settings; a tenant without a row has the defaults (capture level hash, the server's
-- retention). patterns is a JSON array of {"name", "regex"}; allow and deny are JSON arrays of globs.
CREATE TABLE telemetry_settings (
  tenant_id      TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES tenants (id),
  capture_level  TEXT   NOT NULL,
  retention_days INTEGER,
  patterns       TEXT   NOT NULL,
  allow          TEXT   NOT NULL,
  deny           TEXT   NOT NULL,
  updated_at     BIGINT NOT NULL
);
