package org.clinicledger.domain;

/** What a block records. Codes are part of the hashed encoding: never rename one. */
public enum BlockKind {
    /** Genesis of a chain: names the key its owner signs with. */
    REGISTRATION("registration"),
    RECORD_ADDED("record-added"),
    /** A new version of a record; the old version stays in the chain. */
    RECORD_AMENDED("record-amended"),
    /** A tombstone: the record's keys are destroyed, the chain still verifies. */
    RECORD_DELETED("record-deleted"),
    REFERRAL("referral"),
    ACCESS_GRANTED("access-granted"),
    ACCESS_REVOKED("access-revoked"),
    RECORD_VIEWED("record-viewed"),
    EMERGENCY_ACCESS("emergency-access"),
    /** The chain's owner signs with a new key from the next block on. */
    KEY_ROTATED("key-rotated"),
    /**
     * The account's private keys were sealed anew (a new password, or a higher cost): commits to the
     * new seal, on the account's own chain, signed by its key.
     */
    PASSWORD_CHANGED("password-changed"),
    /**
     * An administrator gave a person who forgot their password new keys: on the person's chain
     * (naming the new key, which signs the chain from then on) and the administrator's, one event.
     */
    KEY_RECOVERED("key-recovered"),
    /**
     * The desk corrected a patient's demographics: on the patient's chain (carrying the replaced
     * version, sealed) and the receptionist's or administrator's who signed it, one event.
     */
    DEMOGRAPHICS_CORRECTED("demographics-corrected"),
    /**
     * An administrator deactivated or reactivated the account of a doctor or a member of staff: on
     * that account's chain and the administrator's, one event; the payload says which. The newest
     * such block on the account's chain is its status.
     */
    ACCOUNT_STATUS("account-status"),
    /**
     * The desk found a patient registered twice and merged the duplicate into the patient who stays:
     * on the duplicate's chain and the receptionist's or administrator's who signed it, one event;
     * the payload names the survivor. The duplicate's chain takes no new record, grant or referral
     * after it (decision 0033).
     */
    PATIENT_MERGED("patient-merged");

    private final String code;

    BlockKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * True for the kinds that carry a public key of the chain's owner. A key recovery carries it on
     * the recovered person's block only; the administrator's side of the event names none.
     */
    public boolean carriesSubjectKey() {
        return this == REGISTRATION || this == KEY_ROTATED || this == KEY_RECOVERED;
    }

    public static BlockKind fromCode(String code) {
        for (BlockKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown block kind: " + code);
    }
}
