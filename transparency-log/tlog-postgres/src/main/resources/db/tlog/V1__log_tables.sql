-- ToolSeal transparency log: sequenced entries, immutable tiles and entry bundles, checkpoints.
-- Owned by dev.toolseal.tlog.postgres.PostgresLogStore; history table tlog_schema_history.

-- The next index to hand out. One row; sequencers serialise on it with UPDATE ... RETURNING.
CREATE TABLE tlog_sequence (
  id         SMALLINT PRIMARY KEY CHECK (id = 1),
  next_index BIGINT   NOT NULL CHECK (next_index >= 0)
);
INSERT INTO tlog_sequence (id, next_index) VALUES (1, 0);

-- Every sequenced entry: its index, its RFC 6962 leaf hash and its bytes. Insert-only.
CREATE TABLE tlog_entries (
  idx       BIGINT PRIMARY KEY CHECK (idx >= 0),
  leaf_hash BYTEA  NOT NULL CHECK (octet_length(leaf_hash) = 32),
  entry     BYTEA  NOT NULL CHECK (octet_length(entry) <= 65535)
);

-- tlog-tiles hash tiles, keyed by level, index and width (256 = full). Insert-only.
CREATE TABLE tlog_tiles (
  level SMALLINT NOT NULL CHECK (level >= 0),
  idx   BIGINT   NOT NULL CHECK (idx >= 0),
  width SMALLINT NOT NULL CHECK (width BETWEEN 1 AND 256),
  data  BYTEA    NOT NULL CHECK (octet_length(data) = 32 * width),
  PRIMARY KEY (level, idx, width)
);

-- tlog-tiles entry bundles, keyed by index and width. Insert-only.
CREATE TABLE tlog_entry_bundles (
  idx   BIGINT   NOT NULL CHECK (idx >= 0),
  width SMALLINT NOT NULL CHECK (width BETWEEN 1 AND 256),
  data  BYTEA    NOT NULL,
  PRIMARY KEY (idx, width)
);

-- The current checkpoint. One row; replaced only by a compare-and-swap on (size, root).
-- The empty tree (size 0, root SHA-256 of nothing) has no signed note yet.
CREATE TABLE tlog_checkpoint (
  id   SMALLINT PRIMARY KEY CHECK (id = 1),
  size BIGINT   NOT NULL CHECK (size >= 0),
  root BYTEA    NOT NULL CHECK (octet_length(root) = 32),
  note BYTEA
);
INSERT INTO tlog_checkpoint (id, size, root, note)
VALUES (1, 0, '\xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'::bytea, NULL);

-- Every checkpoint ever published, one per size. Insert-only.
CREATE TABLE tlog_checkpoint_history (
  size         BIGINT      PRIMARY KEY CHECK (size > 0),
  root         BYTEA       NOT NULL CHECK (octet_length(root) = 32),
  note         BYTEA       NOT NULL,
  published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
