package org.clinicledger.clinic;

import java.time.Clock;
import java.util.Optional;

import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.store.PatientStore;
import org.clinicledger.store.RecordStore.VersionRow;

/**
 * Who may do what with a patient's records, decided from the patient's chain as it stands inside
 * the caller's unit of work: the records and the access services ask here, inside the write that
 * acts on the answer, so that no change of access can come between the decision and the act.
 */
final class PatientAccess {

    static final String ACCESS_DENIED = "Access denied";

    private final Ledger ledger;
    private final PatientStore patients;
    private final RecordCustody custody;
    private final Clock clock;

    PatientAccess(Ledger ledger, PatientStore patients, RecordCustody custody, Clock clock) {
        this.ledger = ledger;
        this.patients = patients;
        this.custody = custody;
        this.clock = clock;
    }

    /** Who may read the patient's records now, and why. */
    AccessState state(UnitOfWork work, String patient) {
        ChainId chain = new ChainId(PartyKind.PATIENT, patient);
        return AccessPolicy.evaluate(chain.value(), ledger.accessEvents(work, chain), clock.instant());
    }

    /** Refuses a patient this clinic has not registered. */
    void requireRegistered(UnitOfWork work, MedicalRecordNumber patient) {
        if (patients.find(work, patient.digits()).isEmpty()) {
            throw new RefusedException("There is no patient " + patient + ".");
        }
    }

    /** The patient's access state, after checking that {@code doctor} may write their records now. */
    AccessState requireWriter(UnitOfWork work, Session doctor, String patient) {
        if (doctor.role() != Role.DOCTOR) {
            throw new RefusedException("Only doctors write records.");
        }
        requireActive(work, doctor);
        AccessState state = state(work, patient);
        if (!state.isStanding(doctor.chain().value())) {
            throw new RefusedException(ACCESS_DENIED + ": " + doctor.username() + " has no active grant or referral "
                    + "for patient " + new MedicalRecordNumber(patient) + ", so may not write their records. Ask the "
                    + "patient for access, or use a referral.");
        }
        return state;
    }

    /**
     * Refuses a doctor or member of staff whose account an administrator deactivated since their
     * session began: their standing grants and referrals are not used while it stays so (decision 0028).
     */
    void requireActive(UnitOfWork work, Session actor) {
        StaffStatus.requireActive(ledger, work, actor);
    }

    /** Refuses a new record, grant or referral for a patient merged into another (decision 0033). */
    void requireNotMerged(UnitOfWork work, String patient) {
        PatientMerging.requireNotMerged(ledger, work, patient);
    }

    /** Refuses {@code doctor} as the receiver of a grant or a referral while their account is deactivated. */
    void requireActiveReceiver(UnitOfWork work, ChainId doctor) {
        if (!org.clinicledger.ledger.AccountStatuses.active(ledger.accountStatuses(work).get(doctor))) {
            throw new RefusedException(doctor.subject() + "'s account is deactivated, so they cannot be given access "
                    + "to a patient's records.");
        }
    }

    /** Why {@code reader} may read the version now under {@code state}, or empty when they may not. */
    static Optional<Reason> readReason(AccessState state, Session reader, String author) {
        return state.mayRead(reader.chain().value(), new ChainId(PartyKind.DOCTOR, author).value())
                .filter(reason -> reason != Reason.EMERGENCY || reader.role() == Role.ADMINISTRATOR);
    }

    /**
     * Why the patient's chain admits {@code reader} to the version now, or empty when it does not;
     * then the copies of doctors it no longer admits (an ended grant) are destroyed in the same
     * write, so that what the policy says is also what the keys allow.
     */
    Optional<Reason> readerReason(UnitOfWork work, Session reader, VersionRow row) {
        requireActive(work, reader);
        AccessState state = state(work, row.patient());
        Optional<Reason> reason = readReason(state, reader, row.author());
        if (reason.isEmpty()) {
            custody.destroyStaleCopies(work, row.patient(), state);
        }
        return reason;
    }

    static RefusedException denied(Session reader, RecordId recordId) {
        return new RefusedException(ACCESS_DENIED + ": " + reader.username() + " may not read record " + recordId + ".");
    }
}
