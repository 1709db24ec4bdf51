-- The search index joins the background work: every change that affects what search may show is a job, written in
-- the transaction of the change, so that the index follows PostgreSQL even across a crash.

-- What extraction left out of the index, for curators: pages that are scans without text (indexed documents may have
-- some; a document made only of them fails as needing OCR), and text cut at the extraction limit.
ALTER TABLE document_files
    ADD COLUMN image_only_pages integer CHECK (image_only_pages >= 0),
    ADD COLUMN text_truncated   boolean NOT NULL DEFAULT false;

-- ingest: check, extract and index a newly stored file; reindex: extract again and index with the current metadata
-- (after an edit); unindex: take the document out of search (after a withdrawal or a deletion).
ALTER TABLE index_jobs DROP CONSTRAINT index_jobs_kind_check;
ALTER TABLE index_jobs ADD CONSTRAINT index_jobs_kind_check CHECK (kind IN ('ingest', 'reindex', 'unindex'));

-- An unindex job must outlive the document it removes from search: deleting a document now deletes its other jobs
-- explicitly, in the same transaction, instead of by cascade.
ALTER TABLE index_jobs DROP CONSTRAINT index_jobs_document_id_fkey;

-- Files that the first version read and checked ('extracted') but never indexed: index them now. A reindex, not an
-- ingest: that version already filled the empty fields from the file's metadata.
INSERT INTO index_jobs (document_id, kind)
SELECT document_id, 'reindex' FROM document_files WHERE extraction_status = 'extracted';
UPDATE document_files SET extraction_status = 'queued', updated_at = now() WHERE extraction_status = 'extracted';
