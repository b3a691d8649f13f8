-- Rate caps set at runtime, one per tenant, agent ('*' for all) and connector. Times are epoch milliseconds (UTC);
-- an override with expires_at at or before now no longer applies, which every read checks.
CREATE TABLE cap_overrides (
  id            TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  tenant_id     TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
  agent_id      TEXT COLLATE "C" NOT NULL,
  connector     TEXT COLLATE "C" NOT NULL,
  limit_per_min INTEGER NOT NULL CHECK (limit_per_min > 0),
  reason        TEXT,
  source        TEXT    NOT NULL CHECK (source IN ('operator', 'upstream_429')),
  actor         TEXT    NOT NULL,
  created_at    BIGINT  NOT NULL,
  expires_at    BIGINT CHECK (expires_at > created_at),
  UNIQUE (tenant_id, agent_id, connector)
);

CREATE INDEX cap_overrides_by_tenant ON cap_overrides (tenant_id, id);
