package org.clinicledger.domain;

import java.util.Locale;

/**
 * What an account may do in the clinic. Codes are stored in the database and in registration
 * blocks (which are signed): never rename one.
 */
public enum Role {
    ADMINISTRATOR("administrator", PartyKind.STAFF),
    RECEPTIONIST("receptionist", PartyKind.STAFF),
    DOCTOR("doctor", PartyKind.DOCTOR),
    PATIENT("patient", PartyKind.PATIENT);

    private final String code;
    private final PartyKind party;

    Role(String code, PartyKind party) {
        this.code = code;
        this.party = party;
    }

    /** The stable name stored in the database and in registration blocks. */
    public String code() {
        return code;
    }

    /** The kind of chain an account of this role owns: {@code staff/…}, {@code doctor/…} or {@code patient/…}. */
    public PartyKind party() {
        return party;
    }

    /** Administrators, receptionists and doctors: the people who unlock the clinic's directory at login. */
    public boolean isStaff() {
        return this != PATIENT;
    }

    /**
     * The role a person typed or a file named, in any letter case.
     *
     * @throws InvalidInputException naming the roles there are
     */
    public static Role fromCode(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.code.equals(wanted)) {
                return role;
            }
        }
        throw new InvalidInputException("There is no role '" + code
                + "': choose administrator, receptionist, doctor or patient.");
    }
}
