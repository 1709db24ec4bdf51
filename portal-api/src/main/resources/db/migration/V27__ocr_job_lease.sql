-- How long a running OCR job stays the node's that claimed it: renewed by each page that node stores, so that once it
-- has passed the node counts as gone and any node sharing this database claims the job, going on from the pages
-- stored. NULL while the job is not running.
ALTER TABLE ocr_jobs ADD COLUMN lease_until timestamptz;

-- Jobs running when the column came are leased from now, as if just claimed.
UPDATE ocr_jobs SET lease_until = now() + interval '10 minutes' WHERE state = 'running';
