-- Search: full-text and trigram matching over repositories, kept up to date by a trigger, with
-- indexes that keep one search fast at a million repositories (see dev.hoist.search.SearchSql).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE repositories
    -- "namespace/name", for exact and fuzzy matches on the full name without a join.
    ADD COLUMN full_name text,
    -- name (A), namespace and short description (B): small enough to sit in an index (below).
    ADD COLUMN title_vector tsvector,
    -- title_vector plus the README (C).
    ADD COLUMN search_vector tsvector,
    -- On a log scale, so that a million pulls do not drown everything else; stars count double.
    ADD COLUMN popularity real GENERATED ALWAYS AS (ln(1 + star_count) + 0.5 * ln(1 + pull_count)) STORED;

-- The words of repository names ("postgres", "backup"), for "did you mean" (SearchService): a
-- search that finds nothing looks its words up here with pg_trgm. Words are never removed; a
-- correction is offered only when it finds something the searcher may see.
CREATE TABLE search_words (
    word  varchar(255) PRIMARY KEY
);
CREATE INDEX search_words_trgm ON search_words USING gin (word gin_trgm_ops);

-- Namespaces are never renamed, so reading the name when a repository's text changes is enough.
CREATE FUNCTION repositories_search_fields() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    namespace_name text;
BEGIN
    -- Hibernate writes every column on each update (a star, say): skip the work when no text changed.
    IF TG_OP = 'UPDATE' AND NEW.namespace_id = OLD.namespace_id AND NEW.name = OLD.name
            AND NEW.short_description = OLD.short_description AND NEW.readme = OLD.readme
            AND OLD.search_vector IS NOT NULL THEN
        NEW.full_name := OLD.full_name;
        NEW.title_vector := OLD.title_vector;
        NEW.search_vector := OLD.search_vector;
        RETURN NEW;
    END IF;
    SELECT name INTO namespace_name FROM namespaces WHERE id = NEW.namespace_id;
    NEW.full_name := namespace_name || '/' || NEW.name;
    NEW.title_vector := setweight(to_tsvector('english', NEW.name), 'A')
        || setweight(to_tsvector('english', namespace_name), 'B')
        || setweight(to_tsvector('english', NEW.short_description), 'B');
    NEW.search_vector := NEW.title_vector || setweight(to_tsvector('english', NEW.readme), 'C');
    IF TG_OP = 'INSERT' OR NEW.name <> OLD.name OR OLD.search_vector IS NULL THEN
        INSERT INTO search_words (word)
            SELECT DISTINCT w FROM regexp_split_to_table(NEW.name, '[^a-z0-9]+') AS w WHERE length(w) >= 3
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER repositories_search_fields
    BEFORE INSERT OR UPDATE ON repositories
    FOR EACH ROW EXECUTE FUNCTION repositories_search_fields();

UPDATE repositories SET search_vector = NULL;
ALTER TABLE repositories
    ALTER COLUMN full_name SET NOT NULL,
    ALTER COLUMN title_vector SET NOT NULL,
    ALTER COLUMN search_vector SET NOT NULL;

-- Words: names and descriptions first, READMEs when those find too little.
CREATE INDEX repositories_title_vector ON repositories USING gin (title_vector);
CREATE INDEX repositories_search_vector ON repositories USING gin (search_vector);
-- Parts of names ("postg", "redis-cache") and typos ("postgress").
CREATE INDEX repositories_name_trgm ON repositories USING gin (name gin_trgm_ops);
CREATE INDEX repositories_full_name_trgm ON repositories USING gin (full_name gin_trgm_ops);
-- Exact names rank first; "nginx" also means "library/nginx". A full name is also typed from its
-- start ("bitnami/red"): pattern_ops serves LIKE 'bitnami/red%' whatever the database's collation.
CREATE INDEX repositories_name ON repositories (name, popularity DESC, id) INCLUDE (private, namespace_id);
CREATE INDEX repositories_full_name ON repositories (full_name text_pattern_ops);
-- The most popular repositories, with what a search tests them on: a common word is answered by
-- reading this index alone from the top, never the table (an index-only scan).
CREATE INDEX repositories_popularity ON repositories (popularity DESC, id)
    INCLUDE (private, namespace_id, name, full_name, title_vector);
-- Browsing a filter without words, and the home page, in each sort order.
CREATE INDEX repositories_stars ON repositories (star_count DESC, pull_count DESC, id);
CREATE INDEX repositories_pulls ON repositories (pull_count DESC, id);
CREATE INDEX repositories_updated ON repositories ((coalesce(last_pushed_at, updated_at)) DESC, id);

-- Filters resolved once per search.
CREATE INDEX namespaces_deleted ON namespaces (id) WHERE deleted_at IS NOT NULL;
CREATE INDEX organizations_verified ON organizations (namespace_id) WHERE verified_publisher;

-- Each copy of Hoist keeps anonymous search results for a while (SearchCache). This counter moves,
-- in the same transaction, with every change that could alter what they show, so a copy never
-- serves a result older than the last such change. Stars, pulls and pushes do not move it: they
-- only reorder results, and cached results expire within a minute anyway.
CREATE TABLE search_generation (
    id     boolean PRIMARY KEY DEFAULT true CHECK (id),
    value  bigint NOT NULL
);
INSERT INTO search_generation (id, value) VALUES (true, 0);

CREATE FUNCTION search_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_generation SET value = value + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER repositories_search_generation
    AFTER INSERT OR DELETE ON repositories
    FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump();
CREATE TRIGGER repositories_search_generation_update
    AFTER UPDATE ON repositories
    FOR EACH ROW WHEN (OLD.private IS DISTINCT FROM NEW.private OR OLD.name IS DISTINCT FROM NEW.name
        OR OLD.short_description IS DISTINCT FROM NEW.short_description OR OLD.readme IS DISTINCT FROM NEW.readme
        OR OLD.namespace_id IS DISTINCT FROM NEW.namespace_id)
    EXECUTE FUNCTION search_generation_bump();
CREATE TRIGGER namespaces_search_generation
    AFTER UPDATE ON namespaces
    FOR EACH ROW WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION search_generation_bump();
CREATE TRIGGER organizations_search_generation
    AFTER INSERT OR DELETE OR UPDATE OF verified_publisher ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump();
