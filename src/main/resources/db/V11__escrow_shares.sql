-- The escrow key split two of N: each administrator holds a share (purpose 'escrow-share', one x
-- byte and 32 value bytes, so 93 bytes wrapped) instead of the whole key ('escrow'). A set-up clinic
-- of an earlier schema holds whole copies that cannot be split without opening them, and is
-- refused before this migration runs; a folder never set up holds no copies and is carried over.
CREATE TABLE wrapped_clinic_keys_v11 (
    username    TEXT NOT NULL REFERENCES accounts (username),
    purpose     TEXT NOT NULL CHECK (purpose IN ('directory', 'escrow-share', 'clinic-signing')),
    wrapped_key BLOB NOT NULL CHECK (length(wrapped_key) = CASE purpose WHEN 'escrow-share' THEN 93 ELSE 92 END),
    PRIMARY KEY (username, purpose)
) STRICT, WITHOUT ROWID;
INSERT INTO wrapped_clinic_keys_v11 SELECT username, purpose, wrapped_key FROM wrapped_clinic_keys
    WHERE purpose <> 'escrow';
DROP TABLE wrapped_clinic_keys;
ALTER TABLE wrapped_clinic_keys_v11 RENAME TO wrapped_clinic_keys;
