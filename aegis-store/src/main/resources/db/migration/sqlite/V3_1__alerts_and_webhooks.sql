-- Task budgets, the alerts they raise, and webhooks with their delivery outbox.
-- Times are epoch milliseconds (UTC); windows are whole seconds.
CREATE TABLE task_budgets (
  tenant_id          TEXT    NOT NULL REFERENCES tenants (id),
  task_type          TEXT    NOT NULL,
  max_tokens_per_run INTEGER,
  p95_latency_ms     INTEGER,
  max_error_rate     REAL,
  window_seconds     INTEGER NOT NULL,
  min_samples        INTEGER NOT NULL,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, task_type)
);

-- Alerts are never updated: a resolution is a new row whose fired_alert_id names the alert it resolves.
CREATE TABLE alerts (
  id             TEXT    NOT NULL PRIMARY KEY,
  tenant_id      TEXT    NOT NULL REFERENCES tenants (id),
  kind           TEXT    NOT NULL,
  state          TEXT    NOT NULL CHECK (state IN ('firing', 'resolved')),
  task_type      TEXT,
  run_id         TEXT,
  observed       REAL,
  threshold      REAL,
  window_seconds INTEGER,
  samples        INTEGER,
  message        TEXT    NOT NULL,
  fired_alert_id TEXT    UNIQUE REFERENCES alerts (id),
  dedupe_key     TEXT,
  created_at     INTEGER NOT NULL
);

CREATE INDEX alerts_by_tenant ON alerts (tenant_id, id);
CREATE INDEX alerts_firing ON alerts (tenant_id, kind, task_type, id) WHERE state = 'firing';
-- a run's token alert is stored once, even when its spans are seen again after a restart
CREATE UNIQUE INDEX alerts_dedupe ON alerts (tenant_id, dedupe_key);

-- Deleted webhooks stay as rows (deliveries point at them) but lose their secret.
CREATE TABLE webhooks (
  id            TEXT    NOT NULL PRIMARY KEY,
  tenant_id     TEXT    NOT NULL REFERENCES tenants (id),
  url           TEXT    NOT NULL,
  events        TEXT    NOT NULL,
  description   TEXT    NOT NULL,
  sealed_secret TEXT,
  created_at    INTEGER NOT NULL,
  deleted_at    INTEGER
);

CREATE INDEX webhooks_by_tenant ON webhooks (tenant_id, id);

-- The outbox: written in the same transaction as the event. A pending row is due at next_attempt_at; claiming it
-- moves next_attempt_at to the end of the claim, so a delivery whose sender died is retried then.
CREATE TABLE webhook_deliveries (
  id              TEXT    NOT NULL PRIMARY KEY,
  tenant_id       TEXT    NOT NULL REFERENCES tenants (id),
  webhook_id      TEXT    NOT NULL REFERENCES webhooks (id),
  event           TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER,
  last_status     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);

CREATE TABLE webhook_attempts (
  delivery_id TEXT    NOT NULL REFERENCES webhook_deliveries (id),
  attempt     INTEGER NOT NULL,
  started_at  INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  status      INTEGER,
  error       TEXT,
  PRIMARY KEY (delivery_id, attempt)
);
