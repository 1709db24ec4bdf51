-- Accounts and what proves them: local passwords (Argon2id, PHC string), refresh tokens of signed-in sessions, and
-- personal API tokens for scripts. Anonymous readers have no row. Secrets are only ever stored as hashes.

CREATE TABLE accounts (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The sign-in name; compared in lower case, stored as typed.
    email         text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320 AND email LIKE '%_@_%'),
    display_name  text        NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
    role          text        NOT NULL CHECK (role IN ('contributor', 'curator', 'admin')),
    -- NULL for accounts that sign in only through an external OpenID Connect provider.
    password_hash text        CHECK (password_hash LIKE '$argon2id$%'),
    -- Set for accounts created by an external provider: its name and the subject it gave.
    oidc_provider text,
    oidc_subject  text,
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_oidc_pair CHECK ((oidc_provider IS NULL) = (oidc_subject IS NULL))
);

CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));
CREATE UNIQUE INDEX accounts_oidc ON accounts (oidc_provider, oidc_subject) WHERE oidc_provider IS NOT NULL;

-- One row per refresh token handed out at sign-in; signing out or disabling the account revokes it.
CREATE TABLE refresh_tokens (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- SHA-256 of the token, hex: the token itself is a signed JWT that only its holder knows.
    token_hash text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);

-- Personal API tokens: shown once at creation, stored as SHA-256 (they are long random strings, so a fast hash is
-- enough), revocable, always expiring.
CREATE TABLE api_tokens (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id   uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- The first characters of the token, to recognise it in a list.
    prefix       text        NOT NULL,
    token_hash   text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Who did what and when. Rows are only ever inserted; actor_email is copied so that the record survives the account.
CREATE TABLE audit_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    actor_email text,
    action      text        NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z_]+)+$'),
    target_type text        NOT NULL,
    target_id   text,
    detail      jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object')
);

CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_target ON audit_events (target_type, target_id);
CREATE INDEX audit_events_actor ON audit_events (actor_id);
