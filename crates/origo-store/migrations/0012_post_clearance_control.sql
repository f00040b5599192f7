-- Post-clearance control by national customs, revocation proposals decided by the certifying body, utilisation
-- of certificates recorded by importing authorities, flags raised for officers and the risk engine, and the
-- revocation of supplier declarations. Portable SQL (see 0001).

-- Yearly reference numbers of a series other than certificate numbers (`PCC-2026-000012`): one counter per
-- issuing body, series and year, allocated like number_sequences (one upsert, the row locked until commit).
CREATE TABLE reference_sequences (
    issuer_code TEXT NOT NULL,
    series TEXT NOT NULL,
    year BIGINT NOT NULL,
    last_value BIGINT NOT NULL,
    CONSTRAINT reference_sequences_pkey PRIMARY KEY (issuer_code, series, year),
    CONSTRAINT reference_sequences_issuer_code_fkey FOREIGN KEY (issuer_code) REFERENCES issuers (code)
);

-- A control case opened by customs on a certificate (and so its exporter) or on an exporter.
CREATE TABLE control_cases (
    id TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    reference TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    certificate_id TEXT,
    -- Always set: the certificate's exporter, or the exporter the case is about.
    exporter_id TEXT NOT NULL,
    grounds TEXT NOT NULL,
    status TEXT NOT NULL,
    opened_by TEXT,
    opened_at TEXT NOT NULL,
    closed_by TEXT,
    closed_at TEXT,
    conclusion TEXT,
    CONSTRAINT control_cases_pkey PRIMARY KEY (id),
    CONSTRAINT control_cases_issuer_code_reference_key UNIQUE (issuer_code, reference),
    CONSTRAINT control_cases_issuer_code_fkey FOREIGN KEY (issuer_code) REFERENCES issuers (code),
    CONSTRAINT control_cases_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES certificates (id),
    CONSTRAINT control_cases_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT control_cases_opened_by_fkey FOREIGN KEY (opened_by) REFERENCES users (id),
    CONSTRAINT control_cases_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES users (id),
    CONSTRAINT control_cases_subject_check CHECK (
        (subject_kind = 'certificate' AND certificate_id IS NOT NULL)
        OR (subject_kind = 'exporter' AND certificate_id IS NULL)),
    CONSTRAINT control_cases_status_check CHECK (status IN ('open', 'closed')),
    CONSTRAINT control_cases_closed_check CHECK (status = 'open' OR (closed_at IS NOT NULL AND conclusion IS NOT NULL))
);
CREATE INDEX control_cases_status_idx ON control_cases (status, id);
CREATE INDEX control_cases_exporter_id_idx ON control_cases (exporter_id, id);

-- What the control found, in the order recorded; never changed.
CREATE TABLE control_findings (
    id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    text TEXT NOT NULL,
    recorded_by TEXT,
    recorded_at TEXT NOT NULL,
    CONSTRAINT control_findings_pkey PRIMARY KEY (id),
    CONSTRAINT control_findings_case_id_fkey FOREIGN KEY (case_id) REFERENCES control_cases (id)
);
CREATE INDEX control_findings_case_id_idx ON control_findings (case_id, id);

-- Documents of a finding, kept like evidence files (SHA-256, size, media type; bytes in the database).
CREATE TABLE control_documents (
    id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    finding_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT,
    uploaded_at TEXT NOT NULL,
    CONSTRAINT control_documents_pkey PRIMARY KEY (id),
    CONSTRAINT control_documents_case_id_sha256_key UNIQUE (case_id, sha256),
    CONSTRAINT control_documents_case_id_fkey FOREIGN KEY (case_id) REFERENCES control_cases (id),
    CONSTRAINT control_documents_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES control_findings (id),
    CONSTRAINT control_documents_size_check CHECK (size_bytes >= 0)
);
CREATE INDEX control_documents_finding_id_idx ON control_documents (finding_id, id);

