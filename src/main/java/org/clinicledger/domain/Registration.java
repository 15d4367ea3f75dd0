package org.clinicledger.domain;

import java.util.List;
import java.util.Objects;

/**
 * What registering a patient made: their MRN (also their username) and chain, the doctor they
 * consented to (null when none), and the MRNs of patients already registered with the same name and
 * date of birth, which the desk should look at: a second registration of one person is flagged,
 * not refused, because two people can share both.
 */
public record Registration(MedicalRecordNumber mrn, ChainId chain, ChainId firstDoctor,
        List<MedicalRecordNumber> possibleDuplicates) {

    public Registration {
        Objects.requireNonNull(mrn, "mrn");
        Objects.requireNonNull(chain, "chain");
        possibleDuplicates = List.copyOf(possibleDuplicates);
    }

    /** The patient's username: the MRN's nine digits. */
    public String username() {
        return mrn.digits();
    }

    public boolean hasPossibleDuplicates() {
        return !possibleDuplicates.isEmpty();
    }
}
