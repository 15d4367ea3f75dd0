-- Accounts and the clinic's keys. Nothing here is patient data in plaintext: private keys are
-- sealed under each person's password (Argon2id, then AES-256-GCM), clinic keys are wrapped for
-- each account's X25519 key, and names are sealed with the clinic's directory key.

-- What first-run set-up decided for the whole clinic: one row.
CREATE TABLE clinic_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    -- X25519 public key of the clinic's escrow key; its private key is wrapped for each administrator.
    escrow_public_key    BLOB    NOT NULL CHECK (length(escrow_public_key) = 32),
    -- Argon2id cost for new and upgraded passwords; raised, never lowered.
    password_memory_kib  INTEGER NOT NULL CHECK (password_memory_kib >= 19456),
    password_iterations  INTEGER NOT NULL CHECK (password_iterations >= 2),
    password_parallelism INTEGER NOT NULL CHECK (password_parallelism >= 1)
) STRICT;

-- One row per person. The username is also the subject of the account's chain.
CREATE TABLE accounts (
    username             TEXT    PRIMARY KEY CHECK (length(username) BETWEEN 3 AND 32),
    role                 TEXT    NOT NULL CHECK (role IN ('administrator', 'receptionist', 'doctor', 'patient')),
    chain_id             TEXT    NOT NULL UNIQUE,
    signing_public_key   BLOB    NOT NULL CHECK (length(signing_public_key) = 32),
    agreement_public_key BLOB    NOT NULL CHECK (length(agreement_public_key) = 32),
    -- Argon2id salt and cost that turn the password into the key sealing the private keys.
    key_salt             BLOB    NOT NULL CHECK (length(key_salt) >= 16),
    key_memory_kib       INTEGER NOT NULL CHECK (key_memory_kib >= 19456),
    key_iterations       INTEGER NOT NULL CHECK (key_iterations >= 2),
    key_parallelism      INTEGER NOT NULL CHECK (key_parallelism >= 1),
    -- AES-256-GCM nonce, ciphertext and tag of the Ed25519 seed followed by the X25519 private key.
    sealed_keys          BLOB    NOT NULL,
    failed_logins        INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until         INTEGER,          -- milliseconds since the epoch, UTC; null when not locked
    created_at           INTEGER NOT NULL  -- milliseconds since the epoch, UTC
) STRICT, WITHOUT ROWID;

-- Name, specialty and licence number, sealed with the directory key (AES-256-GCM, the username
-- bound as associated data). The account's registration block commits to the SHA-256 of this seal.
CREATE TABLE account_details (
    username       TEXT PRIMARY KEY REFERENCES accounts (username),
    sealed_details BLOB NOT NULL
) STRICT, WITHOUT ROWID;

-- The clinic's secret keys, each wrapped (X25519 + HKDF + AES-256-GCM) for one account:
-- the directory key for every member of staff, the escrow key for every administrator.
CREATE TABLE wrapped_clinic_keys (
    username    TEXT NOT NULL REFERENCES accounts (username),
    purpose     TEXT NOT NULL CHECK (purpose IN ('directory', 'escrow')),
    wrapped_key BLOB NOT NULL CHECK (length(wrapped_key) = 92),
    PRIMARY KEY (username, purpose)
) STRICT, WITHOUT ROWID;
