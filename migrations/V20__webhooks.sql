-- Webhooks (dev.hoist.webhook): a repository's (managed by its Admins) or an organization's (its
-- owners; events of all its repositories). The secret is kept encrypted (AES-GCM, key in
-- server_secrets) and shown once, when it is made.
CREATE TABLE webhooks (
    id               bigserial PRIMARY KEY,
    repository_id    bigint REFERENCES repositories (id) ON DELETE CASCADE,
    organization_id  bigint REFERENCES organizations (id) ON DELETE CASCADE,
    name             varchar(100) NOT NULL,
    url              varchar(2000) NOT NULL,
    -- the kinds of event wanted, comma-separated (WebhookEvent keys)
    events           varchar(500) NOT NULL,
    format           varchar(20) NOT NULL CHECK (format IN ('docker-hub', 'cloudevents')),
    secret_sealed    bytea NOT NULL,
    active           boolean NOT NULL DEFAULT true,
    -- when the current run of failed attempts began (null while it delivers)
    failing_since    timestamptz,
    -- why Hoist switched it off, if it did
    disabled_reason  varchar(300),
    created_by       varchar(30),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((repository_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX webhooks_repository ON webhooks (repository_id) WHERE repository_id IS NOT NULL;
CREATE INDEX webhooks_organization ON webhooks (organization_id) WHERE organization_id IS NOT NULL;

-- The outbox: one row per delivery, inserted in the transaction of the change that caused it, sent
-- after commit by whichever copy of Hoist claims it (FOR UPDATE SKIP LOCKED). A row of an
-- instance-wide endpoint (configuration) has no webhook_id but the endpoint's name.
CREATE TABLE webhook_deliveries (
    id                bigserial PRIMARY KEY,
    -- public id: the X-Hoist-Delivery header and the key of Docker Hub's callback URL
    delivery_id       uuid NOT NULL UNIQUE,
    webhook_id        bigint REFERENCES webhooks (id) ON DELETE CASCADE,
    endpoint          varchar(100),
    event             varchar(60) NOT NULL,
    body              text NOT NULL,
    -- PENDING (to be sent, now or later), DELIVERED (2xx), FAILED (gave up)
    state             varchar(10) NOT NULL DEFAULT 'PENDING',
    attempts          integer NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_attempt_at   timestamptz,
    status_code       integer,
    duration_ms       integer,
    error             varchar(500),
    request_headers   text,
    response_headers  text,
    -- first 4 KiB of the answer
    response_body     text,
    redelivery_of     bigint,
    callback_state        varchar(10),
    callback_description  varchar(500),
    callback_context      varchar(200),
    callback_target_url   varchar(2000),
    callback_at           timestamptz,
    CHECK ((webhook_id IS NULL) <> (endpoint IS NULL))
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_deliveries_of_webhook ON webhook_deliveries (webhook_id, id DESC);
