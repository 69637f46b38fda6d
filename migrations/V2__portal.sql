-- Organizations, teams, repositories, collaborators, stars.

-- Docker Hub's "default repository privacy": what a repository created by a first push gets.
ALTER TABLE namespaces ADD COLUMN default_private boolean NOT NULL DEFAULT false;

CREATE TABLE organizations (
    id                  bigserial PRIMARY KEY,
    namespace_id        bigint NOT NULL UNIQUE REFERENCES namespaces (id),
    verified_publisher  boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
    id                       bigserial PRIMARY KEY,
    organization_id          bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name                     varchar(30) NOT NULL,
    description              varchar(200) NOT NULL DEFAULT '',
    can_create_repositories  boolean NOT NULL DEFAULT false,
    UNIQUE (organization_id, name)
);

CREATE TABLE team_members (
    team_id     bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, account_id)
);
CREATE INDEX team_members_account ON team_members (account_id);

CREATE TABLE repositories (
    id                 bigserial PRIMARY KEY,
    namespace_id       bigint NOT NULL REFERENCES namespaces (id),
    name               varchar(255) NOT NULL,
    short_description  varchar(100) NOT NULL DEFAULT '',
    readme             text NOT NULL DEFAULT '',
    private            boolean NOT NULL,
    star_count         integer NOT NULL DEFAULT 0,
    pull_count         bigint NOT NULL DEFAULT 0,
    last_pushed_at     timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (namespace_id, name)
);

CREATE TABLE collaborators (
    repository_id  bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    account_id     bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (repository_id, account_id)
);
CREATE INDEX collaborators_account ON collaborators (account_id);

CREATE TABLE team_permissions (
    id             bigserial PRIMARY KEY,
    team_id        bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    repository_id  bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    permission     varchar(5) NOT NULL CHECK (permission IN ('READ', 'WRITE', 'ADMIN')),
    UNIQUE (team_id, repository_id)
);
CREATE INDEX team_permissions_repository ON team_permissions (repository_id);

CREATE TABLE stars (
    id             bigserial PRIMARY KEY,
    account_id     bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    repository_id  bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, repository_id)
);
CREATE INDEX stars_repository ON stars (repository_id);

-- The official images' namespace, administered by the site administrators.
INSERT INTO namespaces (name, kind) VALUES ('library', 'org');
INSERT INTO organizations (namespace_id, verified_publisher) SELECT id, true FROM namespaces WHERE name = 'library';
