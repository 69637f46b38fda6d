-- Retention policies (issue 16 §4): one per repository, or one per organization for those of its
-- repositories that have none of their own. A rule left null is off.
CREATE TABLE retention_policies (
    id              bigserial PRIMARY KEY,
    repository_id   bigint UNIQUE REFERENCES repositories (id) ON DELETE CASCADE,
    namespace_id    bigint UNIQUE REFERENCES namespaces (id) ON DELETE CASCADE,
    enabled         boolean NOT NULL DEFAULT false,
    -- keep the keep_last most recently pushed tags matching keep_pattern, delete the older ones
    keep_pattern    varchar(128) NOT NULL DEFAULT '*',
    keep_last       integer CHECK (keep_last BETWEEN 1 AND 100000),
    -- delete tags neither pulled nor pushed for this many days
    unpulled_days   integer CHECK (unpulled_days BETWEEN 1 AND 36500),
    -- delete manifests without tags (and not used by another manifest) older than this
    untagged_days   integer CHECK (untagged_days BETWEEN 1 AND 36500),
    -- nothing pushed less than this many days ago is ever deleted
    grace_days      integer NOT NULL DEFAULT 7 CHECK (grace_days BETWEEN 1 AND 36500),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((repository_id IS NULL) <> (namespace_id IS NULL))
);

-- When a tag or a manifest was last pulled, written at most once a minute each (registry.PullTimes).
ALTER TABLE tags ADD COLUMN last_pulled_at timestamptz;
ALTER TABLE manifests ADD COLUMN last_pulled_at timestamptz;

-- The last run of retention on each repository: the hourly job runs a repository's policy once a
-- day, and a copy of Hoist that finds the repository just done (or locked) leaves it.
CREATE TABLE retention_runs (
    repository_id  bigint PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    ran_at         timestamptz NOT NULL,
    deleted_tags   integer NOT NULL,
    deleted_manifests integer NOT NULL
);
