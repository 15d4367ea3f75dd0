package org.clinicledger.clinic;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.custody.NewAccount;
import org.clinicledger.custody.RecipientKeys;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.DirectoryMatch;
import org.clinicledger.domain.DuplicatePair;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientFile;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Registration;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Username;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.DemographicsCorrections;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.OwnDetails;
import org.clinicledger.exchange.RegistrationSlipPdf;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.ClinicDao;
import org.clinicledger.store.Database;
import org.clinicledger.store.PatientStore.PatientRow;
import org.clinicledger.store.PatientStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registering patients at the desk, and the directory search that finds them again.
 *
 * <p>A patient is an account like any other (keys sealed under the passphrase they choose at the
 * desk, see {@link NewAccount}) whose username is their MRN and whose chain is {@code patient/<MRN>}.
 * Their name, date of birth, sex and contact are sealed with the clinic's directory key; the
 * registration block commits to the SHA-256 of that seal, never to the plaintext. Patients do not
 * receive the directory key. Consent to a first doctor is an access-granted event on the patient's
 * and the doctor's chains, signed with the patient's new key while it is still in memory. The
 * account, the demographics and all blocks are written in one transaction.
 *
 * <p>Search decrypts the directory in memory, per session, and never writes or logs what it finds.
 */
public final class RegistrationService {

    /** How many merges one after another a search follows to the patient who stays (a valid ledger has no cycle). */
    static final int MERGE_HOPS = 16;

    /** Fresh numbers to try before concluding that the generator, not chance, is at fault. */
    static final int MRN_ATTEMPTS = 20;

    private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Part of an MRN or of a date of birth, as it is being typed. */
    private static final Pattern PARTIAL_NUMBER = Pattern.compile("\\d[\\d -]*");
    /** The zone where the date changes first: no date of birth that is today anywhere is refused as future. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationService.class);

    private final Database database;
    private final PasswordCosts costs;
    private final AccountStore accountStore = new AccountStore();
    private final PatientStore patients = new PatientStore();
    private final ClinicDao clinics = new ClinicDao();
    private final Ledger ledger;
    private final Clock clock;
    private final SecureRandom random;
    private final Supplier<MedicalRecordNumber> mrns;
    private final PatientMerging merging;
    private final RecipientKeys recipients;

    RegistrationService(Database database, PasswordCosts costs, Ledger ledger, Clock clock, SecureRandom random) {
        this(database, costs, ledger, clock, random, () -> MedicalRecordNumber.generate(random));
    }

    private RegistrationService(Database database, PasswordCosts costs, Ledger ledger, Clock clock,
            SecureRandom random, Supplier<MedicalRecordNumber> mrns) {
        this.database = database;
        this.costs = costs;
        this.ledger = ledger;
        this.clock = clock;
        this.random = random;
        this.mrns = mrns;
        this.merging = new PatientMerging(database, ledger, random);
        this.recipients = new RecipientKeys(ledger, accountStore);
    }

    /** The same service drawing MRNs from {@code source}: lets tests force a collision. */
    RegistrationService withMrnSource(Supplier<MedicalRecordNumber> source) {
        return new RegistrationService(database, costs, ledger, clock, random, source);
    }

    // ---- registration

    /**
     * Refuses, with the message registration would give, when {@code receptionist} may not
     * register patients or {@code firstDoctor} (a username, or null for none) is not a doctor: lets
     * the desk stop before the patient types a passphrase for nothing.
     *
     * @return the first doctor's chain, or null when there is none
     */
    public ChainId requireMayRegister(Session receptionist, String firstDoctor) {
        receptionist.use(clock.instant());
        if (receptionist.role() != Role.RECEPTIONIST && receptionist.role() != Role.ADMINISTRATOR) {
            throw new RefusedException("Only a receptionist or an administrator can register patients.");
        }
        if (firstDoctor == null) {
            return null;
        }
        String username = Username.normalize(firstDoctor);
        ChainId doctor = database.read("look up the doctor", work -> accountStore.account(work, username))
                .filter(row -> Role.DOCTOR.code().equals(row.role())).map(row -> ChainId.parse(row.chain()))
                .orElseThrow(() -> new RefusedException("There is no doctor with the username " + username
                        + ": check it, or register the patient without a first doctor."));
        if (database.read("read the doctor's chain", work -> ledger.registration(work, doctor)).isEmpty()) {
            throw new RefusedException("The doctor " + username + " has no chain in the ledger, so no consent can "
                    + "name them. Verify the data folder.");
        }
        return doctor;
    }

