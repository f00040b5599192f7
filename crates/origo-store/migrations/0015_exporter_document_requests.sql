-- The investigation of a verification request reaches the exporter: documents the certifying body asks of it (with
-- what is asked and by when), the exporter's answer (a note and its files), and files attached to investigation
-- steps (a site-visit report). The files are kept like the foreign authority's documents and the control
-- findings' (SHA-256, size, media type, bytes in the database; origo-store src/attachments.rs reads and writes
-- every such table). Portable SQL (see 0001).

-- What the certifier asks of the exporter, recorded with the step `documents_requested_from_exporter`. The
-- exporter sees `asked` and `due_on`, never the foreign authority's request, reasons or documents.
CREATE TABLE exporter_document_requests (
    id TEXT NOT NULL,
    verification_request_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    exporter_id TEXT NOT NULL,
    asked TEXT NOT NULL,
    -- The last day for the answer (YYYY-MM-DD); missing it is computed, never stored.
    due_on TEXT NOT NULL,
    -- pending -> answered (once).
    status TEXT NOT NULL,
    note TEXT,
    requested_by TEXT,
    requested_at TEXT NOT NULL,
    answered_by TEXT,
    answered_at TEXT,
    CONSTRAINT exporter_document_requests_pkey PRIMARY KEY (id),
    CONSTRAINT exporter_document_requests_step_id_key UNIQUE (step_id),
    CONSTRAINT exporter_document_requests_verification_request_id_fkey
        FOREIGN KEY (verification_request_id) REFERENCES verification_requests (id),
    CONSTRAINT exporter_document_requests_step_id_fkey FOREIGN KEY (step_id) REFERENCES verification_steps (id),
    CONSTRAINT exporter_document_requests_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT exporter_document_requests_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES users (id),
    CONSTRAINT exporter_document_requests_answered_by_fkey FOREIGN KEY (answered_by) REFERENCES users (id),
    CONSTRAINT exporter_document_requests_status_check CHECK (status IN ('pending', 'answered')),
    CONSTRAINT exporter_document_requests_answered_check CHECK (
        (status = 'answered' AND note IS NOT NULL AND answered_at IS NOT NULL)
        OR (status = 'pending' AND note IS NULL AND answered_at IS NULL))
);
CREATE INDEX exporter_document_requests_exporter_id_idx ON exporter_document_requests (exporter_id, status, id);
CREATE INDEX exporter_document_requests_verification_request_id_idx
    ON exporter_document_requests (verification_request_id, id);

-- The files the exporter sends with its answer.
CREATE TABLE exporter_answer_documents (
    id TEXT NOT NULL,
    document_request_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT,
    uploaded_at TEXT NOT NULL,
    CONSTRAINT exporter_answer_documents_pkey PRIMARY KEY (id),
    CONSTRAINT exporter_answer_documents_document_request_id_sha256_key UNIQUE (document_request_id, sha256),
    CONSTRAINT exporter_answer_documents_document_request_id_fkey
        FOREIGN KEY (document_request_id) REFERENCES exporter_document_requests (id),
    CONSTRAINT exporter_answer_documents_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users (id),
    CONSTRAINT exporter_answer_documents_size_check CHECK (size_bytes >= 0)
);
CREATE INDEX exporter_answer_documents_document_request_id_idx ON exporter_answer_documents (document_request_id, id);

-- Files attached to an investigation step (a site-visit report, minutes); the same file once per request.
CREATE TABLE verification_step_documents (
    id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT,
    uploaded_at TEXT NOT NULL,
    CONSTRAINT verification_step_documents_pkey PRIMARY KEY (id),
    CONSTRAINT verification_step_documents_request_id_sha256_key UNIQUE (request_id, sha256),
    CONSTRAINT verification_step_documents_request_id_fkey
        FOREIGN KEY (request_id) REFERENCES verification_requests (id),
    CONSTRAINT verification_step_documents_step_id_fkey FOREIGN KEY (step_id) REFERENCES verification_steps (id),
    CONSTRAINT verification_step_documents_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users (id),
    CONSTRAINT verification_step_documents_size_check CHECK (size_bytes >= 0)
);
CREATE INDEX verification_step_documents_request_id_idx ON verification_step_documents (request_id, id);
