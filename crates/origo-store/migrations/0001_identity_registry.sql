-- Issuing bodies, the registry of exporters (REX-style) with its history, users, sessions and API tokens.
--
-- Portable SQL: runs unchanged on SQLite and PostgreSQL through sqlx's Any driver. Ids are uuid v7 text,
-- timestamps RFC 3339 UTC text (fixed width, so text order is time order), dates YYYY-MM-DD text, money and
-- quantities decimal text, booleans BIGINT 0/1 (the Any driver cannot read a SQLite BOOLEAN column), JSON as text.
-- Every constraint is named, so that a violation reports the same name on both backends.

CREATE TABLE issuers (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT issuers_pkey PRIMARY KEY (code)
);

CREATE TABLE exporters (
    id TEXT NOT NULL,
    status TEXT NOT NULL,
    rex_number TEXT,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    country TEXT NOT NULL,
    tin TEXT NOT NULL,
    -- The whole Annex 22-06 registration data as JSON; name, address, country and tin are copied out for lookups.
    data TEXT NOT NULL,
    consent_to_publication BIGINT NOT NULL,
    valid_from TEXT,
    revoked_on TEXT,
    revocation_grounds TEXT,
    decision_reason TEXT,
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT exporters_pkey PRIMARY KEY (id),
    CONSTRAINT exporters_rex_number_key UNIQUE (rex_number),
    CONSTRAINT exporters_status_check CHECK (status IN ('applied', 'registered', 'refused', 'revoked')),
    CONSTRAINT exporters_consent_check CHECK (consent_to_publication IN (0, 1)),
    CONSTRAINT exporters_registered_check
        CHECK (status NOT IN ('registered', 'revoked') OR (rex_number IS NOT NULL AND valid_from IS NOT NULL)),
    CONSTRAINT exporters_revoked_check
        CHECK (status <> 'revoked' OR (revoked_on IS NOT NULL AND revocation_grounds IS NOT NULL))
);
-- One live registration (applied or registered) per company; refused and revoked ones may apply again.
CREATE UNIQUE INDEX exporters_country_tin_key ON exporters (country, tin) WHERE status IN ('applied', 'registered');

CREATE TABLE users (
    id TEXT NOT NULL,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    exporter_id TEXT,
    country TEXT,
    disabled BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT users_role_check
        CHECK (role IN ('exporter', 'certifier', 'supervisor', 'customs', 'foreign_authority', 'auditor', 'admin')),
    CONSTRAINT users_exporter_scope_check CHECK (exporter_id IS NULL OR role = 'exporter'),
    CONSTRAINT users_country_scope_check CHECK (role <> 'foreign_authority' OR country IS NOT NULL),
    CONSTRAINT users_disabled_check CHECK (disabled IN (0, 1))
);
CREATE INDEX users_exporter_id_idx ON users (exporter_id);

-- Every version of every registration, written together with the change (never updated).
CREATE TABLE exporter_history (
    exporter_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    change TEXT NOT NULL,
    status TEXT NOT NULL,
    rex_number TEXT,
    data TEXT NOT NULL,
    valid_from TEXT,
    revoked_on TEXT,
    revocation_grounds TEXT,
    reason TEXT,
    changed_by TEXT,
    changed_at TEXT NOT NULL,
    CONSTRAINT exporter_history_pkey PRIMARY KEY (exporter_id, version),
    CONSTRAINT exporter_history_exporter_id_fkey FOREIGN KEY (exporter_id) REFERENCES exporters (id),
    CONSTRAINT exporter_history_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES users (id)
);

CREATE TABLE sessions (
    id TEXT NOT NULL,
    -- SHA-256 of the session token: a copy of the table does not let anyone log in.
    token_hash TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    -- JSON array of scope names.
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    last_used_at TEXT,
    revoked_at TEXT,
    CONSTRAINT api_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);
