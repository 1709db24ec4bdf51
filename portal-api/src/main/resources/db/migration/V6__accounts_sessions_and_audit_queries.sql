-- Sign-in sessions: a refresh token remembers the session it belongs to (the `sid` claim of the access tokens issued
-- with it), so that changing one's password can end every other session while keeping the one that changed it.
-- NULL for refresh tokens handed out before this column existed: they belong to no session and end with any change.
ALTER TABLE refresh_tokens ADD COLUMN session_id uuid;

-- The administrators' audit page filters by action or by target and pages newest first (by id).
CREATE INDEX audit_events_action ON audit_events (action, id DESC);
CREATE INDEX audit_events_target_id ON audit_events (target_id, id DESC);
