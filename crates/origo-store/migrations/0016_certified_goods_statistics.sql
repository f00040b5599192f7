-- The goods certified per month, for the dashboard's top HS codes: kept up to date in the transaction that issues
-- a certificate (origo_store::statistics::certified_goods), so that a period's figures are a few rows per month
-- instead of a join of every certificate issued in it with its goods items. Each application's goods count once,
-- in the month of its first certificate: a replacement certifies the same goods again and adds nothing; a revoked
-- certificate was issued and stays counted. Derived figures, not records: not audited, rebuilt from the
-- certificates and goods items by the backfill below. Portable SQL (see 0001).

-- Per month and subheading: every goods item, and on how many certificates.
CREATE TABLE certified_hs_items (
    -- YYYY-MM of the certificate's issue (UTC), the first seven characters of its issued_at.
    month TEXT NOT NULL,
    hs_code TEXT NOT NULL,
    items BIGINT NOT NULL,
    certificates BIGINT NOT NULL,
    CONSTRAINT certified_hs_items_pkey PRIMARY KEY (month, hs_code),
    CONSTRAINT certified_hs_items_counts_check CHECK (items >= 0 AND certificates >= 0)
);

-- Per month, subheading and currency: the items with an invoiced value in that currency and the exact sum of
-- those values, a decimal written and added by rust_decimal, never summed in SQL (a float on SQLite).
CREATE TABLE certified_hs_values (
    month TEXT NOT NULL,
    hs_code TEXT NOT NULL,
    currency TEXT NOT NULL,
    items BIGINT NOT NULL,
    value TEXT NOT NULL,
    CONSTRAINT certified_hs_values_pkey PRIMARY KEY (month, hs_code, currency),
    CONSTRAINT certified_hs_values_items_check CHECK (items >= 0)
);

-- The certificates issued before this migration are added once, exactly, in Rust: the first migration run after
-- this one removes this row and fills both tables in one transaction (`certified_goods::backfill`).
CREATE TABLE statistics_backfill (
    step TEXT NOT NULL,
    CONSTRAINT statistics_backfill_pkey PRIMARY KEY (step)
);
INSERT INTO statistics_backfill (step) VALUES ('certified_goods');

-- The dashboard's other counts per month read these indexes alone (every column they filter, group and count
-- on), not the wide rows: applications submitted, certificates issued by kind, revoked and replaced, and the
-- latest risk assessments by band, route and random selection.
CREATE INDEX applications_submitted_at_idx ON applications (submitted_at);
CREATE INDEX certificates_issued_at_kind_idx ON certificates (issued_at, kind);
CREATE INDEX certificates_status_changed_at_idx ON certificates (status, status_changed_at);
CREATE INDEX risk_assessments_dashboard_idx ON risk_assessments (latest, assessed_at, score, route, randomly_selected);
