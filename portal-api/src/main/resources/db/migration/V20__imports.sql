-- Bulk imports of an existing library (./portal import, POST /api/imports). A run is one import: the command finds it
-- again by its key (the folder, the metadata file, the account and the status asked for), so that running the same
-- import after an interruption continues it. Each of its lines is recorded in the same transaction as the document it
-- created: a line is either done with its document, or not done at all.
CREATE TABLE import_runs (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    run_key     text        NOT NULL UNIQUE CHECK (length(run_key) BETWEEN 1 AND 200),
    account_id  uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- running while a run goes on; done once it ends; interrupted when the portal stopped under an API import.
    state       text        NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'interrupted', 'failed')),
    -- The lines planned by the latest run.
    total       integer     CHECK (total >= 0),
    -- Why a run failed as a whole (the disk full…), or was interrupted.
    error       text        CHECK (length(error) <= 4000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);

CREATE TABLE import_lines (
    run_id      uuid    NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    -- The file's path relative to the imported folder, or for a metadata row naming no file found, the name it gave.
    path        text    NOT NULL CHECK (length(path) BETWEEN 1 AND 4000),
    -- The line of the metadata file that describes it; null when the file has no metadata row.
    line        integer CHECK (line > 0),
    outcome     text    NOT NULL CHECK (outcome IN ('imported', 'skipped-duplicate', 'failed')),
    -- The kind of failure, for the summary (FileOutcome.Failure).
    failure     text    CHECK (failure ~ '^[A-Z_]{1,40}$'),
    -- Why it failed, or which document already holds its bytes.
    reason      text    CHECK (length(reason) <= 4000),
    -- The document created, or the one that already held the same bytes; null once that document is deleted.
    document_id uuid    REFERENCES documents (id) ON DELETE SET NULL,
    PRIMARY KEY (run_id, path)
);
