-- FableForge store, version 7: accounts (issue 13), only used when AUTH_MODE=accounts.
--
-- Secrets are never stored: API tokens, session ids and sign-in link ids are 256-bit random values
-- of which only the SHA-256 (hex) is kept, so a copy of the database signs nobody in. Passwords are
-- Argon2id hashes (auth.Passwords). Times are BIGINT epoch milliseconds UTC, as everywhere.

CREATE TABLE account (
    id             TEXT     NOT NULL PRIMARY KEY,
    name           TEXT     NOT NULL UNIQUE,
    admin          INTEGER  NOT NULL DEFAULT 0,
    -- null until the user sets one through a sign-in link
    password_hash  TEXT,
    created_at     BIGINT   NOT NULL,
    CHECK (admin IN (0, 1))
);

CREATE TABLE account_token (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    account_id  TEXT    NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    last_used   BIGINT
);
CREATE INDEX account_token_by_account ON account_token (account_id);

-- Sessions live here, not in a node's memory, so every node accepts every session.
CREATE TABLE account_session (
    id_hash     TEXT    NOT NULL PRIMARY KEY,
    account_id  TEXT    NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    last_seen   BIGINT  NOT NULL,
    -- the absolute end (SESSION_MAX_DAYS after sign-in); the idle end is last_seen + SESSION_IDLE_HOURS
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX account_session_by_account ON account_session (account_id);

CREATE TABLE signin_link (
    link_hash   TEXT    NOT NULL PRIMARY KEY,
    account_id  TEXT    NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    expires_at  BIGINT  NOT NULL,
    -- when it was used; a link works once
    used_at     BIGINT
);
CREATE INDEX signin_link_by_account ON signin_link (account_id);
