-- Patients' records: only ids, hashes, vault addresses and wrapped keys. The content of every record
-- version and attachment is AES-256-GCM ciphertext in the vault (vault/ab/abcdef…), each under its
-- own random key, and that key is stored here only wrapped (X25519 + HKDF + AES-GCM) for each
-- principal who may read it. Deleting a record destroys its wrapped keys and its vault files.

CREATE TABLE record_versions (
    record_id        TEXT NOT NULL CHECK (length(record_id) BETWEEN 1 AND 64),
    version          INTEGER NOT NULL CHECK (version >= 1),
    patient          TEXT NOT NULL REFERENCES patients (mrn),
    author           TEXT NOT NULL REFERENCES accounts (username),
    supersedes       INTEGER NOT NULL CHECK (supersedes >= 0 AND supersedes < version),
    -- Vault address (SHA-256 hex of the ciphertext) of the encrypted canonical record document.
    document_address TEXT NOT NULL CHECK (length(document_address) = 64),
    -- SHA-256 hex of the canonical record document (salted): the record hash blocks commit to.
    record_hash      TEXT NOT NULL CHECK (length(record_hash) = 64),
    created_at       INTEGER NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    PRIMARY KEY (record_id, version)
) STRICT, WITHOUT ROWID;

CREATE INDEX record_versions_by_patient ON record_versions (patient);

CREATE TABLE record_attachments (
    record_id  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    idx        INTEGER NOT NULL CHECK (idx >= 0),
    address    TEXT NOT NULL CHECK (length(address) = 64),
    PRIMARY KEY (record_id, version, idx),
    FOREIGN KEY (record_id, version) REFERENCES record_versions (record_id, version)
) STRICT, WITHOUT ROWID;

-- One content key wrapped for one principal. object is -1 for the record document, else the
-- attachment's index; principal is a chain id (patient/…, doctor/…) or 'escrow'.
CREATE TABLE record_keys (
    record_id   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    object      INTEGER NOT NULL CHECK (object >= -1),
    principal   TEXT NOT NULL,
    wrapped_key BLOB NOT NULL CHECK (length(wrapped_key) = 92),
    PRIMARY KEY (record_id, version, object, principal),
    FOREIGN KEY (record_id, version) REFERENCES record_versions (record_id, version)
) STRICT, WITHOUT ROWID;

CREATE INDEX record_keys_by_principal ON record_keys (principal);

-- Why a record was deleted, sealed with the clinic's directory key (record id bound as associated
-- data); the tombstone block commits to the SHA-256 of these bytes.
CREATE TABLE record_deletions (
    record_id    TEXT PRIMARY KEY,
    deleted_by   TEXT NOT NULL REFERENCES accounts (username),
    sealed_reason BLOB NOT NULL CHECK (length(sealed_reason) > 28),
    deleted_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
