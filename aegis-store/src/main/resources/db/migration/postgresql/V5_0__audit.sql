-- The audit log (docs/audit.md): per tenant, a chain of entries 1, 2, 3..., each hashed over the one before.
-- Times are epoch milliseconds (UTC); ids sort byte by byte (COLLATE "C"); before_json and after_json are canonical
-- JSON (RFC 8785), hashed as stored. No statement in the code updates or deletes an entry, and triggers make the
-- database refuse to.
CREATE TABLE audit_entries (
  tenant_id   TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
  sequence    BIGINT  NOT NULL CHECK (sequence >= 1),
  id          TEXT COLLATE "C" NOT NULL UNIQUE,
  format      INTEGER NOT NULL CHECK (format = 1),
  at          BIGINT  NOT NULL,
  actor       TEXT COLLATE "C" NOT NULL,
  action      TEXT COLLATE "C" NOT NULL,
  object_type TEXT COLLATE "C" NOT NULL,
  object_id   TEXT COLLATE "C" NOT NULL,
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

-- Each tenant's last sequence and hash, with a MAC over both. Every append locks the row (FOR UPDATE) until its
-- transaction ends, so concurrent changes of a tenant form one chain. Sequence 0 is the row made before a tenant's
-- first entry.
CREATE TABLE audit_heads (
  tenant_id TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES tenants (id),
  sequence  BIGINT NOT NULL CHECK (sequence >= 0),
  hash      TEXT   NOT NULL,
  mac       TEXT   NOT NULL
);

-- Append-only, enforced: a statement that would change or remove an entry fails, TRUNCATE included.
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit entries are append-only: they cannot be changed or removed';
END;
$$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
