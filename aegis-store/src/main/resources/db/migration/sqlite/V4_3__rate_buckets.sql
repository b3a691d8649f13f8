-- Token buckets shared by every server on this database: one row per tenant, agent and connector, updated by one
-- INSERT ... ON CONFLICT DO UPDATE per take. tokens is fractional (refill is continuous); updated_at is epoch
-- milliseconds. No index on updated_at: forgetting idle buckets is rare, and an index would cost every take.
CREATE TABLE rate_buckets (
  tenant_id    TEXT    NOT NULL REFERENCES tenants (id),
  agent_id     TEXT    NOT NULL,
  connector    TEXT    NOT NULL,
  tokens       REAL    NOT NULL,
  updated_at   INTEGER NOT NULL,
  last_granted INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, agent_id, connector)
);
