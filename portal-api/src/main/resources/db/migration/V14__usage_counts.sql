-- How often each published document was read, as COUNTER counts it in spirit: views of its landing page and downloads
-- of its file (whole or one page), per calendar month (UTC). Only the totals are kept: no address, agent or identifier
-- of a reader is ever written here (the double-click filter works in memory, see portal-api's README "Usage counts").
CREATE TABLE usage_counts (
    document_id uuid   NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    -- The first day of the month the requests fell in.
    month       date   NOT NULL CHECK (extract(day FROM month) = 1),
    kind        text   NOT NULL CHECK (kind IN ('view', 'download')),
    count       bigint NOT NULL CHECK (count > 0),
    PRIMARY KEY (document_id, month, kind)
);

-- The dashboard and the export read one month, or a range of months, for every document.
CREATE INDEX usage_counts_by_month ON usage_counts (month, kind);
