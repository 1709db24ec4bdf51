-- Why a file failed, as a stable code beside the English words (failure_reason), so that clients show the reason in
-- their reader's language. The list of codes lives in one place, ProcessingFailure (portal-api): this column checks
-- only their form, so that a code added there needs no migration here.
ALTER TABLE document_files
    ADD COLUMN failure_code       text  CHECK (failure_code ~ '^[a-z]+(-[a-z]+)*$'),
    -- The numbers some codes carry, by name ({"pages": 3}, {"attempts": 5}).
    ADD COLUMN failure_parameters jsonb CHECK (jsonb_typeof(failure_parameters) = 'object'),
    ADD CONSTRAINT document_files_failure_code_of_failed
        CHECK (failure_code IS NULL AND failure_parameters IS NULL OR extraction_status = 'failed');

-- Files that failed before this release: their code read back from the words every release so far wrote for it. A
-- reason these words do not match keeps a null code: clients show its words, as before.
UPDATE document_files
   SET failure_code = CASE
           WHEN failure_reason LIKE 'the file is password-protected%' THEN 'encrypted'
           WHEN failure_reason LIKE 'the file is damaged or truncated%' THEN 'malformed'
           WHEN failure_reason LIKE 'the file is not a PDF%' THEN 'unsupported-type'
           WHEN failure_reason LIKE 'the file contains no text%' THEN 'empty'
           WHEN failure_reason LIKE 'extraction took longer than the time limit%' THEN 'timeout'
           WHEN failure_reason LIKE 'the file exceeds the size limit%' THEN 'too-large'
           WHEN failure_reason LIKE '%OCR is reading%' THEN 'ocr-pending'
           WHEN failure_reason LIKE '%OCR found no text%' THEN 'ocr-found-no-text'
           WHEN failure_reason LIKE 'needs OCR; OCR is not installed%' THEN 'ocr-not-installed'
           -- Before the portal read scans itself: it had no OCR, as a server without Tesseract now.
           WHEN failure_reason LIKE 'the pages are scanned images%' THEN 'ocr-not-installed'
           WHEN failure_reason LIKE 'needs OCR; OCR is turned off%' THEN 'ocr-turned-off'
           WHEN failure_reason LIKE 'the stored file cannot be read%' THEN 'file-unreadable'
           WHEN failure_reason LIKE 'the stored file no longer matches the upload%' THEN 'file-changed'
           WHEN failure_reason LIKE 'the document''s metadata cannot be indexed%' THEN 'metadata-refused'
           WHEN failure_reason LIKE 'processing failed unexpectedly%' THEN 'unexpected'
           WHEN failure_reason ~ '^processing did not finish after [0-9]+ attempts' THEN 'unfinished'
       END,
       failure_parameters = CASE
           WHEN failure_reason ~ '^processing did not finish after [0-9]+ attempts'
               THEN jsonb_build_object('attempts', substring(failure_reason FROM '[0-9]+')::integer)
           WHEN failure_reason LIKE '%OCR%' AND image_only_pages IS NOT NULL
               THEN jsonb_build_object('pages', image_only_pages)
       END
 WHERE extraction_status = 'failed';
