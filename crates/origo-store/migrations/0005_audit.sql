-- The audit trail: one row per state change, each chained to the one before by SHA-256.
--
-- No foreign keys: the trail outlives what it describes and must never block a deletion elsewhere. The single
-- row of audit_head is the chain head; appending locks it (UPDATE ... RETURNING) for the rest of the
-- transaction, so two transactions can never chain onto the same predecessor.

CREATE TABLE audit_log (
    seq BIGINT NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_hash TEXT,
    after_hash TEXT,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    CONSTRAINT audit_log_pkey PRIMARY KEY (seq)
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq);

CREATE TABLE audit_head (
    id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    CONSTRAINT audit_head_pkey PRIMARY KEY (id),
    CONSTRAINT audit_head_single_check CHECK (id = 1)
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
