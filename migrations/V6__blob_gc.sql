-- The blobs each manifest uses (config, layers, and the children of an index), so that garbage
-- collection can tell a repository's live blob references from stale ones without parsing manifests.
CREATE TABLE manifest_blobs (
    manifest_id    bigint NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
    repository_id  bigint NOT NULL,
    digest         varchar(160) NOT NULL,
    PRIMARY KEY (manifest_id, digest)
);
CREATE INDEX manifest_blobs_repository_digest ON manifest_blobs (repository_id, digest);

-- Manifests stored before this table: every digest-shaped string in their JSON. It may take in a
-- subject or an annotation too, which only keeps a blob longer, never deletes one in use.
-- 'escape' reads any bytes as text (JSON that is not valid UTF-8 would stop convert_from).
INSERT INTO manifest_blobs (manifest_id, repository_id, digest)
SELECT DISTINCT m.id, m.repository_id, found.match[1]
FROM manifests m,
     LATERAL regexp_matches(encode(m.content, 'escape'), '"(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})"', 'g') AS found(match)
ON CONFLICT DO NOTHING;
