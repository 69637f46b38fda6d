-- Browser sessions. The cookie carries a random token; the server keeps only its SHA-256, so a
-- stolen database does not sign anyone in, and deleting the row ends the session on every copy.
-- epoch: the account's session_epoch when the session began; bumping that (password change) ends
-- every session of the account in the same transaction.
CREATE TABLE sessions (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash    varchar(64) NOT NULL UNIQUE,
    epoch         integer NOT NULL,
    user_agent    varchar(300) NOT NULL,
    address       varchar(64) NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
