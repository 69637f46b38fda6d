-- One name space for users and organizations: a name is never taken twice, and never
-- reused after its owner is deleted (images pulled by that name must not change hands).
CREATE TABLE namespaces (
    id          bigserial PRIMARY KEY,
    name        varchar(30) NOT NULL UNIQUE,
    kind        varchar(8)  NOT NULL CHECK (kind IN ('user', 'org')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE TABLE accounts (
    id              bigserial PRIMARY KEY,
    namespace_id    bigint NOT NULL UNIQUE REFERENCES namespaces (id),
    email           varchar(254) NOT NULL,
    email_verified  boolean NOT NULL DEFAULT false,
    -- bcrypt; null for accounts that sign in only through an identity provider
    password_hash   varchar(100),
    -- bumped to end every other session (password change)
    session_epoch   integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));

-- Only the SHA-256 of a verification token is kept.
CREATE TABLE email_verifications (
    token_hash  varchar(64) PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email       varchar(254) NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX email_verifications_account ON email_verifications (account_id);

-- Failed sign-ins per account name and per client address, shared by every copy of Hoist.
CREATE TABLE login_failures (
    key           varchar(300) PRIMARY KEY,
    failures      integer NOT NULL,
    window_start  timestamptz NOT NULL,
    locked_until  timestamptz
);

-- Keys made on first start and shared by every copy (session cookies, later token signing).
CREATE TABLE server_secrets (
    name        varchar(50) PRIMARY KEY,
    value       bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
