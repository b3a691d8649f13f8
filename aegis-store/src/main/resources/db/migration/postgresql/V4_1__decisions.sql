-- The decision log: every deny, approval and rate limit, and sampled allows. Times are epoch milliseconds (UTC).
-- Lists are newest first by (at, decision_id); each filter has an index that ends in those two columns, so a
-- filtered page is one backward index range scan, and retention per tenant uses decisions_by_time.
CREATE TABLE decisions (
  decision_id    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  tenant_id      TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
  at             BIGINT  NOT NULL,
  agent_id       TEXT COLLATE "C" NOT NULL,
  run_id         TEXT COLLATE "C",
  trace_id       TEXT,
  task_type      TEXT,
  stage          TEXT,
  action         TEXT COLLATE "C" NOT NULL,
  connector      TEXT COLLATE "C",
  resource       TEXT,
  attributes     TEXT    NOT NULL,
  outcome        TEXT    NOT NULL CHECK (outcome IN ('allow', 'deny', 'require_approval', 'rate_limited')),
  reasons        TEXT    NOT NULL,
  policies       TEXT    NOT NULL,
  shadow_outcome TEXT CHECK (shadow_outcome IN ('allow', 'deny', 'require_approval', 'rate_limited')),
  latency_ns     BIGINT  NOT NULL CHECK (latency_ns >= 0),
  sampled        BOOLEAN NOT NULL,
  agent_labels   TEXT
);

CREATE INDEX decisions_by_time ON decisions (tenant_id, at, decision_id);
CREATE INDEX decisions_by_agent ON decisions (tenant_id, agent_id, at, decision_id);
CREATE INDEX decisions_by_run ON decisions (tenant_id, run_id, at, decision_id);
CREATE INDEX decisions_by_outcome ON decisions (tenant_id, outcome, at, decision_id);
CREATE INDEX decisions_by_action ON decisions (tenant_id, action, at, decision_id);
CREATE INDEX decisions_by_connector ON decisions (tenant_id, connector, at, decision_id);
