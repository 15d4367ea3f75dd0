package org.clinicledger.clinic;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.domain.Username;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.AppendedEvent;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.Database;
import org.clinicledger.store.PatientStore;
import org.clinicledger.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes of who may read a patient's records: the writing side of
 * {@link org.clinicledger.domain.AccessPolicy}. Each change is a signed block on the patient's chain
 * and, in the same transaction, the matching change of wrapped keys, so that the keys always say
 * what the chain says:
 * <ul>
 *   <li>a grant (signed by the patient) gives the doctor a copy of the key of every live record
 *       version and attachment, unwrapped with the patient's own key;</li>
 *   <li>a revocation (signed by the patient) destroys the doctor's copies, except of the versions
 *       they wrote themselves;</li>
 *   <li>a referral (signed by a doctor with access) gives the receiving doctor copies unwrapped with
 *       the referring doctor's key. The ledger's events are two-chain, so a referral is two events in
 *       one transaction, referring doctor and patient, and referring doctor and receiving doctor, with
 *       the same payload: it shows on all three chains, and both commit to the same reason hash;</li>
 *   <li>an emergency access (signed by an administrator, reason required) gives no copies: for
 *       {@link org.clinicledger.domain.AccessPolicy#EMERGENCY_WINDOW} the administrator opens the
 *       escrow copies with the clinic's escrow key, see {@link RecordService#showRecord}.</li>
 * </ul>
 * Reasons are sealed with the clinic's directory key into {@code access_reasons}; the blocks commit
 * to the SHA-256 of the sealed bytes only. A grant that expires needs no block: the policy ends it at
 * once, and the doctor's copies are destroyed at the next refused read or change of access for the
 * patient, or by {@link #removeExpiredKeys(String)}.
 */
public final class AccessService {

    /** The shortest reason for an emergency access, in characters. */
    public static final int MIN_EMERGENCY_REASON = 10;
    /** The longest reason for a referral or an emergency access, in characters. */
    public static final int MAX_REASON = RecordService.MAX_REASON;

    static final String REASON_LABEL = "clinicledger/access-reason/v1";

    private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);

    private final Database database;
    private final Ledger ledger;
    private final Clock clock;
    private final SecureRandom random;
    private final RecordService recordService;
    private final AccountStore accounts = new AccountStore();
    private final PatientStore patients = new PatientStore();
    private final RecordStore records = new RecordStore();

    AccessService(Database database, Ledger ledger, Clock clock, SecureRandom random, RecordService recordService) {
        this.database = database;
        this.ledger = ledger;
        this.clock = clock;
        this.random = random;
        this.recordService = recordService;
    }

    /**
     * The patient, logged in themselves, grants {@code doctorUsername} access until {@code until}
     * (exclusive), or without end when null; the doctor receives copies of the keys of every live
     * record version and attachment of the patient's, in the same transaction as the block.
     *
     * @throws InvalidInputException for an end that is not in the future
     * @throws RefusedException when the session is not a patient's or there is no such doctor
     */
    public AccessChange grant(Session patient, String doctorUsername, Instant until) {
        Instant now = clock.instant();
        patient.use(now);
        requireRole(patient, Role.PATIENT, "Only the patient grants access to their records.");
        if (until != null && !until.isAfter(now)) {
            throw new InvalidInputException("A grant must end in the future.");
        }
        ChainId patientChain = patient.chain();
        ChainId doctor = doctorChain(doctorUsername);
        String mrn = patientChain.subject();
        byte[] payload = AccessEvents.grant(patientChain, doctor, until);
        int[] copies = new int[1];
        List<AppendedEvent> appended = ledger.appendAll(List.of(EventSpec.between(BlockKind.ACCESS_GRANTED,
                patient.signingKey(), patientChain, payload, doctor, payload)), connection -> {
                    copies[0] = recordService.rewrap(connection, mrn, patientChain.value(), patient.agreementKeys(),
                            doctor.value(), recordService.publicKey(connection, doctor));
                    return null;
                });
        LOG.info("Patient {} granted {} access{} ({} key copies)", mrn, doctor, until == null ? "" : " until " + until,
                copies[0]);
        return new AccessChange(mrn, doctor.value(), hashes(appended), copies[0], null);
    }

    /**
     * The patient revokes {@code doctorUsername}'s access (a grant, a referral): a signed block, and
     * in the same transaction the destruction of every key copy the doctor holds to the patient's
     * records except those of versions the doctor wrote. New records are not wrapped for them.
     */
    public AccessChange revoke(Session patient, String doctorUsername) {
        patient.use(clock.instant());
        requireRole(patient, Role.PATIENT, "Only the patient revokes access to their records.");
        ChainId patientChain = patient.chain();
        ChainId doctor = doctorChain(doctorUsername);
        String mrn = patientChain.subject();
        byte[] payload = AccessEvents.revoke(patientChain, doctor);
        int[] destroyed = new int[1];
        List<AppendedEvent> appended = ledger.appendAll(List.of(EventSpec.between(BlockKind.ACCESS_REVOKED,
                patient.signingKey(), patientChain, payload, doctor, payload)), connection -> {
                    destroyed[0] = records.deleteKeysOfPatient(connection, mrn, doctor.value(), doctor.subject());
                    return null;
                });
        LOG.info("Patient {} revoked the access of {} ({} key copies destroyed)", mrn, doctor, destroyed[0]);
        return new AccessChange(mrn, doctor.value(), hashes(appended), destroyed[0], null);
    }

    /**
     * A doctor whom the patient's chain admits now (grant or referral) refers the patient to
     * another doctor: two events in one transaction (see the class comment), the reason sealed, and
     * copies of the keys the referring doctor holds for the receiving doctor.
     */
    public AccessChange refer(Session doctor, String mrn, String toDoctorUsername, String reason) {
        doctor.use(clock.instant());
        requireRole(doctor, Role.DOCTOR, "Only a doctor refers a patient.");
        String text = checkedReason(reason, 1, "Give the reason for the referral.");
        MedicalRecordNumber patient = existingPatient(mrn);
        ChainId to = doctorChain(toDoctorUsername);
        if (to.equals(doctor.chain())) {
            throw new InvalidInputException("A doctor cannot refer a patient to themselves.");
        }
        AccessState state = recordService.accessState(patient.digits());
        Reason own = state.readers().get(doctor.chain().value());
        if (own != Reason.GRANT && own != Reason.REFERRAL) {
            throw new RefusedException("access denied: " + doctor.username() + " has no active grant or referral for "
                    + "patient " + patient + ", so cannot refer them.");
        }
        Reason theirs = state.readers().get(to.value());
        if (theirs == Reason.GRANT || theirs == Reason.REFERRAL) {
            throw new RefusedException(to.subject() + " has access to patient " + patient + " already.");
        }
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient.digits());
        Sealed sealed = seal(doctor, text, patient.digits(), "referral");
        byte[] payload = AccessEvents.referral(patientChain, doctor.chain(), to, sealed.hash);
        int[] copies = new int[1];
        List<AppendedEvent> appended = ledger.appendAll(List.of(
                EventSpec.between(BlockKind.REFERRAL, doctor.signingKey(), doctor.chain(), payload, patientChain,
                        payload),
                EventSpec.between(BlockKind.REFERRAL, doctor.signingKey(), doctor.chain(), payload, to, payload)),
                connection -> {
                    records.insertAccessReason(connection, sealed.hash, "referral", patient.digits(),
                            doctor.username(), sealed.bytes, clock.millis());
                    copies[0] = recordService.rewrap(connection, patient.digits(), doctor.chain().value(),
                            doctor.agreementKeys(), to.value(), recordService.publicKey(connection, to));
                    return null;
                });
        LOG.info("Patient {} referred by {} to {} ({} key copies)", patient.digits(), doctor.username(), to,
                copies[0]);
        return new AccessChange(patient.digits(), to.value(), hashes(appended), copies[0], sealed.hash);
    }

    /**
     * An administrator opens a patient's records in an emergency, for
     * {@link org.clinicledger.domain.AccessPolicy#EMERGENCY_WINDOW}: an emergency-access block on the
     * administrator's and the patient's chains that commits to the sealed reason.
     *
     * @throws InvalidInputException for a reason shorter than {@value #MIN_EMERGENCY_REASON} characters
     * @throws RefusedException for anyone but an administrator, or an unknown patient
     */
    public AccessChange emergency(Session administrator, String mrn, String reason) {
        administrator.use(clock.instant());
        requireRole(administrator, Role.ADMINISTRATOR, "Only an administrator opens records in an emergency.");
        String text = checkedReason(reason, MIN_EMERGENCY_REASON, "Give the reason for the emergency access, at least "
                + MIN_EMERGENCY_REASON + " characters.");
        MedicalRecordNumber patient = existingPatient(mrn);
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient.digits());
        Sealed sealed = seal(administrator, text, patient.digits(), "emergency");
        byte[] payload = AccessEvents.emergency(patientChain, administrator.chain(), sealed.hash);
        List<AppendedEvent> appended = ledger.appendAll(List.of(EventSpec.between(BlockKind.EMERGENCY_ACCESS,
                administrator.signingKey(), administrator.chain(), payload, patientChain, payload)), connection -> {
                    records.insertAccessReason(connection, sealed.hash, "emergency", patient.digits(),
                            administrator.username(), sealed.bytes, clock.millis());
                    return null;
                });
        LOG.warn("Emergency access to the records of patient {} by {}", patient.digits(), administrator.username());
        return new AccessChange(patient.digits(), administrator.chain().value(), hashes(appended), 0, sealed.hash);
    }

    /**
     * The reason of a referral or an emergency access about patient {@code mrn}, decrypted with the
     * reader's directory key (staff only); empty when nothing is stored under that hash.
     */
    public Optional<String> reason(Session reader, String mrn, String reasonHash) {
        reader.use(clock.instant());
        MedicalRecordNumber patient = MedicalRecordNumber.parse(mrn);
        Optional<byte[]> stored = read(connection -> records.accessReason(connection, reasonHash));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!Hex.encode(Sha256.digest(stored.get())).equals(reasonHash)) {
            throw new RefusedException("The reason " + reasonHash + " fails its integrity check: it was changed "
                    + "outside ClinicLedger.");
        }
        byte[] directoryKey = reader.directoryKey();
        try {
            for (String kind : List.of("referral", "emergency")) {
                byte[] plaintext = null;
                try {
                    plaintext = Aead.open(directoryKey, Aead.Sealed.decode(stored.get()),
                            associatedData(patient.digits(), kind));
                    return Optional.of(new String(plaintext, StandardCharsets.UTF_8));
                } catch (AuthenticationFailedException | IllegalArgumentException other) {
                    // Not this kind (or not this patient's); try the next.
                } finally {
                    if (plaintext != null) {
                        Arrays.fill(plaintext, (byte) 0);
                    }
                }
            }
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
        throw new RefusedException("The reason " + reasonHash + " does not open for patient " + patient
                + ": it was changed outside ClinicLedger, or is another patient's.");
    }

    /**
     * Destroys the key copies of doctors whose access to the patient's records has ended by itself
     * (an expired grant), except of versions they wrote; returns how many.
     */
    public int removeExpiredKeys(String mrn) {
        MedicalRecordNumber patient = MedicalRecordNumber.parse(mrn);
        return recordService.dropStaleKeys(patient.digits(), recordService.accessState(patient.digits()));
    }

    /**
     * {@link #removeExpiredKeys(String)} for every patient with a grant that has ended, so that
     * an expired grant's key copies are gone even if nobody tries to read with them; run when a
     * working copy is opened and, in the window, every few minutes.
     *
     * @return how many key copies were destroyed
     */
    public int removeExpiredKeys() {
        int removed = 0;
        for (ChainId patient : ledger.patientsWithGrantsEndedBy(clock.instant())) {
            removed += removeExpiredKeys(patient.subject());
        }
        return removed;
    }

    // ---- helpers

    private record Sealed(byte[] bytes, String hash) {
    }

    private Sealed seal(Session actor, String reason, String patient, String kind) {
        byte[] directoryKey = actor.directoryKey();
        byte[] plaintext = reason.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sealed = Aead.seal(directoryKey, plaintext, associatedData(patient, kind), random).encoded();
            return new Sealed(sealed, Hex.encode(Sha256.digest(sealed)));
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] associatedData(String patient, String kind) {
        return (REASON_LABEL + "\0" + kind + "\0" + patient).getBytes(StandardCharsets.UTF_8);
    }

    private static String checkedReason(String reason, int minimum, String missing) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() < minimum) {
            throw new InvalidInputException(missing);
        }
        if (text.length() > MAX_REASON) {
            throw new InvalidInputException("The reason is too long: at most " + MAX_REASON + " characters.");
        }
        return text;
    }

    private static void requireRole(Session session, Role role, String refusal) {
        if (session.role() != role) {
            throw new RefusedException(refusal);
        }
    }

    private ChainId doctorChain(String username) {
        if (username == null || !Username.isValid(username)) {
            throw new InvalidInputException("Give the username of a doctor.");
        }
        String normalized = Username.normalize(username);
        Optional<AccountRow> row = read(connection -> accounts.account(connection, normalized));
        if (row.isEmpty() || !Role.DOCTOR.code().equals(row.get().role())) {
            throw new RefusedException("There is no doctor " + normalized + ".");
        }
        return ChainId.parse(row.get().chain());
    }

    private MedicalRecordNumber existingPatient(String mrn) {
        MedicalRecordNumber patient = MedicalRecordNumber.parse(mrn);
        boolean known = read(connection -> patients.find(connection, patient.digits()).isPresent());
        if (!known) {
            throw new RefusedException("There is no patient " + patient + ".");
        }
        return patient;
    }

    private static List<String> hashes(List<AppendedEvent> events) {
        List<String> hashes = new ArrayList<>();
        for (AppendedEvent event : events) {
            event.blocks().forEach(block -> hashes.add(Hex.encode(block.hash())));
        }
        return hashes;
    }

    private <T> T read(Database.TransactionWork<T> work) {
        try (Connection connection = database.connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageFailure("read who may see a patient's records", e);
        }
    }
}
