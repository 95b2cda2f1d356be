-- The registry's own tables. Every accepted write is one row of "entries" (the canonical DSSE
-- envelope, its log leaf and, once sequenced, its log index); the other tables index entries by
-- what they mean. Digests and key ids are raw 32-byte SHA-256 values.

CREATE TABLE entries (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT        NOT NULL,            -- LogLeaf kind: release, review, key-binding, ...
    name            TEXT        NOT NULL,            -- server name, or namespace for key kinds
    version         TEXT        NOT NULL,            -- '' for key kinds
    subject_digest  BYTEA       NOT NULL,
    key_id          BYTEA       NOT NULL,            -- the key the entry was accepted on
    envelope_digest BYTEA       NOT NULL UNIQUE,
    payload_digest  BYTEA       NOT NULL UNIQUE,
    envelope        BYTEA       NOT NULL,            -- canonical envelope JSON
    leaf            BYTEA       NOT NULL,            -- LogLeaf bytes, as appended to the log
    log_index       BIGINT      UNIQUE,              -- null until the log sequenced the leaf
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX entries_pending ON entries (id) WHERE log_index IS NULL;

-- Keys bound to namespaces. role: publisher (namespace = server name prefix) or assessor
-- (namespace "assessor:<name>"). state: current (at most one per namespace), rotated, revoked.
CREATE TABLE namespace_keys (
    key_id      BYTEA       PRIMARY KEY,
    namespace   TEXT        NOT NULL,
    role        TEXT        NOT NULL CHECK (role IN ('publisher', 'assessor')),
    algorithm   TEXT        NOT NULL,
    spki        BYTEA       NOT NULL,
    state       TEXT        NOT NULL CHECK (state IN ('current', 'rotated', 'revoked')),
    entry_id    BIGINT      NOT NULL REFERENCES entries (id),
    revoked_by  BIGINT      REFERENCES entries (id),
    bound_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX namespace_keys_one_current ON namespace_keys (namespace) WHERE state = 'current';
CREATE INDEX namespace_keys_namespace ON namespace_keys (namespace);

CREATE TABLE releases (
    id              BIGSERIAL   PRIMARY KEY,
    server_name     TEXT        NOT NULL,
    version         TEXT        NOT NULL,
    manifest_digest BYTEA       NOT NULL,
    manifest        BYTEA       NOT NULL,            -- canonical manifest document
    tool_names      TEXT[]      NOT NULL,
    description     TEXT        NOT NULL,
    entry_id        BIGINT      NOT NULL UNIQUE REFERENCES entries (id),
    yank_entry_id   BIGINT      REFERENCES entries (id),
    published_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (server_name, version)
);
CREATE INDEX releases_published ON releases (published_at, id);

CREATE TABLE reviews (
    id          BIGSERIAL   PRIMARY KEY,
    release_id  BIGINT      NOT NULL REFERENCES releases (id),
    entry_id    BIGINT      NOT NULL UNIQUE REFERENCES entries (id),
    assessor    TEXT        NOT NULL,                -- the assessor key's namespace
    key_id      BYTEA       NOT NULL,
    verifier_id TEXT        NOT NULL,
    result      TEXT        NOT NULL,
    findings    TEXT        NOT NULL,                -- JSON array of findings
    reviewed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX reviews_release ON reviews (release_id);

-- Refused attempts to overwrite a published (server, version) with other content.
CREATE TABLE version_conflicts (
    id              BIGSERIAL   PRIMARY KEY,
    server_name     TEXT        NOT NULL,
    version         TEXT        NOT NULL,
    envelope_digest BYTEA       NOT NULL UNIQUE,
    manifest_digest BYTEA       NOT NULL,
    key_ids         TEXT        NOT NULL,            -- signer key ids, hex, comma separated
    attempted_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX version_conflicts_release ON version_conflicts (server_name, version);
