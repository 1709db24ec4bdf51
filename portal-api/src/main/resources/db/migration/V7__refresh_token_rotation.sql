-- Refresh tokens rotate on every use: a used token is revoked and marked rotated, and presenting it again (a stolen
-- copy, replayed) revokes every token of its sign-in session, its family. The session is looked up on each reuse.
ALTER TABLE refresh_tokens ADD COLUMN rotated_at timestamptz;
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
