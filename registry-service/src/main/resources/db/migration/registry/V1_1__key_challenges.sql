-- Registry-issued challenges for key bindings (POST /v1/keys/challenge). A key-binding predicate
-- must carry one unexpired nonce; binding deletes it in the same transaction, so each nonce binds
-- at most one key. Expired rows are purged whenever a new challenge is issued.
CREATE TABLE key_challenges (
    nonce       TEXT        PRIMARY KEY,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX key_challenges_expiry ON key_challenges (expires_at);
