package org.clinicledger.domain;

/**
 * Whose chain it is: the clinic's (its root key), a doctor's, a patient's, a clinic machine's (the node that signs heads), or a
 * staff member's who is neither doctor nor patient (administrators and receptionists, who sign
 * blocks such as emergency access and so need their keys registered on a chain of their own).
 */
public enum PartyKind {
    /** The clinic itself: its chain holds the clinic key, which every other key is authorized from. */
    CLINIC("clinic"),
    NODE("node"),
    DOCTOR("doctor"),
    PATIENT("patient"),
    STAFF("staff");

    private final String code;

    PartyKind(String code) {
        this.code = code;
    }

    /** The stable name used in chain ids and in hashed encodings. */
    public String code() {
        return code;
    }

    public static PartyKind fromCode(String code) {
        for (PartyKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown party kind: " + code);
    }
}
