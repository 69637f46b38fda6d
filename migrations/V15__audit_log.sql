-- The audit log: who did what, to what, from where. Append-only: rows are written in the
-- transaction of the change they record and never changed afterwards. Only the retention job
-- deletes, and only after saying so in its own transaction (SET LOCAL hoist.audit_retention).
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL,
    -- the username that acted, null when nobody proved who they are (a failed sign-in) or Hoist acted
    actor           varchar(64),
    -- the description of the personal access token the actor used, if one was
    actor_token     varchar(200),
    -- what happened, as "<subject>.<verb>": repository.created, member.added, sign_in.failed …
    action          varchar(64) NOT NULL,
    -- the user or organization namespace the change belongs to (an organization's log filters on it)
    namespace       varchar(64),
    -- namespace/name when the change is about a repository
    repository      varchar(300),
    -- any other target: a team, a member, a tag, a token
    target          varchar(300),
    -- the account whose security the entry concerns (sign-ins, tokens, password, email)
    account         varchar(260),
    client_address  varchar(64),
    details         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_namespace_at ON audit_log (namespace, at DESC, id DESC);
CREATE INDEX audit_log_account_at ON audit_log (account, at DESC, id DESC);
CREATE INDEX audit_log_at ON audit_log (at, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('hoist.audit_retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
