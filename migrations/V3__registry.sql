-- The registry: blobs known to each repository, manifests, tags, upload sessions, access tokens.

-- Blob bytes live in the BlobStore; this records that a repository may serve a digest
-- (it was uploaded, mounted or referenced there). Knowing a digest is not enough to read it.
CREATE TABLE repository_blobs (
    repository_id  bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest         varchar(160) NOT NULL,
    size           bigint NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX repository_blobs_digest ON repository_blobs (digest);

CREATE TABLE manifests (
    id              bigserial PRIMARY KEY,
    repository_id   bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest          varchar(160) NOT NULL,
    media_type      varchar(255) NOT NULL,
    artifact_type   varchar(255),
    subject_digest  varchar(160),
    content         bytea NOT NULL,
    -- config + layers (or children of an index), for the Tags tab
    total_size      bigint NOT NULL DEFAULT 0,
    platforms       varchar(2000) NOT NULL DEFAULT '',
    pushed_by       varchar(30),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (repository_id, digest)
);
CREATE INDEX manifests_subject ON manifests (repository_id, subject_digest) WHERE subject_digest IS NOT NULL;

CREATE TABLE tags (
    repository_id  bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    name           varchar(128) NOT NULL,
    manifest_id    bigint NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
    pushed_by      varchar(30),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, name)
);

-- Upload sessions, shared by every copy of Hoist; the bytes are in the BlobStore under the same id.
CREATE TABLE uploads (
    id             varchar(64) PRIMARY KEY,
    repository_id  bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    started_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Personal access tokens: only a SHA-256 of the secret is kept.
CREATE TABLE access_tokens (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    description   varchar(100) NOT NULL,
    scope         varchar(5) NOT NULL CHECK (scope IN ('READ', 'WRITE', 'ADMIN')),
    token_hash    varchar(64) NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX access_tokens_account ON access_tokens (account_id);
