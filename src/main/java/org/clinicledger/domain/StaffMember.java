package org.clinicledger.domain;

import java.util.Objects;

/**
 * A member of staff as the desk sees them: username, role, and what the directory says about them.
 * The details are personal data: {@link #toString()} shows the username and role only.
 */
public record StaffMember(String username, Role role, AccountDetails details) {

    public StaffMember {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        details = details == null ? AccountDetails.NONE : details;
    }

    /** The name the directory gives, else the username. */
    public String displayName() {
        return details.name() == null ? username : details.name();
    }

    @Override
    public String toString() {
        return "StaffMember[" + username + ", " + role.code() + "]";
    }
}
