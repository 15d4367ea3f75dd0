-- The chains. `blocks` and `signed_heads` are the ledger itself; `chains` and `author_keys` are
-- derived from the blocks (for fast appends and look-ups) and are recomputed by `verify`.

CREATE TABLE blocks (
    chain_id           TEXT    NOT NULL,
    height             INTEGER NOT NULL CHECK (height >= 0),
    previous_hash      BLOB    NOT NULL,
    created_at         INTEGER NOT NULL,          -- milliseconds since the epoch, UTC
    kind               TEXT    NOT NULL,
    author_key_id      TEXT    NOT NULL,
    counterpart_chain  TEXT,
    counterpart_height INTEGER,
    event_id           TEXT    NOT NULL,
    subject_key        BLOB,
    payload            BLOB    NOT NULL,
    signature          BLOB    NOT NULL,
    hash               BLOB    NOT NULL,
    PRIMARY KEY (chain_id, height)
) STRICT, WITHOUT ROWID;

CREATE INDEX blocks_by_event ON blocks (event_id);

CREATE TABLE signed_heads (
    chain_id    TEXT    NOT NULL,
    size        INTEGER NOT NULL CHECK (size > 0),
    root        BLOB    NOT NULL,
    signed_at   INTEGER NOT NULL,
    node_key_id TEXT    NOT NULL,
    signature   BLOB    NOT NULL,
    PRIMARY KEY (chain_id, size)
) STRICT, WITHOUT ROWID;

-- Derived: one row per chain with its size, last block hash and Merkle frontier.
CREATE TABLE chains (
    chain_id  TEXT    PRIMARY KEY,
    size      INTEGER NOT NULL CHECK (size > 0),
    tip_hash  BLOB    NOT NULL,
    frontier  BLOB    NOT NULL
) STRICT, WITHOUT ROWID;

-- Derived: every public key named by a registration or key-rotated block.
CREATE TABLE author_keys (
    key_id     TEXT    PRIMARY KEY,
    public_key BLOB    NOT NULL,
    chain_id   TEXT    NOT NULL,
    height     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The ledger is append-only. These triggers stop the application's own mistakes; tampering by
-- other means is what `verify` is for.
CREATE TRIGGER blocks_are_never_updated BEFORE UPDATE ON blocks
BEGIN
    SELECT RAISE(ABORT, 'blocks are append-only');
END;

CREATE TRIGGER blocks_are_never_deleted BEFORE DELETE ON blocks
BEGIN
    SELECT RAISE(ABORT, 'blocks are append-only');
END;

CREATE TRIGGER signed_heads_are_never_updated BEFORE UPDATE ON signed_heads
BEGIN
    SELECT RAISE(ABORT, 'signed heads are append-only');
END;

CREATE TRIGGER signed_heads_are_never_deleted BEFORE DELETE ON signed_heads
BEGIN
    SELECT RAISE(ABORT, 'signed heads are append-only');
END;
