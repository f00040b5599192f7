-- Administrative cooperation with importing countries (DOMAIN.md section 5): verification requests filed by a
-- foreign authority about a certificate or a registered statement, the documents it sent, the certifier's
-- investigation steps, the reminders and escalations raised as the reply deadline nears and passes, and the signed
-- reply. Portable SQL (see 0001).

-- Reference numbers (`VR-2026-000123`) come from reference_sequences (series `VR`), see the post-clearance
-- control migration.

CREATE TABLE verification_requests (
    id TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    -- `VR-2026-000123`, unique per issuing body.
    reference TEXT NOT NULL,
    -- ISO alpha-2 of the foreign authority that filed it (its user's country).
    requesting_country TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    -- The subject: a certificate or a registered statement, never both.
    certificate_id TEXT,
    statement_id TEXT,
    -- The subject's exporter (when the registry knows it), copied so that an exporter's verification record is
    -- one indexed read.
    exporter_id TEXT,
    -- The scheme the subject was made out under (`eu-gsp`, `cis-fta`, ...): the reply period depends on it.
    scheme TEXT NOT NULL,
    reason_kind TEXT NOT NULL,
    reasons TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- The last day of the reply period (YYYY-MM-DD): a reply on that day is in time.
    deadline TEXT NOT NULL,
    -- open -> investigating (first step recorded) -> answered. Overdue is computed from the deadline, not stored.
    status TEXT NOT NULL,
    outcome TEXT,
    findings TEXT,
    -- The signed reply (origo-signed/1 JSON), exactly as signed.
    reply_document TEXT,
    answered_at TEXT,
    answered_by TEXT,
    CONSTRAINT verification_requests_pkey PRIMARY KEY (id),
    CONSTRAINT verification_requests_issuer_code_reference_key UNIQUE (issuer_code, reference),
    CONSTRAINT verification_requests_issuer_code_fkey FOREIGN KEY (issuer_code) REFERENCES issuers (code),
    CONSTRAINT verification_requests_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES users (id),
    CONSTRAINT verification_requests_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES certificates (id),
    CONSTRAINT verification_requests_statement_id_fkey FOREIGN KEY (statement_id) REFERENCES statements (id),
    CONSTRAINT verification_requests_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT verification_requests_answered_by_fkey FOREIGN KEY (answered_by) REFERENCES users (id),
    CONSTRAINT verification_requests_subject_check CHECK ((certificate_id IS NULL) <> (statement_id IS NULL)),
    CONSTRAINT verification_requests_reason_kind_check
        CHECK (reason_kind IN ('random', 'authenticity', 'originating_status', 'other_requirements')),
    CONSTRAINT verification_requests_status_check CHECK (status IN ('open', 'investigating', 'answered')),
    CONSTRAINT verification_requests_outcome_check
        CHECK (outcome IS NULL OR outcome IN ('confirmed', 'not_confirmed', 'undetermined')),
    CONSTRAINT verification_requests_answered_check CHECK (
        (status = 'answered' AND outcome IS NOT NULL AND findings IS NOT NULL AND reply_document IS NOT NULL
            AND answered_at IS NOT NULL)
        OR (status <> 'answered' AND outcome IS NULL AND reply_document IS NULL AND answered_at IS NULL)
    )
);
CREATE INDEX verification_requests_country_idx ON verification_requests (requesting_country, id);
CREATE INDEX verification_requests_status_deadline_idx ON verification_requests (status, deadline, id);
CREATE INDEX verification_requests_exporter_id_idx ON verification_requests (exporter_id, outcome);
CREATE INDEX verification_requests_certificate_id_idx ON verification_requests (certificate_id);

-- What the foreign authority sent with its request (kept in the database, like evidence files).
CREATE TABLE verification_documents (
    id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT,
    uploaded_at TEXT NOT NULL,
    CONSTRAINT verification_documents_pkey PRIMARY KEY (id),
    CONSTRAINT verification_documents_request_id_sha256_key UNIQUE (request_id, sha256),
    CONSTRAINT verification_documents_request_id_fkey FOREIGN KEY (request_id) REFERENCES verification_requests (id),
    CONSTRAINT verification_documents_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users (id),
    CONSTRAINT verification_documents_size_check CHECK (size_bytes >= 0)
);
CREATE INDEX verification_documents_request_id_idx ON verification_documents (request_id, id);

-- The certifier's investigation: documents asked of the exporter, documents received, site visits.
CREATE TABLE verification_steps (
    id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    -- The day it happened (a site visit may be recorded after it took place).
    step_date TEXT NOT NULL,
    recorded_by TEXT,
    recorded_at TEXT NOT NULL,
    CONSTRAINT verification_steps_pkey PRIMARY KEY (id),
    CONSTRAINT verification_steps_request_id_fkey FOREIGN KEY (request_id) REFERENCES verification_requests (id),
    CONSTRAINT verification_steps_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users (id),
    CONSTRAINT verification_steps_kind_check CHECK (
        kind IN ('documents_requested_from_exporter', 'exporter_documents_received', 'site_visit')
    )
);
CREATE INDEX verification_steps_request_id_idx ON verification_steps (request_id, id);

-- Reminders (the deadline is near) and escalations (it has passed), each raised once per request: the unique key
-- makes raising idempotent, so several servers sweeping at once raise it once.
CREATE TABLE verification_alerts (
    id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    CONSTRAINT verification_alerts_pkey PRIMARY KEY (id),
    CONSTRAINT verification_alerts_request_id_kind_key UNIQUE (request_id, kind),
    CONSTRAINT verification_alerts_request_id_fkey FOREIGN KEY (request_id) REFERENCES verification_requests (id),
    CONSTRAINT verification_alerts_kind_check CHECK (kind IN ('reminder', 'escalation'))
);

-- A statement on origin whose verification was answered "not confirmed": the public check says so.
ALTER TABLE statements ADD COLUMN not_confirmed_at TEXT;
ALTER TABLE statements ADD COLUMN not_confirmed_reference TEXT;
