-- The road from draft to published: who owns a document, what a curator said when returning it, when it was
-- published, and the dates that operating procedures carry. The states themselves (draft, submitted, published,
-- withdrawn) exist since V1; a new upload is now a draft of its uploader.

ALTER TABLE documents
    -- The account that uploaded the document; NULL for documents uploaded before accounts existed (curators act for
    -- them) and for those whose account was deleted.
    ADD COLUMN owner_id        uuid        REFERENCES accounts (id) ON DELETE SET NULL,
    -- Why a curator returned the document to its owner; shown to the owner until the document is published.
    ADD COLUMN return_comment  text        CHECK (char_length(return_comment) BETWEEN 1 AND 2000),
    -- When the document was last published: the order of "latest publications".
    ADD COLUMN published_at    timestamptz,
    -- Operating procedures only: from when the procedure applies, and when it must be reviewed.
    ADD COLUMN effective_date  date,
    ADD COLUMN review_due_date date,
    ADD CONSTRAINT documents_review_after_effective CHECK (review_due_date >= effective_date),
    ADD CONSTRAINT documents_dates_of_procedures
        CHECK (type IS NOT DISTINCT FROM 'operating_procedure'
               OR (effective_date IS NULL AND review_due_date IS NULL)),
    ALTER COLUMN status SET DEFAULT 'draft';

COMMENT ON COLUMN documents.created_by IS 'The account id (text) of whoever uploaded the document; NULL before V4.';
COMMENT ON COLUMN documents.updated_by IS 'The account id (text) of whoever changed the document last; NULL before V4.';

-- Published before the workflow existed: their publication time is unknown, their last change is the best guess.
UPDATE documents SET published_at = updated_at WHERE status = 'published';

-- Lists: a contributor's own documents, a status (the review queue is status = 'submitted'), and the order of every
-- list, newest publication (or upload, for what is not published) first.
CREATE INDEX documents_owner ON documents (owner_id, created_at DESC, id DESC);
CREATE INDEX documents_status ON documents (status, created_at DESC, id DESC);
CREATE INDEX documents_newest_published ON documents ((COALESCE(published_at, created_at)) DESC, id DESC);
-- Operating procedures whose review is due: only published ones need one.
CREATE INDEX documents_review_due ON documents (review_due_date)
    WHERE status = 'published' AND review_due_date IS NOT NULL;

-- The published versions that come after a document (those that supersede it, directly or through versions between
-- them), with how many steps away each is. One definition for the API (supersededBy, latestVersionId) and for the
-- indexer (superseded documents are hidden from search by default), so that the two never disagree. Chains are short;
-- the depth bound only guards against a cycle left by releases before V4, which let supersedes_id be edited freely.
CREATE FUNCTION document_newer_published_versions(doc uuid)
    RETURNS TABLE (newer_id uuid, steps integer, newer_published_at timestamptz)
    LANGUAGE sql STABLE
AS $$
    WITH RECURSIVE newer (id, status, published_at, depth) AS (
        SELECT d.id, d.status, d.published_at, 1 FROM documents d WHERE d.supersedes_id = doc
        UNION ALL
        SELECT d.id, d.status, d.published_at, n.depth + 1
          FROM documents d JOIN newer n ON d.supersedes_id = n.id
         WHERE n.depth < 100
    )
    SELECT id, depth, published_at FROM newer WHERE status = 'published'
$$;
