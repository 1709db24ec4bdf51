-- What several portal processes on one database must share, so that any of them can answer: the secret that signs
-- access and refresh tokens (unless PORTAL_JWT_SECRET gives one), and the sign-in throttle's counts.

-- Secrets the portal creates once for every node: the first node to start inserts its random value, the others read
-- it. Readable by whoever reads the database, as the password hashes are.
CREATE TABLE node_secrets (
    name       text        PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{0,39}$'),
    secret     text        NOT NULL CHECK (length(secret) BETWEEN 32 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per failed (or still unjudged) password attempt that counts against a scope: an email from an address, an
-- address, an email (see SignInThrottle). Rows older than the window are deleted as attempts come.
CREATE TABLE sign_in_failures (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope_key text        NOT NULL CHECK (length(scope_key) <= 700),
    failed_at timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (scope_key, failed_at);
CREATE INDEX sign_in_failures_age ON sign_in_failures (failed_at);

-- The last addresses an account signed in from successfully, which a throttled account stays open to.
CREATE TABLE sign_in_addresses (
    email        text        NOT NULL CHECK (length(email) <= 320),
    address      text        NOT NULL CHECK (length(address) <= 100),
    signed_in_at timestamptz NOT NULL,
    PRIMARY KEY (email, address)
);
CREATE INDEX sign_in_addresses_age ON sign_in_addresses (signed_in_at);
