-- A file's format is decided once, from its bytes, when it is received (portal-indexer's FormatSniffer), stored here,
-- and the extractor reads the file as that format: it is never guessed again from a name. Its media type is the
-- format's own, so the column that held the media type goes.
ALTER TABLE document_files ADD COLUMN format text
    CHECK (format IN ('pdf', 'docx', 'html', 'markdown', 'text'));

-- Files stored before: their media type was decided from the bytes at upload too, one for each format, so the format
-- is that decision, renamed.
UPDATE document_files
   SET format = CASE media_type
                    WHEN 'application/pdf' THEN 'pdf'
                    WHEN 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' THEN 'docx'
                    WHEN 'text/html' THEN 'html'
                    WHEN 'text/markdown' THEN 'markdown'
                    WHEN 'text/plain' THEN 'text'
                END;

ALTER TABLE document_files ALTER COLUMN format SET NOT NULL;
ALTER TABLE document_files DROP COLUMN media_type;
