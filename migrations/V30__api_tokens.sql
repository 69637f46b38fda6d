-- Docker Hub's API names personal access tokens by a UUID and can deactivate one without deleting
-- it (PATCH is_active); a deactivated token signs nothing in until it is activated again.
ALTER TABLE access_tokens
    ADD COLUMN uuid uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN active boolean NOT NULL DEFAULT true;
CREATE UNIQUE INDEX access_tokens_uuid ON access_tokens (uuid);