-- A proposal to revoke a certificate or a REX registration, from a control case or a verification request; the
-- certifying body accepts (and the revocation happens in the same transaction) or rejects it, with reasons.
-- `target_id` is the certificate's id or the exporter's id; at most one proposal per target is undecided.
CREATE TABLE revocation_proposals (
    id TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    certificate_id TEXT,
    exporter_id TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    control_case_id TEXT,
    -- The verification request (administrative cooperation); no foreign key, that table is the cooperation
    -- module's.
    verification_request_id TEXT,
    grounds TEXT NOT NULL,
    status TEXT NOT NULL,
    proposed_by TEXT,
    proposed_by_role TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    decided_by TEXT,
    decided_by_role TEXT,
    decision_reasons TEXT,
    decided_at TEXT,
    CONSTRAINT revocation_proposals_pkey PRIMARY KEY (id),
    CONSTRAINT revocation_proposals_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES certificates (id),
    CONSTRAINT revocation_proposals_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT revocation_proposals_control_case_id_fkey FOREIGN KEY (control_case_id) REFERENCES control_cases (id),
    CONSTRAINT revocation_proposals_proposed_by_fkey FOREIGN KEY (proposed_by) REFERENCES users (id),
    CONSTRAINT revocation_proposals_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users (id),
    CONSTRAINT revocation_proposals_target_check CHECK (
        (target_kind = 'certificate' AND certificate_id IS NOT NULL AND target_id = certificate_id)
        OR (target_kind = 'rex_registration' AND certificate_id IS NULL AND target_id = exporter_id)),
    CONSTRAINT revocation_proposals_source_check CHECK (
        (source_kind = 'control_case' AND control_case_id IS NOT NULL AND verification_request_id IS NULL)
        OR (source_kind = 'verification_request' AND verification_request_id IS NOT NULL
            AND control_case_id IS NULL)),
    CONSTRAINT revocation_proposals_status_check CHECK (status IN ('proposed', 'accepted', 'rejected')),
    CONSTRAINT revocation_proposals_decided_check
        CHECK (status = 'proposed' OR (decided_at IS NOT NULL AND decision_reasons IS NOT NULL))
);
CREATE UNIQUE INDEX revocation_proposals_target_kind_target_id_key
    ON revocation_proposals (target_kind, target_id) WHERE status = 'proposed';
CREATE INDEX revocation_proposals_status_idx ON revocation_proposals (status, id);
CREATE INDEX revocation_proposals_exporter_id_idx ON revocation_proposals (exporter_id, id);

-- Use of a certificate's goods item at import: the quantity (in the item's unit) cleared under one customs
-- declaration in one importing country. The same declaration line is recorded once.
CREATE TABLE utilisations (
    id TEXT NOT NULL,
    certificate_id TEXT NOT NULL,
    item_no BIGINT NOT NULL,
    importing_country TEXT NOT NULL,
    quantity TEXT NOT NULL,
    declaration_ref TEXT NOT NULL,
    recorded_by TEXT,
    recorded_at TEXT NOT NULL,
    CONSTRAINT utilisations_pkey PRIMARY KEY (id),
    CONSTRAINT utilisations_certificate_id_item_no_declaration_ref_key
        UNIQUE (certificate_id, item_no, declaration_ref),
    CONSTRAINT utilisations_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES certificates (id),
    CONSTRAINT utilisations_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users (id),
    CONSTRAINT utilisations_item_no_check CHECK (item_no >= 1)
);
CREATE INDEX utilisations_certificate_id_idx ON utilisations (certificate_id, item_no, id);

-- Something the certifying body and the risk engine should look at. `dedupe_key` says what the flag is about
-- (`over_use:<certificate>:<item>`): while one is open, the same is not raised again.
CREATE TABLE flags (
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    exporter_id TEXT NOT NULL,
    certificate_id TEXT,
    application_id TEXT,
    supplier_declaration_id TEXT,
    details TEXT NOT NULL,
    raised_by TEXT,
    raised_at TEXT NOT NULL,
    resolved_by TEXT,
    resolved_at TEXT,
    resolution TEXT,
    CONSTRAINT flags_pkey PRIMARY KEY (id),
    CONSTRAINT flags_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT flags_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES certificates (id),
    CONSTRAINT flags_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id),
    CONSTRAINT flags_supplier_declaration_id_fkey
        FOREIGN KEY (supplier_declaration_id) REFERENCES supplier_declarations (id),
    CONSTRAINT flags_raised_by_fkey FOREIGN KEY (raised_by) REFERENCES users (id),
    CONSTRAINT flags_resolved_by_fkey FOREIGN KEY (resolved_by) REFERENCES users (id),
    CONSTRAINT flags_kind_check
        CHECK (kind IN ('over_use', 'double_country_use', 'supplier_declaration_revoked')),
    CONSTRAINT flags_resolved_check CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE UNIQUE INDEX flags_dedupe_key_key ON flags (dedupe_key) WHERE resolved_at IS NULL;
CREATE INDEX flags_open_idx ON flags (resolved_at, id);
CREATE INDEX flags_exporter_id_idx ON flags (exporter_id, kind);

-- A supplier declaration found wrong is revoked by the certifying body, with reasons; it stays on record.
ALTER TABLE supplier_declarations ADD COLUMN revoked_at TEXT;
ALTER TABLE supplier_declarations ADD COLUMN revoked_by TEXT;
ALTER TABLE supplier_declarations ADD COLUMN revocation_reasons TEXT;
CREATE INDEX bom_materials_supplier_declaration_id_idx ON bom_materials (supplier_declaration_id);
