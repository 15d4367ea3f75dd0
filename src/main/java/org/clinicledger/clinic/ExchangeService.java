package org.clinicledger.clinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.custody.ReplicaKeys;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.ExportSummary;
import org.clinicledger.domain.ExportVerdict;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.exchange.ChainMerge;
import org.clinicledger.exchange.ExportContents;
import org.clinicledger.exchange.ExportFile;
import org.clinicledger.exchange.ExportHeader;
import org.clinicledger.exchange.ExportWriter;
import org.clinicledger.exchange.MachineGrant;
import org.clinicledger.exchange.StagedExport;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.Database;
import org.clinicledger.store.Vault;

/**
 * Carrying chains between machines (decision 0022, {@code docs/formats/export.md}): export files
 * written in one consistent read, checked with nothing but the file, imported through a staging
 * folder that is verified before the data folder is touched and merged in one write, and an
 * empty folder made a replica of the clinic from an export that starts a new machine.
 */
public final class ExchangeService {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeService.class);
    private static final String STAGING_PREFIX = ".import-";
    private static final org.clinicledger.store.TableRows TABLES = new org.clinicledger.store.TableRows();

    /** How an export file's name ends, for the window's and the command line's file arguments. */
    public static final String FILE_EXTENSION = ExportFile.EXTENSION;

    private final Path root;
    private final Database database;
    private final Ledger ledger;
    private final Vault vault;
    private final PatientAccess access;
    private final WitnessService witnesses;
    private final Clock clock;
    private final SecureRandom random;

    ExchangeService(Path root, Database database, Ledger ledger, Vault vault, PatientAccess access,
            WitnessService witnesses, Clock clock, SecureRandom random) {
        this.root = root;
        this.database = database;
        this.ledger = ledger;
        this.vault = vault;
        this.access = access;
        this.witnesses = witnesses;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Writes an export of {@code scope} to {@code out}, atomically. With {@code newMachine} the
     * file also starts a replica machine: its key is made here, its chain is appended to this
     * ledger (vouched for by this machine's key) and the key is carried wrapped for the exporter.
     *
     * @throws RefusedException when {@code session} may not export {@code scope}
     */
    public ExportSummary export(Session session, ExportScope scope, boolean newMachine, Path out, boolean replace,
            Progress progress, Cancel cancel) {
        requireMayExport(session, scope);
        if (!ledger.canAppend()) {
            throw new RefusedException("This computer has no node key for this data folder, so it cannot sign an export.");
        }
        Ed25519.KeyPair replica = newMachine ? Ed25519.KeyPair.generate(random) : null;
        long[] bytes = {0};
        ExportContents.Written[] written = new ExportContents.Written[1];
        String[] replicaChain = {null};
        ChosenFile.write(out, replace, stream -> {
            Database.Work<Void> body = work -> {
                Optional<MachineGrant> machine = Optional.empty();
                if (replica != null) {
                    // In the export's own write: a cancelled or failed export starts no machine.
                    String chain = ledger.startReplica(work, new SigningKey(replica)).value();
                    machine = Optional.of(new MachineGrant(chain, session.username(),
                            ReplicaKeys.wrap(replica, session.keys(), chain, session.username(), random)));
                    replicaChain[0] = chain;
                }
                Chosen chosen = choose(work, session, scope);
                ExportHeader header = new ExportHeader(ledger.clinicFingerprint(work).value(),
                        ledger.nodeChainId().orElseThrow().value(),
                        scope.kind().name().toLowerCase(java.util.Locale.ROOT), scope.subject(), session.username(),
                        clock.instant());
                try {
                    ExportWriter writer = new ExportWriter(stream, header);
                    written[0] = ExportContents.write(work, vault, writer, chosen.chains(), chosen.patients(),
                            progress, cancel);
                    if (machine.isPresent()) {
                        writer.machine(machine.get());
                    }
                    bytes[0] = writer.finish(text -> ledger.signNote(work, text));
                    // Cancel pressed while the file was being finished still counts: nothing is moved into place.
                    cancel.check(ExportContents.CANCELLED);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            };
            // A plain export reads one consistent moment without blocking anyone; one that starts a
            // machine holds the write until the file is written, so the machine exists only with its file.
            if (replica == null) {
                database.snapshot("export the ledger", body);
            } else {
                database.write("export the ledger and start a replica machine", body);
            }
        });
        if (replicaChain[0] != null) {
            LOG.info("Account {} started replica machine {}", session.username(), replicaChain[0]);
        }
        LOG.info("Account {} exported {} ({} bytes)", session.username(), scope.kind(), bytes[0]);
        ExportContents.Written figures = written[0];
        return new ExportSummary(out, scope, bytes[0], figures.chains(), figures.blocks(), figures.records(),
                figures.files(), figures.fileBytes(), Optional.ofNullable(replicaChain[0]));
    }

    private record Chosen(Set<String> chains, Set<String> patients) {
    }

    /** The clinic's, machines' and staff chains, and the patients of {@code scope} with their chains. */
    private Chosen choose(UnitOfWork work, Session session, ExportScope scope) {
        Set<String> chains = new TreeSet<>();
        Set<String> patients = new TreeSet<>();
        for (PartyKind party : PartyKind.values()) {
            for (Block registration : ledger.registrations(work, party)) {
                String chain = registration.chain().value();
                if (party != PartyKind.PATIENT) {
                    chains.add(chain);
                    continue;
                }
                String mrn = registration.chain().subject();
                boolean chosen = switch (scope.kind()) {
                    case CLINIC -> true;
                    case PATIENT -> mrn.equals(scope.subject());
                    case DOCTOR -> access.state(work, mrn).isStanding(new ChainId(PartyKind.DOCTOR, scope.subject()).value());
                };
                if (chosen) {
                    chains.add(chain);
                    patients.add(mrn);
                }
            }
        }
        if (scope.kind() == ExportScope.Kind.PATIENT && patients.isEmpty()) {
            throw new RefusedException("There is no patient " + new MedicalRecordNumber(scope.subject()) + ".");
        }
        if (scope.kind() == ExportScope.Kind.DOCTOR
                && !chains.contains(new ChainId(PartyKind.DOCTOR, scope.subject()).value())) {
            throw new RefusedException("There is no doctor " + scope.subject() + ".");
        }
        if (scope.kind() == ExportScope.Kind.PATIENT && session.role() == Role.DOCTOR
                && !access.state(work, scope.subject()).isStanding(session.chain().value())) {
            throw new RefusedException("Access denied: " + session.username() + " has no active grant or referral for "
                    + "patient " + new MedicalRecordNumber(scope.subject()) + ".");
        }
        return new Chosen(chains, patients);
    }

    /**
     * Administrators export anything; a doctor their own patients or one of them; a patient
     * themselves. Receptionists register people but hold no records, so they export nothing.
     */
    private static void requireMayExport(Session session, ExportScope scope) {
        boolean may = switch (session.role()) {
            case ADMINISTRATOR -> true;
            case DOCTOR -> scope.kind() == ExportScope.Kind.PATIENT
                    || scope.kind() == ExportScope.Kind.DOCTOR && scope.subject().equals(session.username());
            case PATIENT -> scope.kind() == ExportScope.Kind.PATIENT && scope.subject().equals(session.username());
            case RECEPTIONIST -> false;
        };
        if (!may) {
            throw new RefusedException("Access denied: " + session.username() + " (" + session.role().code()
                    + ") may not export " + scope.describe() + ".");
        }
    }

    /**
     * Checks an export file with nothing but the file: it is read into a temporary staging folder,
     * verified there and removed. {@code expected} (or null) is the clinic fingerprint it must be of.
     */
    public static ExportVerdict verifyExport(Path file, ClinicFingerprint expected, Progress progress, Cancel cancel) {
        Path staging = temporaryStaging();
        try (StagedExport staged = StagedExport.read(file, staging, progress, cancel)) {
            return staged.verify(expected, progress, Clock.systemUTC());
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Imports {@code file} into this folder: staged and verified beside the database first, then
     * merged in one write. Anything wrong with the file, another clinic's file, and two machines
     * having appended to the same chain are refused with the folder unchanged.
     */
    public ImportSummary importFile(Session session, Path file, Progress progress, Cancel cancel) {
        if (session.isClosed()) {
            throw new RefusedException(Session.ENDED);
        }
        removeStaleStaging();
        Path staging = root.resolve(STAGING_PREFIX + Long.toUnsignedString(random.nextLong(), 36));
        try (StagedExport staged = stageAndVerify(file, staging, progress, cancel)) {
            // Refuse another clinic's file or conflicting chains without so much as taking the write lock.
            database.read("compare an export file", local -> staged.database().read("read the staged export",
                    work -> refusal(ChainMerge.plan(local, work), staged)));
            ImportSummary summary = database.write("import an export file", local -> staged.database().read(
                    "read the staged export", work -> {
                        ImportSummary merged = merge(local, work, staged, ImportSummary.Outcome.MERGED, cancel);
                        witness(local, work);
                        return merged;
                    }));
            LOG.info("Account {} imported an export of {} from {}: {} new blocks, {} new record versions",
                    session.username(), staged.header().scope(), staged.header().node(), summary.newBlocks(),
                    summary.newRecords());
            return summary;
        }
    }

    /**
     * As a witness (decision 0024), this machine cosigns the newest checkpoint of every chain the
     * file held, now that they are consistent with what it holds; a machine without a node key only
     * imports.
     */
    private void witness(UnitOfWork local, UnitOfWork staged) {
        if (!ledger.canAppend()) {
            return;
        }
        List<ChainId> chains = new ArrayList<>();
        TABLES.forEach(staged, org.clinicledger.store.TableRows.CHAINS, row -> {
            try {
                chains.add(ChainId.parse((String) row[0]));
            } catch (IllegalArgumentException malformed) {
                // verification named it; nobody cosigns it
            }
        });
        try {
            witnesses.cosignAll(local, chains);
        } catch (RefusedException notNow) {
            LOG.warn("Imported without cosigning: {}", notNow.getMessage());
        }
    }

    /** Removes staging folders an interrupted import left, once an hour old (another import may be running). */
    private void removeStaleStaging() {
        java.time.Instant before = clock.instant().minus(java.time.Duration.ofHours(1));
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.filter(path -> path.getFileName().toString().startsWith(STAGING_PREFIX)).toList()) {
                if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(entry).toInstant().isBefore(before)) {
                    emptyQuietly(entry);
                    Files.deleteIfExists(entry);
                    LOG.info("Removed a staging folder an interrupted import left");
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not look for staging folders an interrupted import left: {}", e.getMessage());
        }
    }

    private ImportSummary merge(UnitOfWork local, UnitOfWork staged, StagedExport export,
            ImportSummary.Outcome outcome, Cancel cancel) {
        ChainMerge.Plan plan = ChainMerge.plan(local, staged);
        refusal(plan, export);
        return ChainMerge.apply(local, staged, plan, vault, export.vault(), outcome, cancel);
    }

    private static Void refusal(ChainMerge.Plan plan, StagedExport export) {
        if (!plan.sameClinic()) {
            throw new RefusedException("This export is of another clinic (" + export.header().clinic()
                    + "); nothing was imported.");
        }
        if (!plan.conflicts().isEmpty()) {
            throw new ImportConflictException(plan.conflicts());
        }
        return null;
    }

    private static StagedExport stageAndVerify(Path file, Path staging, Progress progress, Cancel cancel) {
        StagedExport staged = StagedExport.read(file, staging, progress, cancel);
        try {
            ExportVerdict verdict = staged.verify(null, progress, Clock.systemUTC());
            if (!verdict.intact()) {
                VerificationProblem first = verdict.problems().stream().filter(p -> p.code().tampering()).findFirst()
                        .orElseThrow();
                throw new InvalidInputException("This export file does not verify (" + verdict.problems().size()
                        + " problem" + (verdict.problems().size() == 1 ? "" : "s") + ", first: " + first.chain()
                        + (first.height() >= 0 ? " #" + first.height() : "") + ": " + first.reason()
                        + "); nothing was imported. Run verify-export for every problem.");
            }
            return staged;
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
    }

    /**
     * Makes the empty folder {@code target} a replica of the clinic from {@code file}, which must
     * start a new machine for {@code username}: the file is staged and verified in a temporary
     * folder, merged into a new database in {@code target}, the person signs in with
     * {@code password} (which the caller wipes) to unwrap the machine's key, and the key is written.
     * On any failure {@code target} is left empty again.
     */
    public static ImportSummary startReplica(Path target, Path file, String username, char[] password,
            Progress progress, Cancel cancel) {
        requireEmptyFolder(target);
        Path staging = temporaryStaging();
        boolean done = false;
        try (StagedExport staged = stageAndVerify(file, staging, progress, cancel)) {
            MachineGrant grant = staged.machine().orElseThrow(() -> new RefusedException("This export does not start "
                    + "a new machine, so it cannot make a replica in an empty folder: export with a new machine, or "
                    + "import it into a folder that holds the clinic."));
            if (!grant.forUser().equals(username)) {
                throw new RefusedException("This export starts a machine for " + grant.forUser() + ", not for "
                        + username + ".");
            }
            ImportSummary summary;
            try (Workspace workspace = Workspace.receiving(target)) {
                ExchangeService exchange = workspace.exchange();
                summary = workspace.database().write("make a replica", local -> staged.database().read(
                        "read the staged export", work -> exchange.merge(local, work, staged,
                                ImportSummary.Outcome.REPLICA, cancel)));
            }
            try (Workspace workspace = Workspace.open(target, false);
                    Session session = workspace.accounts().login(username, password)) {
                Ed25519.KeyPair keys = ReplicaKeys.unwrap(grant.wrappedSeed(), session.keys(), grant.chain(), username);
                NodeIdentity.install(target, keys).destroy();
            }
            try (Workspace workspace = Workspace.open(target, false)) {
                workspace.witnesses().cosignEveryChain();
            } catch (RefusedException notNow) {
                LOG.warn("The replica cosigns nothing yet: {}", notNow.getMessage());
            }
            done = true;
            LOG.info("Made a replica machine {} from an export of {}", grant.chain(), staged.header().scope());
            return summary;
        } finally {
            deleteQuietly(staging);
            if (!done) {
                emptyQuietly(target);
            }
        }
    }

    private static void requireEmptyFolder(Path target) {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new InvalidInputException(target + " is a file, not a folder.");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new RefusedException(target + " is not empty: a replica is made in an empty folder only. "
                            + "To bring the file into a clinic's folder, sign in there and import it.");
                }
            } catch (IOException e) {
                throw new InvalidInputException(target + " cannot be read: " + e.getMessage());
            }
        }
    }

    private static Path temporaryStaging() {
        try {
            // Owner-only on POSIX systems; it holds only what the file holds, still encrypted.
            return Files.createTempDirectory("clinicledger-staging-").resolve("export");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a temporary folder to check the file in", e);
        }
    }

    private static void deleteQuietly(Path staging) {
        Path folder = staging.getParent();
        emptyQuietly(staging);
        try {
            Files.deleteIfExists(staging);
            if (folder != null && folder.getFileName().toString().startsWith("clinicledger-staging-")) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException ignored) {
            // owner-only and encrypted; nothing else to do
        }
    }

    private static void emptyQuietly(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                if (!path.equals(folder)) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException ignored) {
            // what could not be removed is owner-only and encrypted
        }
    }

    /** The default name of an export of {@code scope}: what it holds and the date. */
    public String suggestedName(ExportScope scope) {
        String what = switch (scope.kind()) {
            case CLINIC -> "clinic";
            case DOCTOR -> "doctor-" + scope.subject();
            case PATIENT -> "patient-" + scope.subject();
        };
        return ExportFile.withExtension(what + "-" + java.time.LocalDate.now(clock));
    }
}
