-- Failed password sign-ins and the lockouts they caused, per username and per client address, kept in the
-- database so that every server on one database counts the same failures (origo_store::login_throttle).
-- `subject` is `user:<username, lower case>` or `address:<client IP>`. Failures are bookkeeping and are not
-- audited; a lockout is. Portable SQL (see 0001).
CREATE TABLE login_failures (
    id TEXT NOT NULL,
    subject TEXT NOT NULL,
    at TEXT NOT NULL,
    CONSTRAINT login_failures_pkey PRIMARY KEY (id)
);
CREATE INDEX login_failures_subject_idx ON login_failures (subject, at);
CREATE INDEX login_failures_at_idx ON login_failures (at);

CREATE TABLE login_lockouts (
    subject TEXT NOT NULL,
    locked_until TEXT NOT NULL,
    CONSTRAINT login_lockouts_pkey PRIMARY KEY (subject)
);
