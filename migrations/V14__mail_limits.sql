-- An address belongs to the account that verified it. An unverified address reserves nothing:
-- signing up first with someone else's address must not keep its owner out (only the mailbox
-- owner can open the link, so whoever verifies first is the owner).
DROP INDEX accounts_email_key;
CREATE UNIQUE INDEX accounts_verified_email_key ON accounts (lower(email)) WHERE email_verified;
CREATE INDEX accounts_email ON accounts (lower(email));

-- Token buckets shared by every copy of Hoist: mails per account and per recipient, sign-ups
-- per client address. One row per key, taken from and refilled in a single UPSERT.
CREATE TABLE rate_buckets (
    key         varchar(300) PRIMARY KEY,
    tokens      double precision NOT NULL,
    updated_at  timestamptz NOT NULL,
    -- whether the last request got a token (read back by the same statement)
    granted     boolean NOT NULL,
    -- when the bucket is full again, so a full one can be forgotten
    full_at     timestamptz NOT NULL
);
CREATE INDEX rate_buckets_full_at ON rate_buckets (full_at);
