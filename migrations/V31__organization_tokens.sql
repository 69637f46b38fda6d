-- Organization access tokens: credentials that belong to an organization, not a person. Only the
-- SHA-256 of the secret is kept. created_by is a fact (a username as it was), not a reference: the
-- token outlives its maker leaving the organization or deleting their account.
CREATE TABLE organization_tokens (
    id               bigserial PRIMARY KEY,
    uuid             uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    organization_id  bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    label            varchar(100) NOT NULL,
    description      varchar(255) NOT NULL DEFAULT '',
    token_hash       varchar(64) NOT NULL UNIQUE,
    created_by       varchar(64),
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz,
    last_used_at     timestamptz,
    active           boolean NOT NULL DEFAULT true
);
CREATE INDEX organization_tokens_organization ON organization_tokens (organization_id);

-- What a token reaches: a repository (acme/app) or a pattern (acme/*) with its scopes, kept as
-- given (space-separated) so the API answers what it was told.
CREATE TABLE organization_token_resources (
    token_id  bigint NOT NULL REFERENCES organization_tokens (id) ON DELETE CASCADE,
    position  int NOT NULL,
    type      varchar(16) NOT NULL,
    path      varchar(300) NOT NULL,
    scopes    varchar(300) NOT NULL,
    PRIMARY KEY (token_id, position)
);

-- A blob upload opened with an organization access token is that token's (it has no account), and
-- counts toward the same limit of open uploads as an account's.
ALTER TABLE uploads ADD COLUMN organization_token_id bigint REFERENCES organization_tokens (id) ON DELETE CASCADE;
CREATE INDEX uploads_organization_token ON uploads (organization_token_id);
