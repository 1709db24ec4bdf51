-- The values read from a document's file that the portal found doubtful when it filled them in (a title that is a
-- file name, an author that looks like a user name...): a JSON array of {"field", "value", "reason"}, the rules being
-- MetadataDoubts' in portal-indexer. A doubt stands while the field still holds its value and the contributor has not
-- confirmed it; replacing the value or confirming it ends it. Only the contributor and curators see it.
ALTER TABLE documents ADD COLUMN metadata_doubts jsonb NOT NULL DEFAULT '[]'::jsonb
    CONSTRAINT documents_metadata_doubts_array CHECK (jsonb_typeof(metadata_doubts) = 'array');
