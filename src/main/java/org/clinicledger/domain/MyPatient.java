package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One patient on a doctor's "My patients" list, and why they are on it: standing access now (a
 * grant, or a referral to the doctor), a recent referral by the doctor, or a record the doctor wrote
 * recently. Read from the chains; nothing in it was decrypted but the patient's name.
 *
 * @param until for {@link Why#GRANTED}, the instant the grant ends (exclusive), or null for no end
 * @param otherDoctor for a referral, the other doctor by name (else null)
 * @param lastSeen when the doctor last added, amended or deleted one of the patient's records, or null
 */
public record MyPatient(PatientSummary patient, Why why, Instant until, String otherDoctor, Instant lastSeen) {

    /** Why the patient is listed, strongest first: what the doctor may do with them follows from it. */
    public enum Why {
        /** The patient granted the doctor access, which has not ended. */
        GRANTED,
        /** Another doctor referred the patient to this one; standing until the patient revokes it. */
        REFERRED_BY,
        /** This doctor referred the patient to another recently. */
        REFERRED_TO,
        /** This doctor wrote one of the patient's records recently. */
        SEEN
    }

    public MyPatient {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(why, "why");
    }

    /** Whether the doctor may write the patient's records now (a grant or a referral to them). */
    public boolean standing() {
        return why == Why.GRANTED || why == Why.REFERRED_BY;
    }
}
