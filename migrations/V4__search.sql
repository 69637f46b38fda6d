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
-- Exact names rank first; "nginx" also means "library/nginx".
CREATE INDEX repositories_name ON repositories (name, popularity DESC, id) INCLUDE (private, namespace_id);
CREATE INDEX repositories_full_name ON repositories (full_name);
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
