-- One work in several languages. A document's versions form a chain (supersedes_id), named by its first version's id:
-- a work in one language, whose versions each keep their own page, file and history. Works that translate one another
-- share a translation set: one row per work, so a work is in one set at most, and a new version of a linked document
-- is linked too (it belongs to the same chain). Which languages the set holds is checked when linking, since the
-- language lives on each version and may be edited later.
CREATE TABLE work_translations (
    -- The first version of the chain, as search's work field names it.
    work_id   uuid        PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    -- Shared by every work of the set; not a row of its own: a set exists while two works name it.
    set_id    uuid        NOT NULL,
    linked_by uuid        REFERENCES accounts (id) ON DELETE SET NULL,
    linked_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX work_translations_set ON work_translations (set_id);

-- The first version of a document's chain of versions: its work.
CREATE FUNCTION document_work(doc uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
    WITH RECURSIVE older (id, supersedes_id, depth) AS (
        SELECT d.id, d.supersedes_id, 0 FROM documents d WHERE d.id = doc
        UNION ALL
        SELECT o.id, o.supersedes_id, older.depth + 1
          FROM documents o JOIN older ON o.id = older.supersedes_id
         WHERE older.depth < 100
    )
    SELECT id FROM older ORDER BY depth DESC LIMIT 1
$$;

-- Every version of a work (its first version and those that follow it), with their depth in the chain.
CREATE FUNCTION work_versions(work uuid) RETURNS TABLE (version_id uuid, depth integer) LANGUAGE sql STABLE AS $$
    WITH RECURSIVE newer (id, depth) AS (
        SELECT work, 0
        UNION ALL
        SELECT d.id, newer.depth + 1 FROM documents d JOIN newer ON d.supersedes_id = newer.id WHERE newer.depth < 100
    )
    SELECT id, depth FROM newer
$$;
