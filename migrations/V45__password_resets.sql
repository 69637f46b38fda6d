-- Links that reset a forgotten password. The mail carries a random 256-bit token; only its
-- SHA-256 is kept, so a stolen database resets nobody's password. A link is used by one UPDATE
-- (used_at IS NULL AND expires_at > now()), so parallel posts of one link change the password once.
CREATE TABLE password_resets (
    token_hash  varchar(64) PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX password_resets_account ON password_resets (account_id);
