-- The clinic key: the ledger's root of trust, an Ed25519 key on its own chain (clinic/<key id>)
-- that authorizes this machine's node key and the first administrator's; its seed is wrapped
-- for every administrator like the escrow key. Earlier ledgers have no such root and cannot be
-- carried over (the upgrade refuses a set-up clinic before this migration runs); a folder that
-- was never set up holds only an unauthorized node chain, which set-up now starts itself.
DROP TRIGGER signed_heads_are_never_deleted;
DROP TRIGGER blocks_are_never_deleted;
DELETE FROM signed_heads;
DELETE FROM author_keys;
DELETE FROM chains;
DELETE FROM blocks;
CREATE TRIGGER blocks_are_never_deleted BEFORE DELETE ON blocks
BEGIN
    SELECT RAISE(ABORT, 'blocks are append-only');
END;
CREATE TRIGGER signed_heads_are_never_deleted BEFORE DELETE ON signed_heads
BEGIN
    SELECT RAISE(ABORT, 'signed heads are append-only');
END;

CREATE TABLE wrapped_clinic_keys_v10 (
    username    TEXT NOT NULL REFERENCES accounts (username),
    purpose     TEXT NOT NULL CHECK (purpose IN ('directory', 'escrow', 'clinic-signing')),
    wrapped_key BLOB NOT NULL CHECK (length(wrapped_key) = 92),
    PRIMARY KEY (username, purpose)
) STRICT, WITHOUT ROWID;
INSERT INTO wrapped_clinic_keys_v10 SELECT username, purpose, wrapped_key FROM wrapped_clinic_keys;
DROP TABLE wrapped_clinic_keys;
ALTER TABLE wrapped_clinic_keys_v10 RENAME TO wrapped_clinic_keys;
