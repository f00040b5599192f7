-- How far the audit chain has been verified: the sequence number and hash of the last record found intact, so that
-- the audit page re-verifies only the records appended since (origo_store::audit::verify_incremental). One row at
-- most; it is bookkeeping (not audited: checking the trail must not lengthen it). `verified_at` is when the
-- checkpoint last moved, `full_verified_at` when a check of every record last passed (NULL: not since the
-- checkpoint was made). A full check (`origo audit verify`, the API's verification, the page's "check every
-- record") still reads every record; one that fails removes the checkpoint. Portable SQL (see 0001).
CREATE TABLE audit_checkpoint (
    id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    verified_at TEXT NOT NULL,
    full_verified_at TEXT,
    CONSTRAINT audit_checkpoint_pkey PRIMARY KEY (id),
    CONSTRAINT audit_checkpoint_single_check CHECK (id = 1)
);
