-- The tag list (GET /v2/<name>/tags/list) is in byte order, whatever the database's collation:
-- this index gives it, and a page after `last`, straight from the index without a sort
-- (the primary key is in the database's collation, which orders and compares differently).
CREATE INDEX tags_repository_name_bytes ON tags (repository_id, name COLLATE "C");
