package org.clinicledger.clinic;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.custody.DirectorySeal;
import org.clinicledger.custody.EscrowKey;
import org.clinicledger.custody.Labels;
import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccessPolicy.StandingAccess;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Username;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.AppendedEvent;
import org.clinicledger.ledger.EmergencyConfirmation;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.Database;
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
 *   <li>an emergency access (signed by an administrator, reason required, confirmed by a second
 *       holder of the escrow key: another administrator or the recovery sheet) opens the escrow key
 *       with two holders and gives the administrator copies of the keys of every live record
 *       version, for {@link org.clinicledger.domain.AccessPolicy#EMERGENCY_WINDOW}; records written
 *       in the window reach them too, and the upkeep that removes ended grants' copies removes
 *       theirs. The block names the second holder and carries their signature, so it is on the
 *       patient's chain before anything can be read.</li>
 * </ul>
 * Reasons are sealed with the clinic's directory key into {@code access_reasons}; the blocks commit
 * to the SHA-256 of the sealed bytes only. A grant that expires needs no block: the policy ends it at
 * once, and the doctor's copies are destroyed at the next refused read or change of access for the
 * patient, or by {@link #removeExpiredKeys(MedicalRecordNumber)}.
 */
public final class AccessService {

    /** The shortest reason for an emergency access, in characters. */
    public static final int MIN_EMERGENCY_REASON = 10;
    /** The longest reason for a referral or an emergency access, in characters. */
    public static final int MAX_REASON = RecordService.MAX_REASON;

    private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);

    private final Database database;
    private final Ledger ledger;
    private final RecordCustody custody;
    private final EscrowKey escrowKey;
    private final AccountService accountService;
    private final PatientAccess access;
    private final Clock clock;
    private final SecureRandom random;
    private final AccountStore accounts = new AccountStore();
    private final RecordStore records = new RecordStore();

    AccessService(Database database, Ledger ledger, RecordCustody custody, EscrowKey escrowKey,
            AccountService accountService, PatientAccess access, Clock clock, SecureRandom random) {
        this.database = database;
        this.ledger = ledger;
        this.custody = custody;
        this.escrowKey = escrowKey;
        this.accountService = accountService;
        this.access = access;
        this.clock = clock;
        this.random = random;
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
        Changed changed = database.write("grant access", work -> {
            access.requireActiveReceiver(work, doctor);
            access.requireNotMerged(work, mrn);
            List<AppendedEvent> appended = ledger.appendAll(work, List.of(EventSpec.between(BlockKind.ACCESS_GRANTED,
                    patient.signingKey(), patientChain, payload, doctor, payload)));
            return new Changed(appended, custody.rewrap(work, mrn, patientChain, patient.keys(), doctor));
        });
        LOG.info("Patient {} granted {} access{} ({} key copies)", mrn, doctor, until == null ? "" : " until " + until,
                changed.keys());
        return new AccessChange(mrn, doctor.value(), hashes(changed.events()), changed.keys(), null);
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
        Changed changed = database.write("revoke access", work -> new Changed(ledger.appendAll(work,
                List.of(EventSpec.between(BlockKind.ACCESS_REVOKED, patient.signingKey(), patientChain, payload, doctor,
                        payload))), custody.destroyCopiesOf(work, mrn, doctor)));
        LOG.info("Patient {} revoked the access of {} ({} key copies destroyed)", mrn, doctor, changed.keys());
        return new AccessChange(mrn, doctor.value(), hashes(changed.events()), changed.keys(), null);
    }

    /**
     * A doctor whom the patient's chain admits now (grant or referral) refers the patient to
     * another doctor: two events in one transaction (see the class comment), the reason sealed, and
     * copies of the keys the referring doctor holds for the receiving doctor.
     */
    public AccessChange refer(Session doctor, MedicalRecordNumber patient, String toDoctorUsername, String reason) {
        doctor.use(clock.instant());
        requireRole(doctor, Role.DOCTOR, "Only a doctor refers a patient.");
        String text = checkedReason(reason, 1, "Give the reason for the referral.");
        ChainId to = doctorChain(toDoctorUsername);
        if (to.equals(doctor.chain())) {
            throw new InvalidInputException("A doctor cannot refer a patient to themselves.");
        }
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient.digits());
        byte[] sealed = doctor.sealWithDirectoryKey(text, reasonData(patient.digits(), "referral"), random);
        String reasonHash = Hex.encode(Sha256.digest(sealed));
        byte[] payload = AccessEvents.referral(patientChain, doctor.chain(), to, reasonHash);
        Changed changed = database.write("refer the patient", work -> {
            access.requireRegistered(work, patient);
            access.requireActive(work, doctor);
            access.requireActiveReceiver(work, to);
            access.requireNotMerged(work, patient.digits());
            AccessState state = access.state(work, patient.digits());
            if (!state.isStanding(doctor.chain().value())) {
                throw new RefusedException("Access denied: " + doctor.username() + " has no active grant or referral "
                        + "for patient " + patient + ", so cannot refer them.");
            }
            if (state.isStanding(to.value())) {
                throw new RefusedException(to.subject() + " has access to patient " + patient + " already.");
            }
            List<AppendedEvent> appended = ledger.appendAll(work, List.of(
                    EventSpec.between(BlockKind.REFERRAL, doctor.signingKey(), doctor.chain(), payload, patientChain,
                            payload),
                    EventSpec.between(BlockKind.REFERRAL, doctor.signingKey(), doctor.chain(), payload, to, payload)));
            records.insertAccessReason(work, reasonHash, "referral", patient.digits(), doctor.username(), sealed,
                    appended.get(0).timeOn(PartyKind.PATIENT));
            return new Changed(appended, custody.rewrap(work, patient.digits(), doctor.chain(), doctor.keys(), to));
        });
        LOG.info("Patient {} referred by {} to {} ({} key copies)", patient.digits(), doctor.username(), to,
                changed.keys());
        return new AccessChange(patient.digits(), to.value(), hashes(changed.events()), changed.keys(), reasonHash);
    }

    /**
     * An administrator opens a patient's records in an emergency, for
     * {@link org.clinicledger.domain.AccessPolicy#EMERGENCY_WINDOW}, with a second holder's
     * confirmation. In one write: the emergency-access block on the administrator's and the
     * patient's chains (committing to the sealed reason and carrying the second holder's signature),
     * the escrow key opened by the administrator's share and the second holder's, and copies of the
     * patient's record keys for the administrator; the escrow key and the second administrator's
     * keys are wiped right after.
     *
     * @param confirmation another administrator (checked like a login) or the recovery sheet's words;
     *     a password in it stays the caller's to wipe
     * @throws InvalidInputException for a reason shorter than {@value #MIN_EMERGENCY_REASON}
     *     characters, no confirmation, the administrator twice, or mistyped sheet words
     * @throws org.clinicledger.domain.LoginFailedException for the second administrator's wrong password
     * @throws RefusedException for anyone but an administrator, an unknown patient, a second person
     *     who holds no share, or a sheet of another clinic
     */
    public AccessChange emergency(Session administrator, MedicalRecordNumber patient, String reason,
            EscrowConfirmation confirmation) {
        administrator.use(clock.instant());
        requireRole(administrator, Role.ADMINISTRATOR, "Only an administrator opens records in an emergency.");
        String text = checkedReason(reason, MIN_EMERGENCY_REASON, "Give the reason for the emergency access, at least "
                + MIN_EMERGENCY_REASON + " characters.");
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient.digits());
        database.read("look up the patient", work -> {
            access.requireRegistered(work, patient);
            return null;
        });
        byte[] sealed = administrator.sealWithDirectoryKey(text, reasonData(patient.digits(), "emergency"), random);
        String reasonHash = Hex.encode(Sha256.digest(sealed));
        Changed changed;
        try (SecondHolder second = SecondHolder.of(accountService, administrator, confirmation)) {
            changed = database.write("record the emergency access", work -> {
                access.requireRegistered(work, patient);
                access.requireActive(work, administrator);
                EscrowKey.Holder first = new EscrowKey.Holder(administrator.username(), administrator.keys());
                try (EscrowKey.Opened escrow = escrowKey.open(work, first, second.confirmation())) {
                    String confirmedBy = escrow.confirmingAdministrator()
                            .map(name -> new ChainId(PartyKind.STAFF, name).value())
                            .orElse(EmergencyConfirmation.RECOVERY_SHEET);
                    String signature = EmergencyConfirmation.sign(escrow.confirmer(), patientChain,
                            administrator.chain(), reasonHash, confirmedBy);
                    byte[] payload = AccessEvents.emergency(patientChain, administrator.chain(), reasonHash,
                            confirmedBy, signature);
                    List<AppendedEvent> events = ledger.appendAll(work, List.of(EventSpec.between(
                            BlockKind.EMERGENCY_ACCESS, administrator.signingKey(), administrator.chain(), payload,
                            patientChain, payload)));
                    records.insertAccessReason(work, reasonHash, "emergency", patient.digits(),
                            administrator.username(), sealed, events.get(0).timeOn(PartyKind.PATIENT));
                    return new Changed(events, custody.giveEmergencyCopies(work, patient.digits(), escrow,
                            administrator.chain()));
                }
            });
        }
        LOG.warn("Emergency access to the records of patient {} by {} ({} key copies)", patient.digits(),
                administrator.username(), changed.keys());
        return new AccessChange(patient.digits(), administrator.chain().value(), hashes(changed.events()),
                changed.keys(), reasonHash);
    }

    /**
     * The doctors who may read the signed-in patient's records now (a grant or a referral), each with
     * the end of their grant if it has one: what the patient is shown and may revoke.
     */
    public List<StandingAccess> doctorsWithAccess(Session patient) {
        patient.use(clock.instant());
        requireRole(patient, Role.PATIENT, "Only the patient sees who may read their records.");
        return database.read("read who may see your records",
                work -> access.state(work, patient.chain().subject()).standingDoctors());
    }

    /**
     * The reason of a referral or an emergency access about patient {@code mrn}, decrypted with the
     * reader's directory key (staff only); empty when nothing is stored under that hash.
     */
    public Optional<String> reason(Session reader, MedicalRecordNumber patient, String reasonHash) {
        reader.use(clock.instant());
        Optional<byte[]> stored = database.read("read the reason", work -> records.accessReason(work, reasonHash));
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
                Optional<byte[]> plaintext = DirectorySeal.open(directoryKey, stored.get(),
                        reasonData(patient.digits(), kind));
                if (plaintext.isPresent()) {
                    String text = new String(plaintext.get(), StandardCharsets.UTF_8);
                    Arrays.fill(plaintext.get(), (byte) 0);
                    return Optional.of(text);
                }
            }
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
        throw new RefusedException("The reason " + reasonHash + " does not open for patient " + patient
                + ": it was changed outside ClinicLedger, or is another patient's.");
    }

    /**
     * Destroys the key copies of doctors and administrators whose access to the patient's records has
     * ended by itself (an expired grant, a closed emergency window), except of versions they wrote;
     * returns how many.
     */
    public int removeExpiredKeys(MedicalRecordNumber patient) {
        return database.write("destroy keys of ended access", work ->
                custody.destroyStaleCopies(work, patient.digits(), access.state(work, patient.digits())));
    }

    /**
     * {@link #removeExpiredKeys(MedicalRecordNumber)} for every patient with a grant that has ended, so that
     * an expired grant's key copies are gone even if nobody tries to read with them; run when a
     * working copy is opened and, in the window, every few minutes.
     *
     * @return how many key copies were destroyed
     */
    public int removeExpiredKeys() {
        int removed = 0;
        for (ChainId patient : database.read("read the grants", work -> ledger.patientsWithGrantsEndedBy(work,
                clock.instant()))) {
            removed += removeExpiredKeys(new MedicalRecordNumber(patient.subject()));
        }
        return removed;
    }

    // ---- helpers

    /** What a change of access wrote: its events, and how many key copies it added or destroyed. */
    private record Changed(List<AppendedEvent> events, int keys) {
    }

    private static byte[] reasonData(String patient, String kind) {
        return Labels.bind(Labels.ACCESS_REASON, kind, patient);
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
        Optional<AccountRow> row = database.read("look up the doctor", work -> accounts.account(work, normalized));
        if (row.isEmpty() || !Role.DOCTOR.code().equals(row.get().role())) {
            throw new RefusedException("There is no doctor " + normalized + ".");
        }
        return ChainId.parse(row.get().chain());
    }

    private static List<String> hashes(List<AppendedEvent> events) {
        List<String> hashes = new ArrayList<>();
        for (AppendedEvent event : events) {
            event.blocks().forEach(block -> hashes.add(Hex.encode(block.hash())));
        }
        return hashes;
    }
}
