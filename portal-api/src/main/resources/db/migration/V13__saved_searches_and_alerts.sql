-- Saved searches of signed-in accounts, each with a private Atom feed and optional e-mail digests, and what each
-- digest sent. The schedule lives here, not in memory, so that it survives a restart and several portals share it
-- (a due search is claimed with FOR UPDATE SKIP LOCKED, as index jobs are).

CREATE TABLE saved_searches (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id    uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- The words as typed; NULL or empty: every document that passes the filters.
    query         text        CHECK (char_length(query) <= 1000),
    -- {"type": [...], "language": [...], "country": [...], "topic": [...], "collection": [...]}, as the search takes them.
    filters       jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(filters) = 'object'),
    -- The language of its digests (and of its feed's title).
    language      text        NOT NULL CHECK (language IN ('fr', 'en')),
    frequency     text        NOT NULL DEFAULT 'none' CHECK (frequency IN ('none', 'daily', 'weekly')),
    -- The secret of its private feed's address (/feeds/saved/{token}): 32 random bytes, base64url. Kept in clear, as
    -- the account page shows the address every time; it reads only published documents. A new one replaces it when
    -- the owner revokes it.
    feed_token    text        NOT NULL UNIQUE CHECK (feed_token ~ '^[A-Za-z0-9_-]{43}$'),
    -- Where links in its digests point when PORTAL_PUBLIC_URL is not set: the address it was saved from.
    site_url      text        NOT NULL,
    -- Digests tell of documents published from then on: turning alerts on does not mail the back catalogue.
    alerts_since  timestamptz,
    -- When its next digest is due; NULL when it has no alerts.
    next_run_at   timestamptz,
    last_run_at   timestamptz,
    -- Why the last digest could not be sent (the SMTP server's answer), for the account page; NULL after a success.
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT saved_searches_schedule CHECK ((frequency = 'none') = (next_run_at IS NULL)),
    CONSTRAINT saved_searches_alerts_since CHECK (frequency = 'none' OR alerts_since IS NOT NULL)
);

CREATE INDEX saved_searches_account ON saved_searches (account_id, created_at);
CREATE INDEX saved_searches_due ON saved_searches (next_run_at) WHERE next_run_at IS NOT NULL;

-- One row per document a saved search's digest told of, committed in the transaction that sent the digest: a
-- document is never sent twice for one search. Kept while the search exists (a document published again later is
-- not news).
CREATE TABLE alert_deliveries (
    saved_search_id uuid        NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    document_id     uuid        NOT NULL,
    sent_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (saved_search_id, document_id)
);
