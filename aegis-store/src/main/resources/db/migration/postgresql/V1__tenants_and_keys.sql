-- Times are epoch milliseconds (UTC) in every table, on SQLite and PostgreSQL alike.
-- Ids sort byte by byte (COLLATE "C") so that cursor pagination by id is stable whatever the locale.
CREATE TABLE tenants (
  id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  name       TEXT   NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

CREATE TABLE api_keys (
  id           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  tenant_id    TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
  name         TEXT   NOT NULL,
  prefix       TEXT   NOT NULL UNIQUE,
  secret_hash  TEXT   NOT NULL,
  roles        TEXT   NOT NULL,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);

CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, id);