    /**
     * Refuses demographics that no registration would accept at this moment (a date of birth in the
     * future), with the message registration would give: lets the desk stop before anyone logs in.
     */
    public PatientDetails checkDetails(PatientDetails details) {
        Objects.requireNonNull(details, "details");
        return details.requireBornBy(latestToday());
    }

    /**
     * Registers a patient: a fresh MRN (also their username), their account with keys sealed under
     * {@code passphrase}, their demographics sealed with the directory key, the genesis block of
     * their chain and, with a {@code firstDoctor}, their consent to that doctor, all in one
     * transaction. Someone already registered with the same name and date of birth does not stop
     * the registration; their MRNs come back as possible duplicates for the desk to check.
     *
     * @param receptionist a receptionist or an administrator
     * @param passphrase the patient's new passphrase; the caller still owns and wipes it
     * @param firstDoctor the username of the doctor the patient consents to, or null for none
     */
    public Registration registerPatient(Session receptionist, PatientDetails details, char[] passphrase,
            String firstDoctor) {
        ChainId doctor = requireMayRegister(receptionist, firstDoctor);
        checkDetails(details);
        PasswordRules.check(passphrase);
        PasswordCost cost = costs.forNewAccount();

        byte[] directoryKey = receptionist.directoryKey();
        try {
            List<MedicalRecordNumber> duplicates = likelyDuplicates(receptionist, directoryKey, details).stream()
                    .map(PatientSummary::mrn)
                    .sorted(Comparator.comparing(MedicalRecordNumber::digits))
                    .toList();
            for (int attempt = 1; ; attempt++) {
                MedicalRecordNumber mrn = freshMrn();
                try {
                    Registration registration = write(receptionist, mrn, details, passphrase, doctor, cost,
                            directoryKey, duplicates);
                    LOG.info("Patient {} registered by {}{}", mrn, receptionist.username(),
                            doctor == null ? "" : ", consenting to " + doctor);
                    if (!duplicates.isEmpty()) {
                        LOG.info("Patient {} has the same name and date of birth as {}", mrn, duplicates);
                    }
                    return registration;
                } catch (MrnTaken taken) {
                    // Another desk took the same number between the check and the write: draw again.
                    if (attempt >= MRN_ATTEMPTS) {
                        throw new IllegalStateException("No free medical record number after " + attempt + " tries");
                    }
                }
            }
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    /**
     * The patients not merged into another who look like the person {@code details} describe
     * ({@link DuplicateRule}: the same date of birth and the same or a very similar name): what the
     * desk is warned of before it registers them. From the session's directory; nothing is written.
     */
    public List<PatientSummary> likelyDuplicates(Session staff, PatientDetails details) {
        staff.use(clock.instant());
        requireStaff(staff);
        byte[] directoryKey = staff.directoryKey();
        try {
            return likelyDuplicates(staff, directoryKey, details);
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    private List<PatientSummary> likelyDuplicates(Session staff, byte[] directoryKey, PatientDetails details) {
        directory(staff, directoryKey);
        return staff.patientDirectory().like(Demographics.searchKey(details.name()), details.dateOfBirth());
    }

    /**
     * The pairs of patients in the directory who look like one person registered twice
     * ({@link DuplicateRule}), merged patients left out: for the desk to check and merge.
     */
    public List<DuplicatePair> suspectedDuplicates(Session staff) {
        staff.use(clock.instant());
        requireStaff(staff);
        byte[] directoryKey = staff.directoryKey();
        try {
            directory(staff, directoryKey);
            return staff.patientDirectory().pairs();
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    /**
     * Merges {@code duplicate} into {@code survivor}: see {@link PatientMerging#merge}.
     *
     * @param staff a receptionist or an administrator
     */
    public void mergePatients(Session staff, MedicalRecordNumber duplicate, MedicalRecordNumber survivor, String reason) {
        requireMayRegister(staff, null);
        merging.merge(staff, duplicate, survivor, reason);
    }

    private Registration write(Session receptionist, MedicalRecordNumber mrn, PatientDetails details,
            char[] passphrase, ChainId doctor, PasswordCost cost, byte[] directoryKey,
            List<MedicalRecordNumber> duplicates) {
        String username = mrn.digits();
        ChainId chain = new ChainId(PartyKind.PATIENT, username);
        Account account = new Account(username, Role.PATIENT, chain, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        byte[] sealed = Demographics.seal(directoryKey, mrn, details, random);
        try (NewAccount made = NewAccount.create(account, passphrase, cost, random)) {
            ObjectNode fields = made.registrationPayload(sealed, receptionist.chain(), receptionist.keys().signingKey());
            OwnDetails.put(fields, Demographics.sealForPatient(made.keys().agreementPublicKey(), mrn, details, random));
            byte[] payload = CanonicalJson.encode(fields);
            List<EventSpec> consent = new ArrayList<>();
            if (doctor != null) {
                byte[] grant = AccessEvents.grant(chain, doctor, null);
                consent.add(EventSpec.between(BlockKind.ACCESS_GRANTED, made.keys().signingKey(), chain, grant, doctor,
                        grant));
            }
            database.write("register the patient", work -> {
                StaffStatus.requireActive(ledger, work, receptionist);
                if (doctor != null && !org.clinicledger.ledger.AccountStatuses.active(
                        ledger.accountStatuses(work).get(doctor))) {
                    throw new RefusedException(doctor.subject() + "'s account is deactivated, so the patient cannot "
                            + "consent to them: choose another doctor, or none.");
                }
                if (!accountStore.insertAccount(work, made.row())
                        || !patients.insert(work, new PatientRow(username, sealed))) {
                    throw new MrnTaken();
                }
                return ledger.register(work, PartyKind.PATIENT, username, made.keys().signingKey(), payload, consent);
            });
        }
        return new Registration(mrn, chain, doctor, duplicates);
    }

    /** A number no account, patient or chain has yet. */
    private MedicalRecordNumber freshMrn() {
        for (int attempt = 0; attempt < MRN_ATTEMPTS; attempt++) {
            MedicalRecordNumber mrn = mrns.get();
            boolean taken = database.read("look for a medical record number", work ->
                    accountStore.account(work, mrn.digits()).isPresent()
                            || patients.find(work, mrn.digits()).isPresent()
                            || ledger.exists(work, new ChainId(PartyKind.PATIENT, mrn.digits())));
            if (!taken) {
                return mrn;
            }
        }
        throw new IllegalStateException("No free medical record number after " + MRN_ATTEMPTS + " tries");
    }

    /** The latest date that is today anywhere on Earth. */
    private LocalDate latestToday() {
        return LocalDate.ofInstant(clock.instant(), EARLIEST_ZONE);
    }

    /** Thrown inside the transaction when the MRN was taken meanwhile; rolls it back for another try. */
    private static final class MrnTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MrnTaken() {
            super("The medical record number was taken meanwhile", null, false, false);
        }
    }

    // ---- the directory

    /**
     * Finds patients by part of their name (any letter case, with or without accents, words in any
     * order), by MRN (with or without dashes) or by date of birth ({@code YYYY-MM-DD}), sorted by
     * name. For staff only: the search decrypts the directory in this session's memory.
     *
     * @throws InvalidInputException for an empty query, a mistyped MRN or a date that does not exist
     * @throws RefusedException for a patient's session
     */
    public List<PatientSummary> searchPatients(Session staff, String query) {
        matcher(query);
        return directorySearch(staff, query).stream().map(DirectoryMatch::patient).toList();
    }

    /**
     * The desk's directory as someone types: what {@link #searchPatients} finds, each marked when
     * another patient has the same name and date of birth; a blank query lists every patient. Digits
     * alone (with dashes) also find MRNs holding them and dates of birth starting with them, so that
     * a half-typed number narrows the list. Sorted by name.
     *
     * @throws InvalidInputException for a mistyped MRN, a date that does not exist or a query too long
     * @throws RefusedException for a patient's session
     */
    public List<DirectoryMatch> directorySearch(Session staff, String query) {
        staff.use(clock.instant());
        requireStaff(staff);
        byte[] directoryKey = staff.directoryKey();
        try {
            return search(directory(staff, directoryKey), staff.patientDirectory(), query);
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    /** What {@link #directorySearch} finds among {@code entries}, sorted by name (the benchmark measures this too). */
    static List<DirectoryMatch> search(List<PatientDirectory.Entry> entries, PatientDirectory directory, String query) {
        Predicate<PatientDirectory.Entry> matches = query == null || query.isBlank() ? entry -> true : matcher(query);
        // The entries come sorted by name (PatientDirectory#refresh) and the answers in the same order.
        List<DirectoryMatch> answers = directory.matchesOf(entries);
        boolean[] shown = new boolean[entries.size()];
        boolean anyMerged = false;
        for (int i = 0; i < entries.size(); i++) {
            if (matches.test(entries.get(i))) {
                shown[i] = true;
                anyMerged |= answers.get(i).merged();
            }
        }
        if (anyMerged && entries == directory.sortedEntries()) {
            // A merged patient's MRN finds the patient they were merged into as well (decision 0033).
            for (int i = 0; i < entries.size(); i++) {
                String survivor = shown[i] ? directory.mergedInto(entries.get(i).mrn().digits()) : null;
                for (int hops = 0; survivor != null && hops < MERGE_HOPS; hops++) {
                    int place = directory.placeOf(survivor);
                    if (place >= 0) {
                        shown[place] = true;
                    }
                    survivor = directory.mergedInto(survivor);
                }
            }
        }
        List<DirectoryMatch> found = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (shown[i]) {
                found.add(answers.get(i));
            }
        }
        return Collections.unmodifiableList(found);
    }

    /**
     * One patient as the desk sees them: today's demographics and every correction, with the version
     * each replaced (opened from the patient's chain); empty when there is no such patient.
     */
    public Optional<PatientFile> patientFile(Session staff, MedicalRecordNumber mrn) {
        staff.use(clock.instant());
        requireStaff(staff);
        ChainId chain = new ChainId(PartyKind.PATIENT, mrn.digits());
        record Read(Optional<PatientRow> row, List<Block> corrections, Map<String, String> merges) {
        }
        Read read = database.read("read the patient's details", work -> new Read(patients.find(work, mrn.digits()),
                ledger.blocksOfKind(work, chain, BlockKind.DEMOGRAPHICS_CORRECTED), merges(work)));
        if (read.row().isEmpty()) {
            return Optional.empty();
        }
        byte[] directoryKey = staff.directoryKey();
        try {
            List<PatientFile.Correction> corrections = new ArrayList<>();
            for (Block block : read.corrections()) {
                DemographicsCorrections.Correction correction = DemographicsCorrections.readable(block.payload())
                        .filter(readable -> readable.replaced() != null)
                        .orElseThrow(() -> new RefusedException("A correction of patient " + mrn.formatted()
                                + "'s details on their chain cannot be read. Verify the data folder."));
                corrections.add(new PatientFile.Correction(block.createdAt(), correction.by().subject(),
                        Demographics.open(directoryKey, mrn.digits(), correction.replaced())));
            }
            directory(staff, directoryKey);
            PatientDirectory names = staff.patientDirectory();
            Optional<PatientSummary> mergedInto = Optional.ofNullable(read.merges().get(mrn.digits()))
                    .flatMap(names::summaryOf);
            List<PatientSummary> alsoRecordedAs = read.merges().entrySet().stream()
                    .filter(merge -> merge.getValue().equals(mrn.digits()))
                    .map(merge -> names.summaryOf(merge.getKey())).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(summary -> summary.mrn().digits())).toList();
            return Optional.of(new PatientFile(mrn, Demographics.open(directoryKey, mrn.digits(),
                    read.row().get().sealedDemographics()), corrections, mergedInto, alsoRecordedAs));
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    /**
     * The registration slip of a patient as PDF ({@link RegistrationSlipPdf}): the clinic's name, the
     * patient's name as the directory holds it today, the MRN and its QR code, today's date.
     */
    public byte[] registrationSlip(Session staff, MedicalRecordNumber mrn, PaperSize paper) {
        PatientDetails details = patientDetails(staff, mrn).orElseThrow(() ->
                new RefusedException("There is no patient " + mrn.formatted() + "."));
        String clinicName = database.read("read the clinic's name", work -> clinics.find(work))
                .map(ClinicProfile::name).orElse("");
        return RegistrationSlipPdf.render(clinicName, details.name(), mrn,
                LocalDate.ofInstant(clock.instant(), clock.getZone()), paper);
    }

    /**
     * Corrects a patient's demographics: the row gets the new version, sealed as at registration,
     * and a demographics-corrected event on the patient's chain and the signer's carries the version
     * it replaced (sealed, on the patient's chain only) and commits to the new one; one write, in
     * which the version replaced is read, so two desks correcting at once keep both in the history.
     *
     * @param staff a receptionist or an administrator
     * @throws InvalidInputException for details no registration would accept, or no change at all
     */
    public PatientFile correctPatient(Session staff, MedicalRecordNumber mrn, PatientDetails corrected) {
        requireMayRegister(staff, null);
        checkDetails(corrected);
        ChainId chain = new ChainId(PartyKind.PATIENT, mrn.digits());
        byte[] directoryKey = staff.directoryKey();
        try {
            byte[] sealed = Demographics.seal(directoryKey, mrn, corrected, random);
            database.write("correct the patient's details", work -> {
                PatientRow row = patients.find(work, mrn.digits()).orElseThrow(() ->
                        new RefusedException("There is no patient " + mrn.formatted() + "."));
                if (Demographics.open(directoryKey, mrn.digits(), row.sealedDemographics()).equals(corrected)) {
                    throw new InvalidInputException("Nothing was changed: the details are as they were.");
                }
                patients.update(work, new PatientRow(mrn.digits(), sealed));
                byte[] own = Demographics.sealForPatient(recipients.of(work, chain), mrn, corrected, random);
                return ledger.append(work, EventSpec.between(BlockKind.DEMOGRAPHICS_CORRECTED,
                        staff.keys().signingKey(), staff.chain(),
                        DemographicsCorrections.staffPayload(chain, staff.chain(), row.sealedDemographics(), sealed),
                        chain, DemographicsCorrections.patientPayload(chain, staff.chain(), row.sealedDemographics(),
                                sealed, own)));
            });
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
        LOG.info("Patient {}'s details corrected by {}", mrn, staff.username());
        return patientFile(staff, mrn).orElseThrow();
    }

    /**
     * The patient's own details, as the newest registration, correction or key recovery on their
     * chain sealed them for the patient: what a patient, who holds no directory key, may read of
     * themselves. Empty when that block carries no copy (written before copies were) or it does not
     * open with the keys the patient signs in with.
     *
     * @throws RefusedException for anyone but the patient
     */
    public Optional<PatientDetails> ownDetails(Session patient) {
        patient.use(clock.instant());
        if (patient.role() != Role.PATIENT) {
            throw new RefusedException("Only the patient reads their own copy of their details; staff read the "
                    + "directory.");
        }
        ChainId chain = patient.chain();
        List<Block> blocks = database.read("read the patient's own details", work -> ledger.blocksOfKind(work, chain,
                BlockKind.REGISTRATION, BlockKind.DEMOGRAPHICS_CORRECTED, BlockKind.KEY_RECOVERED));
        return (blocks.isEmpty() ? Optional.<Block>empty() : Optional.of(blocks.get(blocks.size() - 1)))
                .flatMap(OwnDetails::of)
                .flatMap(own -> Demographics.openAsPatient(patient.keys(), chain.subject(), own));
    }

    /** Everything the desk recorded about one patient, contact included; empty when there is no such patient. */
    public Optional<PatientDetails> patientDetails(Session staff, MedicalRecordNumber mrn) {
        staff.use(clock.instant());
        requireStaff(staff);
        Optional<PatientRow> row = database.read("read the directory", work -> patients.find(work, mrn.digits()));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        byte[] directoryKey = staff.directoryKey();
        try {
            return Optional.of(Demographics.open(directoryKey, row.get().mrn(), row.get().sealedDemographics()));
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    private static void requireStaff(Session session) {
        if (!session.role().isStaff()) {
            throw new RefusedException("Only the clinic's staff can search the directory of patients.");
        }
    }

    /** What a query asks for: an MRN, a date of birth, or else words of a name. */
    static Predicate<PatientDirectory.Entry> matcher(String query) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("Enter part of a name, an MRN or a date of birth (YYYY-MM-DD) to search for.");
        }
        if (text.codePointCount(0, text.length()) > PatientDetails.MAX_LENGTH) {
            throw new InvalidInputException("The search is too long: at most " + PatientDetails.MAX_LENGTH
                    + " characters.");
        }
        if (MedicalRecordNumber.looksLikeOne(text)) {
            MedicalRecordNumber mrn = MedicalRecordNumber.parse(text);
            return entry -> entry.mrn().equals(mrn);
        }
        if (DATE_SHAPE.matcher(text).matches()) {
            LocalDate dateOfBirth = PatientDetails.parseDateOfBirth(text);
            return entry -> entry.details().dateOfBirth().equals(dateOfBirth);
        }
        if (PARTIAL_NUMBER.matcher(text).matches()) {
            String digits = text.replace("-", "").replace(" ", "");
            String nameKey = Demographics.searchKey(text);
            return entry -> entry.mrn().digits().contains(digits)
                    || entry.born().startsWith(text)
                    || entry.nameKey().contains(nameKey);
        }
        String key = Demographics.searchKey(text);
        if (key.isEmpty()) {
            throw new InvalidInputException("Enter part of a name, an MRN or a date of birth (YYYY-MM-DD) to search for.");
        }
        String[] words = key.split(" ");
        return entry -> {
            for (String word : words) {
                if (!entry.nameKey().contains(word)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * The session's decrypted directory, read again only when a patient was registered or corrected
     * since (the stamp and the rows are read in one transaction, so they agree).
     */
    private List<PatientDirectory.Entry> directory(Session session, byte[] directoryKey) {
        PatientDirectory cache = session.patientDirectory();
        record Read(String stamp, List<PatientDirectory.Entry> held, List<PatientRow> rows, Map<String, String> merges) {
        }
        Read read = database.read("read the directory", work -> {
            String stamp = patients.directoryStamp(work);
            Optional<List<PatientDirectory.Entry>> held = cache.ifUnchanged(stamp);
            return held.isPresent() ? new Read(stamp, held.get(), null, null)
                    : new Read(stamp, null, patients.all(work), merges(work));
        });
        if (read.held() != null) {
            return read.held();
        }
        return cache.refresh(read.stamp(), read.rows(), read.merges(),
                (mrn, sealed) -> Demographics.open(directoryKey, mrn, sealed));
    }

    /** Every merge the ledger holds, as the directory keeps them: the duplicate's MRN digits to the survivor's. */
    private Map<String, String> merges(UnitOfWork work) {
        Map<String, String> merges = new HashMap<>();
        ledger.patientMerges(work).forEach((chain, merged) -> merges.put(chain.subject(),
                merged.merge().into().subject()));
        return merges;
    }
}
