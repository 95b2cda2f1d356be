-- The jti of every OIDC token that proved a key binding (github-oidc ownership proofs). A token is
-- single-use: binding inserts its jti in the binding's transaction and refuses one already here.
-- Rows are purged once their token has long expired (an expired token is refused anyway).
CREATE TABLE oidc_used_tokens (
    issuer      TEXT        NOT NULL,
    jti         TEXT        NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX oidc_used_tokens_expiry ON oidc_used_tokens (expires_at);
