package org.clinicledger.clinic;

import java.security.SecureRandom;
import java.util.Map;

import org.clinicledger.custody.Labels;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.PatientMerges;
import org.clinicledger.store.Database;
import org.clinicledger.store.PatientStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merging a patient registered twice into the registration that stays (decision 0033). Chains
 * cannot be rewritten and records are sealed to their patient's chain, so nothing moves: a
 * patient-merged event on the duplicate's chain and the signer's names the survivor and carries the
 * reason sealed with the directory key. From then on the duplicate's chain takes no new record,
 * grant or referral ({@link #requireNotMerged}), its records and history stay readable where they
 * are, and the directory shows each patient beside the other.
 */
final class PatientMerging {

    static final int MIN_REASON = 5;
    static final int MAX_REASON = RecordService.MAX_REASON;

    private static final Logger LOG = LoggerFactory.getLogger(PatientMerging.class);

    private final Database database;
    private final Ledger ledger;
    private final SecureRandom random;
    private final PatientStore patients = new PatientStore();

    PatientMerging(Database database, Ledger ledger, SecureRandom random) {
        this.database = database;
        this.ledger = ledger;
        this.random = random;
    }

    /**
     * {@code staff} merges {@code duplicate} into {@code survivor}, giving the reason. Refused, inside
     * the write that appends the block: a patient into themselves, a patient the clinic has not
     * registered, a duplicate merged already, a survivor who was merged into another (merge into that
     * one), a reason under five characters, a deactivated session.
     */
    void merge(Session staff, MedicalRecordNumber duplicate, MedicalRecordNumber survivor, String reason) {
        if (duplicate.equals(survivor)) {
            throw new InvalidInputException("A patient cannot be merged into themselves: choose the other patient.");
        }
        String text = reason == null ? "" : reason.strip();
        if (text.length() < MIN_REASON) {
            throw new InvalidInputException("Give the reason for the merge, at least " + MIN_REASON
                    + " characters: it is kept, sealed, with the event.");
        }
        if (text.length() > MAX_REASON) {
            throw new InvalidInputException("The reason is too long: at most " + MAX_REASON + " characters.");
        }
        ChainId chain = new ChainId(PartyKind.PATIENT, duplicate.digits());
        ChainId into = new ChainId(PartyKind.PATIENT, survivor.digits());
        byte[] sealedReason = staff.sealWithDirectoryKey(text, Labels.bind(Labels.PATIENT_MERGE_REASON, chain.value()),
                random);
        byte[] payload = PatientMerges.payload(chain, into, staff.chain(), sealedReason);
        database.write("merge the patients", work -> {
            StaffStatus.requireActive(ledger, work, staff);
            for (MedicalRecordNumber mrn : new MedicalRecordNumber[] {duplicate, survivor}) {
                if (patients.find(work, mrn.digits()).isEmpty()) {
                    throw new RefusedException("There is no patient " + mrn.formatted() + ".");
                }
            }
            Map<ChainId, PatientMerges.Merged> merges = ledger.patientMerges(work);
            PatientMerges.Merged already = merges.get(chain);
            if (already != null) {
                throw new RefusedException("Patient " + duplicate.formatted() + " was merged into patient "
                        + mrn(already) + " already.");
            }
            PatientMerges.Merged survivorMerged = merges.get(into);
            if (survivorMerged != null) {
                throw new RefusedException("Patient " + survivor.formatted() + " was merged into patient "
                        + mrn(survivorMerged) + ": merge into that patient instead.");
            }
            return ledger.append(work, EventSpec.between(BlockKind.PATIENT_MERGED, staff.signingKey(), staff.chain(),
                    payload, chain, payload));
        });
        LOG.info("Patient {} merged into {} by {}", duplicate, survivor, staff.username());
    }

    /**
     * Refuses a new record, grant or referral for a patient merged into another, inside the write
     * that would add it: those belong on the survivor's chain.
     */
    static void requireNotMerged(Ledger ledger, UnitOfWork work, String patientDigits) {
        PatientMerges.Merged merged = ledger.patientMerges(work).get(new ChainId(PartyKind.PATIENT, patientDigits));
        if (merged != null) {
            throw new RefusedException("Patient " + new MedicalRecordNumber(patientDigits).formatted()
                    + " was merged into patient " + mrn(merged) + ": add records, access and referrals there.");
        }
    }

    private static String mrn(PatientMerges.Merged merged) {
        return new MedicalRecordNumber(merged.merge().into().subject()).formatted();
    }
}
