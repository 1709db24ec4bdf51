-- OCR of scanned pages, owned by indexing. A page's text is kept once read, per file (its SHA-256), so that a reindex
-- or a rebuild of the search index never runs OCR again; a job lists the pages still to read.
CREATE TABLE ocr_pages (
    document_id uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    sha256      text        NOT NULL,
    page        integer     NOT NULL CHECK (page >= 1),
    text        text        NOT NULL,
    confidence  real        CHECK (confidence >= 0 AND confidence <= 100),
    failure     text,
    read_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, sha256, page)
);

CREATE TABLE ocr_jobs (
    document_id uuid        PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    sha256      text        NOT NULL,
    pages       integer[]   NOT NULL,
    language    text,
    state       text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done')),
    queued_at   timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz
);

CREATE INDEX ocr_jobs_due ON ocr_jobs (queued_at) WHERE state IN ('pending', 'running');
