-- Which portal node claimed a running job (its NodeName), so that a node starting again puts back only the jobs it
-- left running itself, never those another node sharing this database is working on. NULL: claimed before nodes were
-- named, by a portal that ran alone.
ALTER TABLE index_jobs ADD COLUMN claimed_by text;
ALTER TABLE ocr_jobs ADD COLUMN claimed_by text;
