-- Signing keys, the yearly number sequences, certificates and registered statements on origin. Portable SQL
-- (see 0001).

CREATE TABLE signing_keys (
    key_id TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    -- 32-byte Ed25519 public key, unpadded base64url (as published in the key set).
    public_key TEXT NOT NULL,
    -- PKCS#8 PEM, plain or encrypted as the configuration says; NULL when the private key is kept elsewhere.
    private_key_pem TEXT,
    private_key_encrypted BIGINT NOT NULL,
    not_before TEXT NOT NULL,
    not_after TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT signing_keys_pkey PRIMARY KEY (key_id),
    CONSTRAINT signing_keys_public_key_key UNIQUE (public_key),
    CONSTRAINT signing_keys_issuer_code_fkey FOREIGN KEY (issuer_code) REFERENCES issuers (code),
    CONSTRAINT signing_keys_encrypted_check CHECK (private_key_encrypted IN (0, 1)),
    CONSTRAINT signing_keys_validity_check CHECK (not_after IS NULL OR not_after >= not_before)
);

-- The last sequence number given out per issuing body and year. Allocation is one UPDATE ... RETURNING (or the
-- first INSERT) in the issuing transaction: the row stays locked until commit, so numbers are unique and gap-free.
CREATE TABLE number_sequences (
    issuer_code TEXT NOT NULL,
    year BIGINT NOT NULL,
    last_value BIGINT NOT NULL,
    CONSTRAINT number_sequences_pkey PRIMARY KEY (issuer_code, year),
    CONSTRAINT number_sequences_issuer_code_fkey FOREIGN KEY (issuer_code) REFERENCES issuers (code)
);

CREATE TABLE certificates (
    id TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    number TEXT NOT NULL,
    year BIGINT NOT NULL,
    sequence BIGINT NOT NULL,
    kind TEXT NOT NULL,
    application_id TEXT,
    exporter_id TEXT NOT NULL,
    -- SHA-256 of the security code: the code itself is shown once, to the exporter.
    security_code_hash TEXT NOT NULL,
    -- The signed document (origo-signed/1 JSON), exactly as signed.
    document TEXT NOT NULL,
    key_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT,
    status_changed_at TEXT,
    replaced_by_id TEXT,
    replaces_id TEXT,
    CONSTRAINT certificates_pkey PRIMARY KEY (id),
    CONSTRAINT certificates_issuer_code_number_key UNIQUE (issuer_code, number),
    CONSTRAINT certificates_issuer_code_year_sequence_key UNIQUE (issuer_code, year, sequence),
    CONSTRAINT certificates_issuer_code_fkey FOREIGN KEY (issuer_code) REFERENCES issuers (code),
    CONSTRAINT certificates_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id),
    CONSTRAINT certificates_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT certificates_key_id_fkey FOREIGN KEY (key_id) REFERENCES signing_keys (key_id),
    CONSTRAINT certificates_replaced_by_id_fkey FOREIGN KEY (replaced_by_id) REFERENCES certificates (id),
    CONSTRAINT certificates_replaces_id_fkey FOREIGN KEY (replaces_id) REFERENCES certificates (id),
    CONSTRAINT certificates_kind_check CHECK (kind IN ('non_preferential', 'ct1', 'ct_uz')),
    CONSTRAINT certificates_status_check CHECK (status IN ('valid', 'revoked', 'replaced')),
    CONSTRAINT certificates_replaced_check CHECK (status <> 'replaced' OR replaced_by_id IS NOT NULL),
    CONSTRAINT certificates_status_reason_check
        CHECK (status = 'valid' OR (status_reason IS NOT NULL AND status_changed_at IS NOT NULL))
);
CREATE INDEX certificates_number_idx ON certificates (number);
CREATE INDEX certificates_exporter_id_idx ON certificates (exporter_id, id);
CREATE INDEX certificates_status_idx ON certificates (issuer_code, status);

-- Statements on origin / origin declarations made out by exporters: the exact text's hash is registered so that
-- an importing authority can check that exact statement.
CREATE TABLE statements (
    id TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    exporter_id TEXT,
    rex_number TEXT,
    application_id TEXT,
    criterion TEXT,
    made_out_on TEXT NOT NULL,
    consignment_value_eur TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT statements_pkey PRIMARY KEY (id),
    CONSTRAINT statements_text_hash_key UNIQUE (text_hash),
    CONSTRAINT statements_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT statements_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id),
    CONSTRAINT statements_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT statements_kind_check CHECK (kind IN ('statement_on_origin', 'origin_declaration'))
);
CREATE INDEX statements_exporter_id_idx ON statements (exporter_id, id);
