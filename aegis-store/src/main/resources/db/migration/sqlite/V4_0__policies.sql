-- Policies as append-only histories. Times are epoch milliseconds (UTC).
-- No statement in the code updates or deletes a version: a change inserts the next one, a deletion a tombstone.
CREATE TABLE policy_versions (
  tenant_id        TEXT    NOT NULL REFERENCES tenants (id),
  policy_id        TEXT    NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  document         TEXT,
  source           TEXT,
  source_format    TEXT CHECK (source_format IN ('json', 'yaml')),
  digest           TEXT,
  change           TEXT    NOT NULL CHECK (change IN ('create', 'update', 'rollback', 'delete')),
  rolled_back_from INTEGER,
  actor            TEXT    NOT NULL,
  comment          TEXT,
  created_at       INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, policy_id, version),
  CHECK ((change = 'delete') = (document IS NULL)),
  CHECK ((change = 'rollback') = (rolled_back_from IS NOT NULL))
);

-- Each policy's latest version and the version in force (null once deleted): the only policy rows that change,
-- so that the current set is one join and a new version number is the head's plus one.
CREATE TABLE policy_heads (
  tenant_id      TEXT    NOT NULL REFERENCES tenants (id),
  policy_id      TEXT    NOT NULL,
  latest_version INTEGER NOT NULL,
  live_version   INTEGER,
  PRIMARY KEY (tenant_id, policy_id),
  FOREIGN KEY (tenant_id, policy_id, latest_version) REFERENCES policy_versions (tenant_id, policy_id, version)
);

-- One row per tenant, bumped in the transaction of every change: servers sharing the database poll it to know
-- when to recompile. SQLite runs one writing transaction at a time, which keeps versions dense.
CREATE TABLE policy_revisions (
  tenant_id     TEXT    NOT NULL PRIMARY KEY REFERENCES tenants (id),
  policies      INTEGER NOT NULL,
  cap_overrides INTEGER NOT NULL
);

-- Append-only, enforced: a statement that would change or remove a stored version fails.
CREATE TRIGGER policy_versions_no_update BEFORE UPDATE ON policy_versions
BEGIN
  SELECT RAISE(ABORT, 'policy versions are immutable: store a new version instead');
END;

CREATE TRIGGER policy_versions_no_delete BEFORE DELETE ON policy_versions
BEGIN
  SELECT RAISE(ABORT, 'policy versions are immutable: store a new version instead');
END;
