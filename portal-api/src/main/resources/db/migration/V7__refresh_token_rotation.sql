-- Refresh tokens rotate on every use: a used token is revoked and marked rotated, and presenting it again (a stolen
-- copy, replayed) ends its sign-in session, its family, found by session_id. A session's tokens all keep the first
-- one's expires_at (rotation never extends a session); the newest one's created_at is the session's last use, from
-- which the idle timeout counts. session_ended_at marks every token of a session ended by a replay or a sign-out, so
-- that a renewal of that session finishing at the same moment stores its new token revoked.
ALTER TABLE refresh_tokens ADD COLUMN rotated_at timestamptz;
ALTER TABLE refresh_tokens ADD COLUMN session_ended_at timestamptz;
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
