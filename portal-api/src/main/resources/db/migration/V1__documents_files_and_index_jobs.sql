-- The portal's source of truth: documents, the files that carry them, and the queue of background work on them.
-- Every enumerated column is CHECKed here so that no code path, present or future, can store a value the API
-- would not understand.

CREATE TABLE documents (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Nullable: an upload may come without metadata, to be prefilled from the extracted file.
    title            text        CHECK (char_length(title) BETWEEN 1 AND 1000),
    abstract         text        CHECK (char_length(abstract) <= 20000),
    -- Ordered list of {"name": ..., "orcid": ...}; order is the byline's order, so an array and not rows.
    authors          jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(authors) = 'array'),
    publication_date date,
    type             text        CHECK (type IN ('study', 'article', 'protocol', 'operating_procedure',
                                                 'guideline', 'report', 'poster', 'thesis')),
    -- ISO 639-1.
    language         text        CHECK (language ~ '^[a-z]{2}$'),
    -- ISO 3166-1 alpha-2, upper case; filtered with = ANY(countries) through the GIN index below.
    countries        text[]      NOT NULL DEFAULT '{}'
                                 CHECK (array_position(countries, NULL) IS NULL),
    topics           text[]      NOT NULL DEFAULT '{}'
                                 CHECK (array_position(topics, NULL) IS NULL),
    doi              text        CHECK (doi ~ '^10\.[0-9]{4,9}/\S+$'),
    license          text        CHECK (char_length(license) BETWEEN 1 AND 200),
    status           text        NOT NULL DEFAULT 'submitted'
                                 CHECK (status IN ('draft', 'submitted', 'published', 'withdrawn')),
    withdrawn_reason text        CHECK (char_length(withdrawn_reason) BETWEEN 1 AND 2000),
    version          integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    supersedes_id    uuid        REFERENCES documents (id) ON DELETE SET NULL,
    -- Who acted: an account id once accounts exist; NULL until then (anonymous).
    created_by       text,
    updated_by       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_withdrawn_has_reason CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL)),
    CONSTRAINT documents_supersedes_other CHECK (supersedes_id <> id)
);

-- The list's order (newest first, id as tie-break) and its filters.
CREATE INDEX documents_newest ON documents (created_at DESC, id DESC);
CREATE INDEX documents_type ON documents (type);
CREATE INDEX documents_language ON documents (language);
CREATE INDEX documents_publication_date ON documents (publication_date);
CREATE INDEX documents_countries ON documents USING gin (countries);
CREATE INDEX documents_doi ON documents (lower(doi));
CREATE INDEX documents_supersedes ON documents (supersedes_id) WHERE supersedes_id IS NOT NULL;

CREATE TABLE document_files (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id       uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    -- The same bytes are stored once: a second upload of them is answered with the first document.
    sha256            text        NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes        bigint      NOT NULL CHECK (size_bytes > 0),
    -- Detected from the bytes, never taken from the client.
    media_type        text        NOT NULL CHECK (media_type IN (
                                      'application/pdf',
                                      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                                      'text/html', 'text/markdown', 'text/plain')),
    -- Sanitised: no path, no control characters.
    original_name     text        NOT NULL CHECK (char_length(original_name) BETWEEN 1 AND 255),
    -- Relative to the data directory, content-addressed: files/ab/abcdef...
    storage_path      text        NOT NULL UNIQUE,
    page_count        integer     CHECK (page_count >= 0),
    -- extracted: the file was read and checked, but is not (yet) in the search index; indexed: it is.
    extraction_status text        NOT NULL DEFAULT 'queued'
                                  CHECK (extraction_status IN ('queued', 'extracting', 'extracted', 'indexed', 'failed')),
    failure_reason    text,
    detected_language text        CHECK (detected_language ~ '^[a-z]{2}$'),
    character_count   bigint      CHECK (character_count >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT document_files_failure_has_reason
        CHECK ((extraction_status = 'failed') = (failure_reason IS NOT NULL))
);

CREATE INDEX document_files_document ON document_files (document_id);

-- Background work, written in the same transaction as the document it concerns so that a crash loses nothing.
-- A worker claims a due job with FOR UPDATE SKIP LOCKED and sets it running until next_attempt_at, its lease: a
-- running job whose lease has passed belonged to a process that died and is claimed again.
CREATE TABLE index_jobs (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id     uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    -- ingest: check, extract and index a newly stored file.
    kind            text        NOT NULL CHECK (kind IN ('ingest')),
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- pending: when the job is due; running: when its lease expires.
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Only unfinished jobs are ever searched for work; done and failed ones stay out of this index.
CREATE INDEX index_jobs_due ON index_jobs (next_attempt_at, id) WHERE state IN ('pending', 'running');
CREATE INDEX index_jobs_document ON index_jobs (document_id);
