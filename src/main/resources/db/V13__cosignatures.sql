-- Witnessed checkpoints (docs/decisions/0024). Each row is one machine's C2SP tlog-cosignature v1 of
-- a signed head: the witness is named by its node key, whose signature authorizes the witness key
-- (derived from the node key, so there is no other secret); `cosigned_at` is the cosignature's time
-- in POSIX seconds, and `signature` the witness key's Ed25519 signature over
-- `cosignature/v1\ntime <cosigned_at>\n<checkpoint text>`. Every column is checked by verify
-- (`cosignature`). One machine cosigns one size of a chain once; rows are never changed.
CREATE TABLE cosignatures (
    chain_id TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    root BLOB NOT NULL CHECK (length(root) = 32),
    witness_node_key_id TEXT NOT NULL,
    witness_public_key BLOB NOT NULL CHECK (length(witness_public_key) = 32),
    witness_authorization BLOB NOT NULL CHECK (length(witness_authorization) = 64),
    cosigned_at INTEGER NOT NULL CHECK (cosigned_at >= 0),
    signature BLOB NOT NULL CHECK (length(signature) = 64),
    PRIMARY KEY (chain_id, size, witness_node_key_id)
) WITHOUT ROWID;

CREATE TRIGGER cosignatures_are_never_updated BEFORE UPDATE ON cosignatures
BEGIN
    SELECT RAISE(ABORT, 'cosignatures are append-only');
END;

CREATE TRIGGER cosignatures_are_never_deleted BEFORE DELETE ON cosignatures
BEGIN
    SELECT RAISE(ABORT, 'cosignatures are append-only');
END;
