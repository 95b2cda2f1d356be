-- The newest release of each server, kept by the publish transaction (RegistryStore.insertRelease),
-- so the server listing reads one row per server instead of sorting every release; and trigram
-- indexes so the listing's substring search (q / search: LIKE '%...%' on lower(name) and
-- lower(description)) is served by an index. pg_trgm ships with PostgreSQL's contrib modules (the
-- embedded binaries have it) and is a trusted extension: the database owner may create it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE server_latest (
    server_name  TEXT        PRIMARY KEY,            -- btree: cursor pagination by name
    release_id   BIGINT      NOT NULL UNIQUE REFERENCES releases (id),
    published_at TIMESTAMPTZ NOT NULL,               -- of that release (updated_since)
    description  TEXT        NOT NULL                -- of that release (search)
);

INSERT INTO server_latest (server_name, release_id, published_at, description)
SELECT DISTINCT ON (server_name) server_name, id, published_at, description
FROM releases ORDER BY server_name, published_at DESC, id DESC;

CREATE INDEX server_latest_name_trgm ON server_latest USING gin (lower(server_name) gin_trgm_ops);
CREATE INDEX server_latest_description_trgm ON server_latest USING gin (lower(description) gin_trgm_ops);
CREATE INDEX server_latest_published ON server_latest (published_at);
