package org.clinicledger.domain;

/**
 * Why verification reported a problem, as a stable code that scripts and tests can rely on; the
 * problem's reason says the same in plain words for the case at hand. Codes are printed by
 * {@code verify} and carried in its JSON: never rename one.
 */
public enum ProblemCode {
    // ---- one chain's blocks
    CHAIN_ID("chain-id", "a chain id is not one the ledger writes"),
    MISSING_BLOCKS("missing-blocks", "heights are skipped: blocks were removed"),
    BLOCK_HASH("block-hash", "a block's content does not match its hash"),
    PREVIOUS_LINK("previous-link", "a block does not link to the block before it"),
    DATE_ORDER("date-order", "a block is dated earlier than the block before it"),
    UNKNOWN_KIND("unknown-kind", "a block's kind is not one the ledger writes"),
    GENESIS("genesis", "a chain does not begin with a registration"),
    REGISTRATION_INSIDE("registration-inside", "a registration appears after a chain's first block"),
    SUBJECT_KEY("subject-key", "a block names a key although its kind must not, or the reverse"),
    PAYLOAD("payload", "a block's payload is not what its kind holds"),
    UNKNOWN_KEY("unknown-key", "a block or head is signed by a key no chain registers"),
    SIGNATURE("signature", "a block's signature does not verify"),
    SELF_SIGNED("self-signed", "a registration is not signed by the key it registers"),
    ROTATION_SIGNER("rotation-signer", "a key rotation is not signed by the chain's current key"),
    RETIRED_KEY("retired-key", "a block is signed with a key its chain had retired"),
    EARLY_KEY("early-key", "a block is signed with a key its chain names only at a later height"),
    AUTHORITY("authority", "the key that signed a block may not write that kind on that chain"),
    // ---- the clinic's trust root
    CLINIC_ROOT("clinic-root", "the ledger has no clinic key, more than one, or another than expected"),
    UNAUTHORIZED_KEY("unauthorized-key", "a key is not authorized by a chain of keys back to the clinic key"),
    // ---- signed heads
    NO_HEAD("no-head", "no signed head covers a chain"),
    HEAD_KEY("head-key", "a head is signed by a key that is not an authorized machine's"),
    HEAD_SIGNATURE("head-signature", "a head's signature does not verify"),
    CHECKPOINT_SIGNATURE("checkpoint-signature", "a head's checkpoint signature is missing or does not verify"),
    HEAD_SIZE("head-size", "a head covers more blocks than the chain has"),
    HEAD_ROOT("head-root", "a head's Merkle root does not match the blocks it covers"),
    HEAD_DATE("head-date", "a head is dated earlier than a smaller head"),
    HEAD_LINK("head-link", "a head does not name the head before it"),
    UNCOVERED("uncovered", "the newest blocks are covered by no signed head"),
    COSIGNATURE("cosignature", "a machine's cosignature of a checkpoint does not check: its signature, the node key's "
            + "authorization of the witness key, the machine, or the signed head it cosigns"),
    // ---- the two sides of an event
    COUNTERPART_MISSING("counterpart-missing", "a block's counterpart is missing"),
    COUNTERPART_MISMATCH("counterpart-mismatch", "a block's counterpart names another block or event"),
    MERGE("merge", "a patient is merged twice, into no registered patient or into a merged one, or their chain "
            + "takes a new record, grant or referral after the merge"),
    // ---- tables kept beside the chains
    CHAIN_TABLE("chain-table", "the table of chains does not match the blocks"),
    KEY_TABLE("key-table", "the table of keys does not match the blocks"),
    DUPLICATE_KEY("duplicate-key", "a key is registered twice"),
    ACCOUNT("account", "an account's row does not match its registration"),
    CLINIC_SETTINGS("clinic-settings", "the clinic's settings do not match its founding blocks"),
    SEALED_DETAILS("sealed-details", "a sealed directory entry or demographics differs from what its chain commits to"),
    RECORD("record", "a record's rows do not match its record block"),
    DELETION("deletion", "a deletion's row does not match its tombstone"),
    EMERGENCY_CONFIRMATION("emergency-confirmation", "an emergency access claims a confirmation that did not happen: "
            + "no valid signature of the second administrator or the recovery sheet, or one used before"),
    ACCESS_REASON("access-reason", "a referral's or emergency's sealed reason does not match its block"),
    VAULT("vault", "a sealed file in the vault is missing or differs from what its block commits to"),
    ACCOUNT_SEAL("account-seal", "an account's sealed keys or their password cost differ from the newest seal its chain commits to"),
    TIME("time", "a time kept in a table differs from the time of the block that records the event"),
    CLINIC_KEY_COPY("clinic-key-copy", "a copy of the clinic's directory key, clinic key or a share of its escrow key is held by an account whose role may not "
            + "hold it, or an account lacks the copy its role needs"),
    RECORD_KEY_UNAUTHORIZED("record-key-unauthorized", "a record key is wrapped for someone the patient's chain does not admit"),
    RECORD_KEY_MISSING("record-key-missing", "a record key is not wrapped for someone the patient's chain admits"),
    // ---- export files
    EXPORT_SIGNATURE("export-signature", "an export file's trailer is not signed by the machine its header names, "
            + "or that machine is not one the clinic key vouches for"),
    // ---- this machine's memory of the chains (outside the data folder)
    ROLLED_BACK("rolled-back", "a chain is shorter than this machine saw it, or gone: the folder was rolled back"),
    REWRITTEN("rewritten", "a chain's history differs from the one this machine saw: it was rewritten"),
    CLINIC_REPLACED("clinic-replaced", "the data folder holds another clinic than the one this machine worked with in it"),
    ROLLBACK_MEMORY("rollback-memory", "this machine's memory of the clinic's chains cannot be read or trusted, so a "
            + "rollback cannot be ruled out"),
    RECORD_KEY_AWAITING_REMOVAL("record-key-awaiting-removal", "key copies of a grant or an emergency access that has ended are still held; they "
            + "are removed the next time the data folder is opened to work in (not tampering)", false),
    LEFTOVER_FILES("leftover-files", "files in the vault that no record references, left by a write that was cut "
            + "short; they are removed the next time the data folder is opened to work in, once an hour old "
            + "(not tampering)", false);

    private final String code;
    private final String meaning;
    private final boolean tampering;

    ProblemCode(String code, String meaning) {
        this(code, meaning, true);
    }

    ProblemCode(String code, String meaning, boolean tampering) {
        this.code = code;
        this.meaning = meaning;
        this.tampering = tampering;
    }

    /** The stable code, as printed. */
    public String code() {
        return code;
    }

    /** What the code means in general, for documentation and help. */
    public String meaning() {
        return meaning;
    }

    /**
     * Whether a problem of this code means the data folder is not as ClinicLedger left it. A code
     * that does not (upkeep that is due) is reported but leaves the folder intact.
     */
    public boolean tampering() {
        return tampering;
    }
}
