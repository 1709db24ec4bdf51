-- What OAI-PMH harvesters need of the database: the time each document last changed as a harvester sees it (its
-- datestamp), and a trace of every document a harvester could have seen that has since been deleted (deletedRecord
-- persistent: a deletion is announced forever). Kept by triggers, so that no code path, present or future, can change
-- what harvesters see without changing the datestamp.

-- When the document last changed as a harvester sees it: its metadata, its status (published, withdrawn) or its sets
-- (the public collections holding it). Set from clock_timestamp(), so that two changes in one transaction are ordered.
ALTER TABLE documents ADD COLUMN changed_at timestamptz NOT NULL DEFAULT clock_timestamp();

-- Existing documents: the latest of their last edit, their publication and their last addition to a collection.
UPDATE documents d
   SET changed_at = GREATEST(d.updated_at, COALESCE(d.published_at, d.updated_at),
                             COALESCE((SELECT max(i.added_at) FROM collection_items i WHERE i.document_id = d.id),
                                      d.updated_at));

-- Harvests walk the visible documents in (changed_at, id) order, from a datestamp on.
CREATE INDEX documents_harvest ON documents (changed_at, id) WHERE status IN ('published', 'withdrawn');

CREATE FUNCTION documents_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.title, NEW.abstract, NEW.authors, NEW.publication_date, NEW.type, NEW.language, NEW.countries,
        NEW.topics, NEW.doi, NEW.license, NEW.status, NEW.withdrawn_reason, NEW.effective_date, NEW.review_due_date)
       IS DISTINCT FROM
       (OLD.title, OLD.abstract, OLD.authors, OLD.publication_date, OLD.type, OLD.language, OLD.countries,
        OLD.topics, OLD.doi, OLD.license, OLD.status, OLD.withdrawn_reason, OLD.effective_date, OLD.review_due_date)
    THEN
        NEW.changed_at := clock_timestamp();
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER documents_changed BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_stamp_change();

-- A document that harvesters could have seen (published or withdrawn), deleted: its id, when, and the sets it was in.
CREATE TABLE document_tombstones (
    document_id      uuid        PRIMARY KEY,
    -- The deletion, or a later change of the sets it is announced in (a collection made private or deleted).
    changed_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    type             text,
    -- The slugs of the collections that held it, private ones included: the reader keeps to the public ones.
    collection_slugs text[]      NOT NULL DEFAULT '{}'
);

CREATE INDEX document_tombstones_harvest ON document_tombstones (changed_at, document_id);

CREATE FUNCTION documents_leave_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO document_tombstones (document_id, changed_at, type, collection_slugs)
    VALUES (OLD.id, clock_timestamp(), OLD.type,
            ARRAY(SELECT c.slug FROM collection_items i JOIN collections c ON c.id = i.collection_id
                   WHERE i.document_id = OLD.id ORDER BY c.slug))
    ON CONFLICT (document_id) DO UPDATE
        SET changed_at = EXCLUDED.changed_at, type = EXCLUDED.type, collection_slugs = EXCLUDED.collection_slugs;
    RETURN OLD;
END
$$;

CREATE TRIGGER documents_deleted BEFORE DELETE ON documents
    FOR EACH ROW WHEN (OLD.status IN ('published', 'withdrawn')) EXECUTE FUNCTION documents_leave_tombstone();

-- A document put into or taken out of a collection changes sets.
CREATE FUNCTION collection_items_stamp_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE documents SET changed_at = clock_timestamp()
     WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.document_id ELSE NEW.document_id END;
    RETURN NULL;
END
$$;

CREATE TRIGGER collection_items_changed AFTER INSERT OR DELETE ON collection_items
    FOR EACH ROW EXECUTE FUNCTION collection_items_stamp_document();

-- A collection made public or private adds or removes a set of every document it holds (and of those deleted from it);
-- a collection deleted removes it.
CREATE FUNCTION collections_stamp_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        UPDATE documents SET changed_at = clock_timestamp()
         WHERE id IN (SELECT i.document_id FROM collection_items i WHERE i.collection_id = NEW.id);
    END IF;
    UPDATE document_tombstones SET changed_at = clock_timestamp() WHERE OLD.slug = ANY (collection_slugs);
    RETURN NULL;
END
$$;

CREATE TRIGGER collections_visibility_changed AFTER UPDATE OF visibility ON collections
    FOR EACH ROW WHEN (OLD.visibility IS DISTINCT FROM NEW.visibility) EXECUTE FUNCTION collections_stamp_documents();

CREATE TRIGGER collections_deleted AFTER DELETE ON collections
    FOR EACH ROW EXECUTE FUNCTION collections_stamp_documents();
