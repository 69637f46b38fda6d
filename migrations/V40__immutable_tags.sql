-- Immutable tags (issue 16 §3): when on, tags matching any of the rules (newline-separated tag
-- patterns, see dev.hoist.model.TagPatterns; none means every tag) cannot be moved or deleted.
ALTER TABLE repositories
    ADD COLUMN immutable_tags boolean NOT NULL DEFAULT false,
    ADD COLUMN immutable_tag_rules varchar(4000) NOT NULL DEFAULT '';
