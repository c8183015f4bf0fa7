-- FableForge store, version 9: sign-in through an OpenID Connect provider (issue 13, optional; OIDC_ISSUER).
--
-- An account signed in through the provider is found by the provider's issuer and subject (the "sub"
-- claim), never by its e-mail or name: the same person keeps the same account when their e-mail
-- changes, and a password account that happens to share a name is never taken over. Both are null on
-- accounts made by `fableforge users add`; NULLs never collide in a UNIQUE index (SQLite and PostgreSQL).
ALTER TABLE account ADD COLUMN oidc_issuer TEXT;
ALTER TABLE account ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX account_by_oidc ON account (oidc_issuer, oidc_subject);

-- A sign-in on its way through the provider, kept here and not in a node's memory, so the provider
-- may send the browser back to any node. Found by the SHA-256 (hex) of the state sent to the provider;
-- deleted when used (a state works once) and never accepted after expires (10 minutes). The nonce and
-- the PKCE code verifier are useless without the code, which only the browser coming back carries.
-- Times are BIGINT epoch milliseconds UTC, as everywhere.
CREATE TABLE oidc_login (
    state_hash  TEXT    NOT NULL PRIMARY KEY,
    nonce       TEXT    NOT NULL,
    verifier    TEXT    NOT NULL,
    created     BIGINT  NOT NULL,
    expires     BIGINT  NOT NULL
);
CREATE INDEX oidc_login_by_expiry ON oidc_login (expires);
