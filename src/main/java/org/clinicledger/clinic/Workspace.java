package org.clinicledger.clinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.clinicledger.custody.BackupSeal;
import org.clinicledger.custody.ClinicKeys;
import org.clinicledger.custody.EscrowKey;
import org.clinicledger.custody.RecipientKeys;
import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.ledger.ChainProofs;
import org.clinicledger.ledger.ChainVerifier;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.ledger.RollbackCheck;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.ledger.TableVerifier;
import org.clinicledger.ledger.VaultVerifier;
import org.clinicledger.ledger.Witnesses;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.ClinicDao;
import org.clinicledger.store.DataFolder;
import org.clinicledger.store.Database;
import org.clinicledger.store.PatientStore;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.StoreException;
import org.clinicledger.store.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An opened data folder and the services that work on it: what both the window and the
 * command line hold while they run.
 */
public final class Workspace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    /** The system property that overrides {@link #LEFTOVER_GRACE}. */
    public static final String LEFTOVER_GRACE_PROPERTY = "clinicledger.leftoverGrace";
    /** How old a file no record references must be before opening the folder removes it (decision 0017). */
    public static final Duration LEFTOVER_GRACE = Duration.ofHours(1);

    private final DataFolder folder;
    private final Database database;
    private final ChainStore chains = new ChainStore();
    private final ClinicService clinic;
    private final Ledger ledger;
    private final SigningKey nodeKey;
    private final AccountService accounts;
    private final RegistrationService registrations;
    private final Vault vault;
    private final RecordService records;
    private final ReceiptService receipts;
    private final AccessService access;
    private final ChainBrowser chainBrowser;
    private final DoctorDesk doctorDesk;
    private final FhirService fhir;
    private final Clock clock;
    private final RollbackMemory rollbackMemory;
    /** What this machine's memory found when the folder was opened to work in; empty when nothing, or inspected. */
    private volatile List<VerificationProblem> rollbackFindings = List.of();
    private boolean working;
    private final KeyRecovery keyRecovery;
    private final ExchangeService exchange;
    private final BackupService backups;
    private final WitnessService witnesses;

    private Workspace(DataFolder folder, Database database, SigningKey nodeKey, Clock clock, KeyDerivationTuning tuning) {
        this.folder = folder;
        this.database = database;
        this.nodeKey = nodeKey;
        this.clock = clock;
        ClinicDao clinicDao = new ClinicDao();
        this.ledger = new Ledger(nodeKey, clock);
        this.clinic = new ClinicService(database, clinicDao, ledger, clock);
        SecureRandom random = new SecureRandom();
        AccountStore accountStore = new AccountStore();
        RecipientKeys recipientKeys = new RecipientKeys(ledger, accountStore);
        EscrowKey escrowKey = new EscrowKey(accountStore, recipientKeys, random);
        ClinicKeys clinicKeys = new ClinicKeys(accountStore, recipientKeys, escrowKey, random);
        PasswordCosts costs = new PasswordCosts(database, accountStore, tuning);
        this.accounts = new AccountService(database, clinicDao, ledger, clinicKeys, escrowKey, costs, clock, random);
        this.registrations = new RegistrationService(database, costs, ledger, clock, random);
        this.vault = new Vault(folder);
        RecordCustody custody = new RecordCustody(vault, new RecordStore(), recipientKeys, random);
        PatientAccess patientAccess = new PatientAccess(ledger, new PatientStore(), custody, clock);
        this.records = new RecordService(database, ledger, custody, patientAccess, clock, random,
                RecordService.DEFAULT_ATTACHMENT_LIMIT);
        ChainProofs proofs = new ChainProofs(database, chains);
        this.receipts = new ReceiptService(database, records, clinic, proofs);
        this.fhir = new FhirService(database, ledger, records, patientAccess, proofs, clinic, accounts, registrations,
                clock);
        this.access = new AccessService(database, ledger, custody, escrowKey, accounts, patientAccess, clock,
                random);
        this.keyRecovery = new KeyRecovery(database, accountStore, ledger, clinicKeys, escrowKey, accounts, custody,
                costs, clock, random);
        this.chainBrowser = new ChainBrowser(database, chains, clock, records, accounts, registrations);
        this.doctorDesk = new DoctorDesk(database, chains, ledger, registrations, accounts, records, clock);
        this.rollbackMemory = new RollbackMemory(RollbackMemory.resolveStateFolder(), folder.root(),
                new RollbackCheck(database, chains), clock);
        this.backups = new BackupService(folder, database, vault, new BackupSeal(accountStore, recipientKeys, random),
                clinic, rollbackMemory, clock);
        this.witnesses = new WitnessService(database, new Witnesses(clock), nodeKey, this::rollbackFindings);
        this.exchange = new ExchangeService(folder.root(), database, ledger, vault, patientAccess, witnesses, clock,
                random);
    }

    /**
     * Opens the data folder at {@code location}. With {@code create}, a missing or empty folder is
     * set up as a new one and this machine gets its node key and node chain if it has none; without
     * it, nothing new is written (verification of a copied folder needs no key).
     */
    public static Workspace open(Path location, boolean create) {
        return open(location, create, Clock.systemUTC());
    }

    public static Workspace open(Path location, boolean create, Clock clock) {
        return open(location, create, clock, KeyDerivationTuning.thisMachine());
    }

    /**
     * Opens the data folder with the given clock and the given way of choosing the password cost
     * at set-up: the application measures this machine, tests pass a fixed cost.
     */
    public static Workspace open(Path location, boolean create, Clock clock, KeyDerivationTuning tuning) {
        Workspace workspace = openBeforeUpkeep(location, create, clock, tuning);
        workspace.upkeep();
        return workspace;
    }

    /**
     * {@link #open(Path, boolean)} without the upkeep, which the caller runs later by {@link #upkeep}:
     * the window shows first and tidies the folder in the background. The comparison with this
     * machine's memory is done here all the same, before anything else reads or writes the folder,
     * so a rolled-back folder is known as such ({@link #rollbackFindings}) before it can be used.
     */
    public static Workspace openBeforeUpkeep(Path location, boolean create) {
        return openBeforeUpkeep(location, create, Clock.systemUTC(), KeyDerivationTuning.thisMachine());
    }

    private static Workspace openBeforeUpkeep(Path location, boolean create, Clock clock, KeyDerivationTuning tuning) {
        Workspace workspace = openToWrite(location, create, clock, tuning);
        workspace.working = true;
        workspace.rollbackFindings = workspace.compareWithMemory();
        return workspace;
    }

    /**
     * The upkeep that opening a folder to work in does: destroying the key copies of grants that
     * ended and removing the files a crash left in the vault. Nothing at all on a folder this
     * machine's memory finds rolled back (an older database does not name the files of what was
     * written since: removing them as leftovers would destroy what putting the newest copy back
     * restores), nor on one opened only to read. A failure only delays it.
     */
    public void upkeep() {
        if (!working || !rollbackFindings.isEmpty()) {
            return;
        }
        if (nodeKey != null) {
            removeExpiredAccess();
        }
        removeLeftovers(leftoverGrace());
    }

    /**
     * Opens an existing data folder only to look at it (facts, verification): unlike
     * {@link #open(Path, boolean)} it does no upkeep that writes, such as removing the keys of
     * ended grants, so verifying a working copy leaves its records as they were.
     */
    public static Workspace inspect(Path location) {
        return inspect(location, Clock.systemUTC());
    }

    /**
     * {@link #inspect(Path)} with the given clock. The folder is only read: SQLite opens the
     * database so that it writes nothing (see {@link Database#openReadOnly}), no migration runs,
     * no node key is read and nothing is logged into the folder, so a read-only copy, a folder
     * without {@code node.key} and another program's file all stay byte for byte as they were.
     */
    public static Workspace inspect(Path location, Clock clock) {
        try {
            DataFolder folder = DataFolder.inspect(location);
            return new Workspace(folder, Database.openReadOnly(folder), null, clock, KeyDerivationTuning.thisMachine());
        } catch (StoreException e) {
            throw new UnusableDataFolderException(e.getMessage(), e);
        }
    }

    /**
     * Opens a new, empty folder to receive a replica of a clinic ({@link ExchangeService#startReplica}):
     * like {@link #open}, but it makes no node key, as the replica's comes in the export.
     */
    static Workspace receiving(Path location) {
        try {
            DataFolder folder = DataFolder.open(location, true);
            return new Workspace(folder, Database.open(folder), null, Clock.systemUTC(), KeyDerivationTuning.thisMachine());
        } catch (StoreException e) {
            throw new UnusableDataFolderException(e.getMessage(), e);
        }
    }

    /**
     * Makes a throwaway ledger in {@code location} for measurements: like a working folder, but
     * without upkeep, and neither compared with nor remembered in this machine's memory of the
     * clinic's chains.
     */
    static Workspace scratch(Path location) {
        return openToWrite(location, true, Clock.systemUTC(), KeyDerivationTuning.thisMachine());
    }

    private static Workspace openToWrite(Path location, boolean create, Clock clock, KeyDerivationTuning tuning) {
        try {
            DataFolder folder = DataFolder.open(location, create);
            Database database = Database.open(folder);
            SigningKey nodeKey = loadNodeKey(folder, create);
            if (nodeKey == null && create && isEmptyLedger(database)) {
                // A new folder: set-up registers this key, authorized by the clinic key. A copy of a
                // set-up folder gets none: a key the clinic never authorized could sign nothing.
                nodeKey = NodeIdentity.create(folder.root(), new SecureRandom());
            }
            return new Workspace(folder, database, nodeKey, clock, tuning);
        } catch (StoreException e) {
            throw new UnusableDataFolderException(e.getMessage(), e);
        }
    }

    /** Whether this workspace was opened only to read the folder ({@link #inspect}): then nothing in it changes. */
    public boolean isReadOnly() {
        return database.isReadOnly();
    }

    /** Destroys the key copies of grants that ended since the folder was last used; a failure only delays it. */
    private void removeExpiredAccess() {
        try {
            int removed = access.removeExpiredKeys();
            if (removed > 0) {
                LOG.info("Destroyed {} key copies of grants that have ended", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not destroy the key copies of ended grants now: {}", e.getMessage());
        }
    }

    /**
     * Compares the folder with this machine's memory of its chains and, when nothing is wrong,
     * remembers its newest heads. A folder that cannot even be compared is treated as one that may
     * have been rolled back: otherwise breaking a table would be a way past the comparison.
     */
    private List<VerificationProblem> compareWithMemory() {
        List<VerificationProblem> findings;
        try {
            findings = rollbackMemory.compareAndRemember();
        } catch (RuntimeException e) {
            findings = List.of(new VerificationProblem("memory", -1, ProblemCode.ROLLBACK_MEMORY, "the data folder "
                    + "could not be compared with this machine's memory of it (" + e.getMessage() + "), so a "
                    + "rollback cannot be ruled out; 'clinicledger verify' names what is wrong with the folder"));
        }
        if (!findings.isEmpty()) {
            LOG.warn("This machine's memory of the chains finds the data folder rolled back or not to be trusted: {}", findings);
        }
        return findings;
    }

    /**
     * Removes the files a crash left in the vault (see {@link Vault#leftovers}) that are older than
     * {@code grace}, and logs how many and how large. The rows are read inside a write, so no
     * record commits in between; the grace period keeps the files of a writer that has sealed them
     * but not yet committed (another process, or a window on another machine's share), which takes
     * seconds, never an hour. A failure only delays the removal.
     *
     * @return what was found and removed
     */
    public Vault.Leftovers removeLeftovers(Duration grace) {
        // Files carry the system's time, whatever clock the workspace was given.
        Instant before = Instant.now().minus(grace);
        RecordStore records = new RecordStore();
        try {
            // Looking first keeps the common case (nothing left) from taking the write lock.
            Set<String> seen = database.read("read the records' files", records::liveAddresses);
            if (vault.leftovers(seen::contains, null).files() == 0) {
                return Vault.Leftovers.NONE;
            }
            Vault.Leftovers leftovers = database.write("remove leftover files", work -> {
                Set<String> live = records.liveAddresses(work);
                try {
                    return vault.leftovers(live::contains, before);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (leftovers.removed() > 0) {
                LOG.info("Removed {} leftover files ({} bytes) that no record references", leftovers.removed(),
                        leftovers.removedBytes());
            }
            if (leftovers.files() > leftovers.removed()) {
                LOG.info("Kept {} unreferenced files younger than {} for now", leftovers.files() - leftovers.removed(),
                        grace);
            }
            return leftovers;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remove leftover files now: {}", e.getMessage());
            return Vault.Leftovers.NONE;
        }
    }

    /**
     * How old an unreferenced file must be before opening removes it: an hour, or the system
     * property {@value #LEFTOVER_GRACE_PROPERTY} as an ISO-8601 duration (tests set it to zero).
     */
    static Duration leftoverGrace() {
        String configured = System.getProperty(LEFTOVER_GRACE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return LEFTOVER_GRACE;
        }
        try {
            Duration grace = Duration.parse(configured.strip());
            if (!grace.isNegative()) {
                return grace;
            }
        } catch (DateTimeParseException e) {
            // Reported below like a negative duration.
        }
        LOG.warn("Ignoring {}={}: not an ISO-8601 duration such as PT1H", LEFTOVER_GRACE_PROPERTY, configured);
        return LEFTOVER_GRACE;
    }

    /**
     * Lets go of the database's pooled connections; the workspace is not used afterwards. A folder
     * opened to work in, and found as new as this machine saw it, has its newest heads remembered.
     */
    @Override
    public void close() {
        if (working && rollbackFindings.isEmpty()) {
            compareWithMemory();
        }
        database.close();
    }

    /**
     * What this machine's memory found when the folder was opened to work in: chains rolled back or
     * rewritten since this machine last saw them, another clinic, or a memory that cannot be read.
     * Empty when nothing was found, after an accepted rollback, and for a folder only inspected.
     */
    public List<VerificationProblem> rollbackFindings() {
        return rollbackFindings;
    }

    /**
     * Compares the folder with this machine's memory without remembering anything: what {@code verify}
     * adds to its report (see {@code docs/decisions/0016} for why it never writes the memory).
     */
    public List<VerificationProblem> compareWithMemoryOnly() {
        return rollbackMemory.compare();
    }

    /** Where this machine keeps its memory of the chains. */
    public Path rollbackMemoryFolder() {
        return rollbackMemory.stateFolder();
    }

    /**
     * An administrator accepts the folder as it is: a signed statement of what differs and why is
     * kept with this machine's memory, which then holds the folder's current heads.
     */
    public RollbackMemory.Accepted acceptRollback(Session administrator, String reason) {
        administrator.use(clock.instant());
        RollbackMemory.Accepted accepted = rollbackMemory.accept(administrator, reason);
        rollbackFindings = List.of();
        return accepted;
    }

    /**
     * This machine's node key. A damaged key file stops a writer (nothing could be signed) but not a
     * reader: verification needs no key.
     */
    private static SigningKey loadNodeKey(DataFolder folder, boolean create) {
        try {
            return NodeIdentity.load(folder.root()).orElse(null);
        } catch (IllegalStateException damaged) {
            if (create) {
                throw new UnusableDataFolderException(damaged.getMessage()
                        + ". Restore it from a backup; without it this computer cannot add to the ledger.", damaged);
            }
            LOG.warn("Ignoring a damaged node key: {}", damaged.getMessage());
            return null;
        }
    }

    private static boolean isEmptyLedger(Database database) {
        return database.read("look at the ledger", work -> new ChainStore().isEmpty(work));
    }

    /** The data folder itself. */
    public Path root() {
        return folder.root();
    }

    /** Where the log files are. */
    public Path logFolder() {
        return folder.logFolder();
    }

    public ClinicService clinic() {
        return clinic;
    }

    /** Set-up of the clinic's keys, accounts, login and passwords. */
    public AccountService accounts() {
        return accounts;
    }

    /** Registration of patients and the directory search. */
    public RegistrationService registrations() {
        return registrations;
    }

    /** Patients' records: adding, amending, deleting and reading them (attachments up to 100 MB). */
    public RecordService records() {
        return records;
    }

    /** Grants, revocations, referrals and emergency access: who may read a patient's records. */
    public ReceiptService receipts() {
        return receipts;
    }

    public AccessService access() {
        return access;
    }

    /** Key recovery for a person who forgot their password, by an administrator, on the person's chain. */
    public KeyRecovery keyRecovery() {
        return keyRecovery;
    }

    /**
     * The access events of a patient's chain (grants, revocations, referrals, emergency access),
     * each checked against who signed it: what {@link org.clinicledger.domain.AccessPolicy} decides from.
     */
    public List<AccessEvent> accessEvents(ChainId patient) {
        return database.read("read the chain " + patient, work -> ledger.accessEvents(work, patient));
    }

    /** Backing the clinic up, and when it last was. */
    public BackupService backups() {
        return backups;
    }

    /** This machine as a witness: cosigning the chains' checkpoints, and how many machines stand behind them. */
    public WitnessService witnesses() {
        return witnesses;
    }

    /** The signed-in person's own chain, block by block. */
    /** Export files, their offline check, import and replicas (decision 0022). */
    public ExchangeService exchange() {
        return exchange;
    }

    /** A patient's records as an HL7 FHIR R4 Bundle. */
    public FhirService fhir() {
        return fhir;
    }

    /** A doctor's patients and one patient's chart as a timeline (the Doctor tab). */
    public DoctorDesk doctorDesk() {
        return doctorDesk;
    }

    public ChainBrowser chainBrowser() {
        return chainBrowser;
    }

    /**
     * The database the services work on, for the benchmark and for tests of the layers below:
     * every change to it goes through a {@link Database#write}.
     */
    public Database database() {
        return database;
    }

    /** Appends events to the chains inside a unit of work; refuses when this copy of the folder has no node key. */
    public Ledger ledger() {
        return ledger;
    }

    public ChainProofs proofs() {
        return new ChainProofs(database, chains);
    }

    /** Verifies every chain and derived table; needs no password and no key. */
    public VerificationReport verify(Progress progress) {
        return verify(progress, null);
    }

    /**
     * Verifies every chain and derived table anchored to the clinic key with fingerprint
     * {@code expected} (null: the one the folder holds), so that a folder rewritten under another
     * clinic key is caught by whoever knows the clinic's fingerprint.
     */
    public VerificationReport verify(Progress progress, ClinicFingerprint expected) {
        VerificationReport report = new ChainVerifier(database, chains).ofMachine(ownNodeChain()).verify(progress, expected);
        List<VerificationProblem> problems = new ArrayList<>(report.problems());
        problems.addAll(new VaultVerifier(database, chains, vault).verify());
        problems.addAll(new TableVerifier(database, chains, clock).verify());
        problems.sort(Comparator.comparing(VerificationProblem::chain).thenComparingLong(VerificationProblem::height));
        return new VerificationReport(report.clinicKey(), report.chains(), report.blocks(), report.signedHeads(),
                problems);
    }

    /** This folder's machine chain, from its node key (read, never made); null when it has none or it is unreadable. */
    private String ownNodeChain() {
        if (nodeKey != null) {
            return new ChainId(PartyKind.NODE, nodeKey.keyId()).value();
        }
        try {
            return NodeIdentity.load(folder.root()).map(key -> {
                String chain = new ChainId(PartyKind.NODE, key.keyId()).value();
                key.destroy();
                return chain;
            }).orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    public DatabaseFacts databaseFacts() {
        return database.facts();
    }

    /** SQLite's integrity check of the database file; empty when sound. */
    public List<String> checkDatabaseIntegrity(Progress progress) {
        progress.update(0, -1, "Checking the database file…");
        List<String> problems = database.integrityProblems();
        progress.update(1, 1, problems.isEmpty() ? "The database file is sound." : "The database file has problems.");
        return problems;
    }
}
