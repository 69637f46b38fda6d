-- Quotas (dev.hoist.quota): what one account may hold and how fast it may create.

-- Who made each organization, for the organizations-per-user quota (owners change; the maker does
-- not). Organizations made before: their earliest owner still in the owners team.
ALTER TABLE organizations ADD COLUMN created_by bigint REFERENCES accounts (id) ON DELETE SET NULL;
UPDATE organizations o SET created_by = (
    SELECT min(m.account_id) FROM teams t JOIN team_members m ON m.team_id = t.id
    WHERE t.organization_id = o.id AND t.name = 'owners');
CREATE INDEX organizations_created_by ON organizations (created_by);

-- Who opened each upload session, for the open-sessions-per-user quota. Sessions opened before
-- have none and count for nobody; they are purged within a day anyway.
ALTER TABLE uploads ADD COLUMN account_id bigint REFERENCES accounts (id) ON DELETE CASCADE;
CREATE INDEX uploads_account ON uploads (account_id);

-- Each account's creations (repositories, organizations, teams, tokens) of the last minute, for the
-- creations-per-minute quota: one row per creation, written in the creation's own transaction (a
-- refused or failed creation leaves none), older rows deleted by the next creation of the account.
CREATE TABLE recent_creations (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL
);
CREATE INDEX recent_creations_account ON recent_creations (account_id, created_at);
