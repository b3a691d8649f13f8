-- Times are epoch milliseconds (UTC) in every table, on SQLite and PostgreSQL alike.
CREATE TABLE tenants (
  id         TEXT    NOT NULL PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
  id           TEXT    NOT NULL PRIMARY KEY,
  tenant_id    TEXT    NOT NULL REFERENCES tenants (id),
  name         TEXT    NOT NULL,
  prefix       TEXT    NOT NULL UNIQUE,
  secret_hash  TEXT    NOT NULL,
  roles        TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);

CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, id);
