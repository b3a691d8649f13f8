-- Token buckets shared by every server on this database: one row per tenant, agent and connector, updated by one
-- INSERT ... ON CONFLICT DO UPDATE per take. tokens is fractional (refill is continuous); updated_at is epoch
-- milliseconds. No index on updated_at: forgetting idle buckets is rare, and an index would cost every take.
CREATE TABLE rate_buckets (
  tenant_id    TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
  agent_id     TEXT COLLATE "C" NOT NULL,
  connector    TEXT COLLATE "C" NOT NULL,
  tokens       DOUBLE PRECISION NOT NULL,
  updated_at   BIGINT  NOT NULL,
  last_granted BOOLEAN NOT NULL,
  PRIMARY KEY (tenant_id, agent_id, connector)
);
