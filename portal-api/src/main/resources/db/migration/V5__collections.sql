-- Curated collections: a slug, a title and description in French and English, public or private, one or several
-- curators, and documents in an order the curators choose, each with a note.

CREATE TABLE collections (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The collection's name in URLs and in the search index's `collection` field: lower-case letters, digits and
    -- hyphens, starting and ending with a letter or digit. Never changes (trigger below), so the index never holds a
    -- stale one.
    slug           text        NOT NULL UNIQUE
                               CHECK (char_length(slug) BETWEEN 3 AND 80 AND slug ~ '^[a-z0-9][a-z0-9-]*[a-z0-9]$'),
    title_fr       text        CHECK (char_length(title_fr) BETWEEN 1 AND 200),
    title_en       text        CHECK (char_length(title_en) BETWEEN 1 AND 200),
    description_fr text        CHECK (char_length(description_fr) BETWEEN 1 AND 5000),
    description_en text        CHECK (char_length(description_en) BETWEEN 1 AND 5000),
    -- public: listed and searchable by everyone; private: only curators and administrators know it exists.
    visibility     text        NOT NULL DEFAULT 'private' CHECK (visibility IN ('public', 'private')),
    -- Shown on the home page (when public).
    featured       boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- Also the revision of the in-memory directory of visibilities: set from clock_timestamp() under the row lock,
    -- so that a later change always carries a later time.
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT collections_titled CHECK (title_fr IS NOT NULL OR title_en IS NOT NULL)
);

CREATE FUNCTION collections_keep_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.slug <> OLD.slug THEN
        RAISE EXCEPTION 'the slug of collection % cannot change (from % to %)', OLD.id, OLD.slug, NEW.slug
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER collections_slug_immutable BEFORE UPDATE OF slug ON collections
    FOR EACH ROW EXECUTE FUNCTION collections_keep_slug();

-- Who may edit a collection besides administrators. Accounts are checked to be curators or administrators when they
-- are named; an account deleted leaves its collections.
CREATE TABLE collection_curators (
    collection_id uuid NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (collection_id, account_id)
);

CREATE INDEX collection_curators_account ON collection_curators (account_id);

-- A document in a collection. Deleting the collection deletes its items (the documents stay); deleting a document takes
-- it out of every collection.
CREATE TABLE collection_items (
    collection_id uuid        NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    document_id   uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    -- The curators' order, ascending; gaps are allowed (a deleted document leaves one), the API numbers from 1.
    position      integer     NOT NULL CHECK (position >= 1),
    note          text        CHECK (char_length(note) BETWEEN 1 AND 2000),
    added_by      uuid        REFERENCES accounts (id) ON DELETE SET NULL,
    added_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection_id, document_id),
    -- Checked at the end of each statement, so that one UPDATE can permute the positions of a reorder.
    CONSTRAINT collection_items_position UNIQUE (collection_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

-- A document's collections, for its page and for the search index.
CREATE INDEX collection_items_document ON collection_items (document_id);
