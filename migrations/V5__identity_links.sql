-- Accounts that sign in through an OpenID Connect provider (Keycloak): the provider's issuer and
-- the user's subject there name the account for good, whatever the username or email become.
CREATE TABLE identity_links (
    id          bigserial PRIMARY KEY,
    issuer      varchar(500) NOT NULL,
    subject     varchar(255) NOT NULL,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (issuer, subject)
);
CREATE INDEX identity_links_account ON identity_links (account_id);
