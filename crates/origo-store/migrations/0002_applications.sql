-- Applications for a proof of origin, with their goods items, bills of materials, evidence files, supplier
-- declarations and the engine's determinations. Portable SQL (see 0001).

CREATE TABLE applications (
    id TEXT NOT NULL,
    exporter_id TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    -- Consignment data (consignee, transport, countries, remarks) as JSON.
    consignment TEXT NOT NULL,
    high_risk BIGINT NOT NULL,
    examiner_id TEXT,
    second_signer_id TEXT,
    decision_reason TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_at TEXT,
    version BIGINT NOT NULL,
    CONSTRAINT applications_pkey PRIMARY KEY (id),
    CONSTRAINT applications_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT applications_issuer_code_fkey FOREIGN KEY (issuer_code) REFERENCES issuers (code),
    CONSTRAINT applications_examiner_id_fkey FOREIGN KEY (examiner_id) REFERENCES users (id),
    CONSTRAINT applications_second_signer_id_fkey FOREIGN KEY (second_signer_id) REFERENCES users (id),
    CONSTRAINT applications_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT applications_kind_check
        CHECK (kind IN ('non_preferential', 'ct1', 'ct_uz', 'statement_on_origin', 'origin_declaration')),
    CONSTRAINT applications_state_check
        CHECK (state IN ('draft', 'submitted', 'information_requested', 'approved', 'refused', 'issued')),
    CONSTRAINT applications_high_risk_check CHECK (high_risk IN (0, 1)),
    -- Four eyes: the examiner never gives the second signature.
    CONSTRAINT applications_four_eyes_check
        CHECK (second_signer_id IS NULL OR examiner_id IS NULL OR second_signer_id <> examiner_id)
);
CREATE INDEX applications_exporter_id_idx ON applications (exporter_id, id);
CREATE INDEX applications_state_idx ON applications (state, id);

CREATE TABLE evidence_files (
    id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- Either the bytes in the database or a path in the file store, never both.
    content BYTEA,
    storage_path TEXT,
    uploaded_by TEXT,
    uploaded_at TEXT NOT NULL,
    CONSTRAINT evidence_files_pkey PRIMARY KEY (id),
    CONSTRAINT evidence_files_application_id_sha256_key UNIQUE (application_id, sha256),
    CONSTRAINT evidence_files_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
    CONSTRAINT evidence_files_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users (id),
    CONSTRAINT evidence_files_content_check CHECK ((content IS NULL) <> (storage_path IS NULL)),
    CONSTRAINT evidence_files_size_check CHECK (size_bytes >= 0)
);

CREATE TABLE supplier_declarations (
    id TEXT NOT NULL,
    exporter_id TEXT NOT NULL,
    supplier_name TEXT NOT NULL,
    supplier_country TEXT NOT NULL,
    kind TEXT NOT NULL,
    goods_description TEXT NOT NULL,
    hs_code TEXT,
    originating BIGINT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    evidence_file_id TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT supplier_declarations_pkey PRIMARY KEY (id),
    CONSTRAINT supplier_declarations_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT supplier_declarations_evidence_file_id_fkey FOREIGN KEY (evidence_file_id) REFERENCES evidence_files (id),
    CONSTRAINT supplier_declarations_kind_check CHECK (kind IN ('single', 'long_term')),
    CONSTRAINT supplier_declarations_originating_check CHECK (originating IN (0, 1))
);
CREATE INDEX supplier_declarations_exporter_id_idx ON supplier_declarations (exporter_id);

CREATE TABLE goods_items (
    id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    line_no BIGINT NOT NULL,
    hs_code TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity TEXT NOT NULL,
    unit TEXT NOT NULL,
    gross_weight_kg TEXT,
    net_weight_kg TEXT,
    invoice_number TEXT,
    invoice_date TEXT,
    invoice_value TEXT,
    currency TEXT,
    ex_works_price TEXT,
    marks_and_packages TEXT,
    -- JSON array of process names, as the engine reads them; NULL when not stated.
    processes TEXT,
    wholly_obtained BIGINT,
    created_at TEXT NOT NULL,
    CONSTRAINT goods_items_pkey PRIMARY KEY (id),
    CONSTRAINT goods_items_application_id_line_no_key UNIQUE (application_id, line_no),
    CONSTRAINT goods_items_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
    CONSTRAINT goods_items_wholly_obtained_check CHECK (wholly_obtained IS NULL OR wholly_obtained IN (0, 1))
);

-- The bill of materials of a goods item, one row per material, in the engine's terms.
CREATE TABLE bom_materials (
    id TEXT NOT NULL,
    goods_item_id TEXT NOT NULL,
    line_no BIGINT NOT NULL,
    description TEXT,
    hs_code TEXT,
    origin_country TEXT,
    originating BIGINT,
    wholly_obtained BIGINT,
    value TEXT,
    weight_kg TEXT,
    supplier_declaration_id TEXT,
    CONSTRAINT bom_materials_pkey PRIMARY KEY (id),
    CONSTRAINT bom_materials_goods_item_id_line_no_key UNIQUE (goods_item_id, line_no),
    CONSTRAINT bom_materials_goods_item_id_fkey FOREIGN KEY (goods_item_id) REFERENCES goods_items (id) ON DELETE CASCADE,
    CONSTRAINT bom_materials_supplier_declaration_id_fkey
        FOREIGN KEY (supplier_declaration_id) REFERENCES supplier_declarations (id),
    CONSTRAINT bom_materials_originating_check CHECK (originating IS NULL OR originating IN (0, 1)),
    CONSTRAINT bom_materials_wholly_obtained_check CHECK (wholly_obtained IS NULL OR wholly_obtained IN (0, 1))
);

-- What the engine decided for a goods item; kept, never overwritten (a resubmission adds a newer one).
CREATE TABLE determinations (
    id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    goods_item_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    criterion TEXT,
    scheme TEXT NOT NULL,
    rule_pack_version TEXT NOT NULL,
    -- The whole determination as JSON, trace included.
    result TEXT NOT NULL,
    determined_at TEXT NOT NULL,
    CONSTRAINT determinations_pkey PRIMARY KEY (id),
    CONSTRAINT determinations_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
    CONSTRAINT determinations_goods_item_id_fkey FOREIGN KEY (goods_item_id) REFERENCES goods_items (id) ON DELETE CASCADE,
    CONSTRAINT determinations_outcome_check CHECK (outcome IN ('originating', 'not_originating', 'undetermined'))
);
CREATE INDEX determinations_goods_item_id_idx ON determinations (goods_item_id, id);
CREATE INDEX determinations_application_id_idx ON determinations (application_id, id);
