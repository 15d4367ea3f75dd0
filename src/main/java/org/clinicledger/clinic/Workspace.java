package org.clinicledger.clinic;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.ledger.ChainProofs;
import org.clinicledger.ledger.ChainVerifier;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.ledger.TableVerifier;
import org.clinicledger.ledger.VaultVerifier;
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
    private final AccessService access;
    private final ChainBrowser chainBrowser;
    private final Clock clock;

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
        this.access = new AccessService(database, ledger, custody, escrowKey, accounts, patientAccess, clock,
                random);
        this.chainBrowser = new ChainBrowser(database, chains, clock);
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
        return open(location, create, clock, tuning, true);
    }

    /**
     * Opens an existing data folder only to look at it (facts, verification): unlike
     * {@link #open(Path, boolean)} it does no upkeep that writes, such as removing the keys of
     * ended grants, so verifying a working copy leaves its records as they were.
     */
    public static Workspace inspect(Path location) {
        return inspect(location, Clock.systemUTC());
    }

    /** {@link #inspect(Path)} with the given clock. */
    public static Workspace inspect(Path location, Clock clock) {
        return open(location, false, clock, KeyDerivationTuning.thisMachine(), false);
    }

    private static Workspace open(Path location, boolean create, Clock clock, KeyDerivationTuning tuning,
            boolean upkeep) {
        try {
            DataFolder folder = DataFolder.open(location, create);
            Database database = Database.open(folder);
            SigningKey nodeKey = loadNodeKey(folder, create);
            if (nodeKey == null && create && isEmptyLedger(database)) {
                // A new folder: set-up registers this key, authorized by the clinic key. A copy of a
                // set-up folder gets none: a key the clinic never authorized could sign nothing.
                nodeKey = NodeIdentity.create(folder.root(), new SecureRandom());
            }
            Workspace workspace = new Workspace(folder, database, nodeKey, clock, tuning);
            if (upkeep && nodeKey != null) {
                workspace.removeExpiredAccess();
            }
            return workspace;
        } catch (StoreException e) {
            throw new UnusableDataFolderException(e.getMessage(), e);
        }
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

    /** Lets go of the database's pooled connections; the workspace is not used afterwards. */
    @Override
    public void close() {
        database.close();
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
    public AccessService access() {
        return access;
    }

    /**
     * The access events of a patient's chain (grants, revocations, referrals, emergency access),
     * each checked against who signed it: what {@link org.clinicledger.domain.AccessPolicy} decides from.
     */
    public List<AccessEvent> accessEvents(ChainId patient) {
        return database.read("read the chain " + patient, work -> ledger.accessEvents(work, patient));
    }

    /** The signed-in person's own chain, block by block. */
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
        VerificationReport report = new ChainVerifier(database, chains).verify(progress, expected);
        List<VerificationProblem> problems = new ArrayList<>(report.problems());
        problems.addAll(new VaultVerifier(database, chains, vault).verify());
        problems.addAll(new TableVerifier(database, chains, clock).verify());
        problems.sort(Comparator.comparing(VerificationProblem::chain).thenComparingLong(VerificationProblem::height));
        return new VerificationReport(report.clinicKey(), report.chains(), report.blocks(), report.signedHeads(),
                problems);
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
