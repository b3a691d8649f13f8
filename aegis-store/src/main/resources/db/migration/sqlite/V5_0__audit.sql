-- The audit log (docs/audit.md): per tenant, a chain of entries 1, 2, 3..., each hashed over the one before.
-- Times are epoch milliseconds (UTC); before_json and after_json are canonical JSON (RFC 8785), hashed as stored.
-- No statement in the code updates or deletes an entry, and triggers make the database refuse to.
CREATE TABLE audit_entries (
  tenant_id   TEXT    NOT NULL REFERENCES tenants (id),
  sequence    INTEGER NOT NULL CHECK (sequence >= 1),
  id          TEXT    NOT NULL UNIQUE,
  format      INTEGER NOT NULL CHECK (format = 1),
  at          INTEGER NOT NULL,
  actor       TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  object_type TEXT    NOT NULL,
  object_id   TEXT    NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  request_id  TEXT,
  decision_id TEXT,
  prev_hash   TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, sequence)
);

-- Lists are newest first by sequence; each filter has an index that ends in it.
CREATE INDEX audit_by_actor ON audit_entries (tenant_id, actor, sequence);
CREATE INDEX audit_by_action ON audit_entries (tenant_id, action, sequence);
CREATE INDEX audit_by_object ON audit_entries (tenant_id, object_type, object_id, sequence);

-- Each tenant's last sequence and hash, with a MAC over both. The row is also the lock that serializes a tenant's
-- appends (SQLite's BEGIN IMMEDIATE already runs one writer at a time), so concurrent changes form one chain.
-- Sequence 0 is the row made before a tenant's first entry.
CREATE TABLE audit_heads (
  tenant_id TEXT    NOT NULL PRIMARY KEY REFERENCES tenants (id),
  sequence  INTEGER NOT NULL CHECK (sequence >= 0),
  hash      TEXT    NOT NULL,
  mac       TEXT    NOT NULL
);

-- Append-only, enforced: a statement that would change or remove an entry fails.
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit entries are append-only: they cannot be changed or removed');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit entries are append-only: they cannot be changed or removed');
END;
