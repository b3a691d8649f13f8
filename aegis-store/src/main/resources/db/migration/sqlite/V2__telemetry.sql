-- Telemetry: spans and what is derived from them. Span, event and run times are nanoseconds since the epoch
-- (OTLP's unit), unlike the millisecond times of V1. Attributes and events are JSON text, already redacted.
-- No foreign keys to tenants here: the ingest path has checked the tenant, and each check would cost a lookup
-- per inserted row. Tool calls, prompt snapshots and run events have no unique key: they are written only for
-- spans the same transaction has just inserted, so they are unique by construction, and a random-order key per
-- table would cost a B-tree page write per row.
CREATE TABLE spans (
  tenant_id           TEXT    NOT NULL,
  trace_id            TEXT    NOT NULL,
  span_id             TEXT    NOT NULL,
  parent_span_id      TEXT,
  run_id              TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  kind                TEXT    NOT NULL,
  category            TEXT    NOT NULL,
  start_ns            INTEGER NOT NULL,
  end_ns              INTEGER NOT NULL,
  status              TEXT    NOT NULL,
  status_message      TEXT,
  service_name        TEXT,
  attributes          TEXT    NOT NULL,
  resource_attributes TEXT    NOT NULL,
  events              TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, trace_id, span_id)
);
CREATE INDEX spans_by_run ON spans (tenant_id, run_id, start_ns);

CREATE TABLE runs (
  tenant_id           TEXT    NOT NULL,
  run_id              TEXT    NOT NULL,
  trace_id            TEXT,
  parent_run_id       TEXT,
  agent_id            TEXT,
  agent_name          TEXT,
  agent_version       TEXT,
  task_type           TEXT,
  stage               TEXT,
  service_name        TEXT,
  environment         TEXT,
  region              TEXT,
  conversation_id     TEXT,
  status              TEXT    NOT NULL,
  started_ns          INTEGER NOT NULL,
  ended_ns            INTEGER NOT NULL,
  input_tokens        INTEGER NOT NULL,
  output_tokens       INTEGER NOT NULL,
  cached_input_tokens INTEGER NOT NULL,
  span_count          INTEGER NOT NULL,
  error_count         INTEGER NOT NULL,
  tool_call_count     INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, run_id)
);
CREATE INDEX runs_by_start ON runs (tenant_id, started_ns DESC, run_id);
CREATE INDEX runs_by_agent ON runs (tenant_id, agent_id, started_ns DESC, run_id);
CREATE INDEX runs_by_task_type ON runs (tenant_id, task_type, started_ns DESC, run_id);
CREATE INDEX runs_by_parent ON runs (tenant_id, parent_run_id, run_id);
CREATE INDEX runs_by_end ON runs (tenant_id, ended_ns);

CREATE TABLE run_models (
  tenant_id TEXT NOT NULL,
  run_id    TEXT NOT NULL,
  model     TEXT NOT NULL,
  PRIMARY KEY (tenant_id, run_id, model)
);
CREATE INDEX run_models_by_model ON run_models (tenant_id, model, run_id);

CREATE TABLE tool_calls (
  tenant_id    TEXT    NOT NULL,
  trace_id     TEXT    NOT NULL,
  span_id      TEXT    NOT NULL,
  run_id       TEXT    NOT NULL,
  tool_name    TEXT,
  tool_call_id TEXT,
  endpoint     TEXT,
  method       TEXT,
  status_code  INTEGER,
  latency_ms   INTEGER NOT NULL,
  cost_tokens  INTEGER,
  error        INTEGER NOT NULL,
  request      TEXT    NOT NULL,
  response     TEXT    NOT NULL,
  started_ns   INTEGER NOT NULL
);
CREATE INDEX tool_calls_by_run ON tool_calls (tenant_id, run_id, started_ns);

CREATE TABLE prompt_snapshots (
  tenant_id        TEXT    NOT NULL,
  trace_id         TEXT    NOT NULL,
  span_id          TEXT    NOT NULL,
  run_id           TEXT    NOT NULL,
  prompt_hash      TEXT,
  summary_pointer  TEXT,
  vector_index_ids TEXT    NOT NULL,
  model            TEXT,
  content          TEXT,
  at_ns            INTEGER NOT NULL
);
CREATE INDEX prompt_snapshots_by_run ON prompt_snapshots (tenant_id, run_id, at_ns);
CREATE INDEX prompt_snapshots_by_hash ON prompt_snapshots (tenant_id, prompt_hash, at_ns DESC);

CREATE TABLE run_events (
  tenant_id  TEXT    NOT NULL,
  trace_id   TEXT    NOT NULL,
  span_id    TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  run_id     TEXT    NOT NULL,
  time_ns    INTEGER NOT NULL,
  name       TEXT    NOT NULL,
  attributes TEXT    NOT NULL
);
CREATE INDEX run_events_by_run ON run_events (tenant_id, run_id, time_ns);
