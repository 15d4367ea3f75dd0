package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a patient's chain that the access policy reads, in chain order.
 *
 * @param actor who caused it: the patient for grants and revocations, the referring doctor for a
 *     referral, the administrator for emergency access (principals are chain ids)
 * @param subject whom it is about: the doctor granted, revoked or referred to; the administrator for emergency access
 * @param until when a grant ends (exclusive), or null for a grant without end
 */
public record AccessEvent(Kind kind, String actor, String subject, Instant at, Instant until) {

    /** The kinds of event that change who may read. */
    public enum Kind { GRANT, REVOKE, REFERRAL, EMERGENCY }

    public AccessEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
        if (until != null && kind != Kind.GRANT) {
            throw new IllegalArgumentException("Only a grant has an end");
        }
    }
}
