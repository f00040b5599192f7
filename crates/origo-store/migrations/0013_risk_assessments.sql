-- Risk assessments of applications (origo-risk, docs/RISK.md): one row per assessment, made when the exporter
-- submits (and again when it resubmits after a request for information), never changed except that a newer
-- assessment of the same application marks the older one as no longer the latest. Portable SQL (see 0001).

CREATE TABLE risk_assessments (
    id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    -- 0.00 to 1.00, always with two decimal places, so that text order is numeric order.
    score TEXT NOT NULL,
    route TEXT NOT NULL,
    randomly_selected BIGINT NOT NULL,
    -- [{"indicator": "trader", "points": "0.20", "reason": "Exporter ... is a trader ..."}, ...]
    findings TEXT NOT NULL,
    -- SHA-256 (hex) of the configuration's JSON in force when assessing: which weights and seed decided.
    config_fingerprint TEXT NOT NULL,
    assessed_at TEXT NOT NULL,
    -- 1 for the application's newest assessment (the one the queue and the dossier show), 0 for older ones.
    latest BIGINT NOT NULL,
    CONSTRAINT risk_assessments_pkey PRIMARY KEY (id),
    CONSTRAINT risk_assessments_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id),
    CONSTRAINT risk_assessments_score_check CHECK (LENGTH(score) = 4 AND score >= '0.00' AND score <= '1.00'),
    CONSTRAINT risk_assessments_route_check
        CHECK (route IN ('automatic_approval', 'documentary_check', 'inspection')),
    CONSTRAINT risk_assessments_randomly_selected_check CHECK (randomly_selected IN (0, 1)),
    CONSTRAINT risk_assessments_latest_check CHECK (latest IN (0, 1))
);
CREATE UNIQUE INDEX risk_assessments_application_id_latest_key ON risk_assessments (application_id) WHERE latest = 1;
CREATE INDEX risk_assessments_application_id_idx ON risk_assessments (application_id, id);

-- The history the unit-value and surge indicators compare with: earlier goods items of the same subheading, and
-- proofs issued in the last two years.
CREATE INDEX goods_items_hs_code_idx ON goods_items (hs_code, application_id);
CREATE INDEX certificates_issued_at_idx ON certificates (issued_at, application_id);
