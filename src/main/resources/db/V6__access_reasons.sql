-- Why a doctor referred a patient or an administrator opened a patient's records in an emergency,
-- sealed with the clinic's directory key (patient, kind and actor bound as associated data). The
-- referral or emergency-access block commits to reason_hash, the SHA-256 hex of sealed_reason; a
-- referral writes two blocks-pairs (referrer and patient, referrer and receiving doctor) that share it.

CREATE TABLE access_reasons (
    reason_hash   TEXT PRIMARY KEY CHECK (length(reason_hash) = 64),
    kind          TEXT NOT NULL CHECK (kind IN ('referral', 'emergency')),
    patient       TEXT NOT NULL REFERENCES patients (mrn),
    actor         TEXT NOT NULL REFERENCES accounts (username),
    sealed_reason BLOB NOT NULL CHECK (length(sealed_reason) > 28),
    created_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
