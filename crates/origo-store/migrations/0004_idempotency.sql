-- Idempotency keys for writes such as issuance: the first request with a key stores its response; a repeat
-- with the same key and the same request gets the stored response instead of a second certificate.

CREATE TABLE idempotency_keys (
    -- Whose key it is (a user or token id): keys of different clients never collide.
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status BIGINT,
    response_body TEXT,
    created_at TEXT NOT NULL,
    completed_at TEXT,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
