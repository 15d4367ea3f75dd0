-- Registered patients. The MRN (nine digits: the patient's username and the subject of their chain
-- patient/<MRN>) is a pseudonym and is kept in clear; everything that identifies the person is sealed.

CREATE TABLE patients (
    mrn                 TEXT PRIMARY KEY REFERENCES accounts (username)
                        CHECK (length(mrn) = 9 AND mrn NOT GLOB '*[^0-9]*'),
    -- AES-256-GCM nonce, ciphertext and tag of the canonical JSON of name, date of birth, sex and
    -- contact, under the clinic's directory key with the MRN bound as associated data. The patient's
    -- registration block commits to the SHA-256 of these bytes.
    sealed_demographics BLOB NOT NULL CHECK (length(sealed_demographics) > 28)
) STRICT, WITHOUT ROWID;
