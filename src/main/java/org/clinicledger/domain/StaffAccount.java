package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A doctor's or a member of staff's account as the staff list shows it: who, since when, and whether
 * it is active. {@code statusSince} is when an administrator last deactivated or reactivated it, or
 * null when nobody ever did. {@link #toString()} names no personal data.
 */
public record StaffAccount(StaffMember member, Instant added, boolean active, Instant statusSince) {

    public StaffAccount {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(added, "added");
    }

    @Override
    public String toString() {
        return "StaffAccount[" + member.username() + ", " + member.role().code() + (active ? "" : ", deactivated") + "]";
    }
}
