package org.clinicledger.domain;

/** Whose chain it is: a doctor's, a patient's, or a clinic machine's (the node that signs heads). */
public enum PartyKind {
    NODE("node"),
    DOCTOR("doctor"),
    PATIENT("patient");

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
