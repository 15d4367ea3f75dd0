package org.clinicledger.exchange;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.clinicledger.crypto.SignedNote;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ExportVerdict;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.ledger.ChainVerifier;
import org.clinicledger.ledger.Checkpoints;
import org.clinicledger.ledger.TableVerifier;
import org.clinicledger.ledger.VaultVerifier;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.DataFolder;
import org.clinicledger.store.Database;
import org.clinicledger.store.StoreException;
import org.clinicledger.store.TableRows;
import org.clinicledger.store.Vault;

/**
 * An export file read into a staging folder of its own (a database and a vault, owner-only),
 * where it is verified as strictly as a data folder before anything touches the folder it is
 * meant for: the file's structure and digest as it streams in ({@link ExportReader}), then every
 * chain, head, checkpoint, row and file ({@link ChainVerifier#partial}, {@link TableVerifier},
 * {@link VaultVerifier}), then the trailer's signature by the machine the header names, which the
 * clinic key must vouch for. Closing it removes the staging folder.
 */
public final class StagedExport implements AutoCloseable {

    private final Path folder;
    private final Database database;
    private final Vault vault;
    private final ExportHeader header;
    private final ExportTrailer trailer;
    private final Optional<MachineGrant> machine;
    private final long bytes;

    private StagedExport(Path folder, Database database, Vault vault, ExportHeader header, ExportTrailer trailer,
            Optional<MachineGrant> machine, long bytes) {
        this.folder = folder;
        this.database = database;
        this.vault = vault;
        this.header = header;
        this.trailer = trailer;
        this.machine = machine;
        this.bytes = bytes;
    }

    /**
     * Reads {@code file} into a new staging folder {@code staging} (which must not exist).
     *
     * @throws InvalidInputException in one sentence when the file is not a whole export file
     */
    public static StagedExport read(Path file, Path staging, Progress progress, Cancel cancel) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + " does not exist.");
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read: " + e.getMessage());
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + " is a folder, not an export file.");
        }
        Database database = null;
        try {
            DataFolder stagingFolder = DataFolder.open(staging, true);
            database = Database.open(stagingFolder);
            Vault vault = new Vault(stagingFolder);
            Database db = database;
            Receiver receiver = new Receiver(vault);
            ExportTrailer trailer;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                trailer = db.write("stage an export file", work -> {
                    receiver.work = work;
                    try {
                        return ExportReader.read(in, size, receiver, progress, cancel);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return new StagedExport(staging, database, vault, receiver.header, trailer,
                    Optional.ofNullable(receiver.machine), size);
        } catch (StorageFailure e) {
            close(database, staging);
            throw ExportFile.refused("its rows do not fit the clinic's tables ("
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()) + ")");
        } catch (StoreException e) {
            close(database, staging);
            throw new IllegalStateException("Cannot make a staging folder in " + staging + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            close(database, staging);
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            throw new InvalidInputException(file + " cannot be read: " + cause.getMessage());
        } catch (RuntimeException e) {
            close(database, staging);
            throw e;
        }
    }

    /** Writes each section into the staging database and vault as it arrives. */
    private static final class Receiver implements ExportReader.Sink {
        private final Vault vault;
        private final TableRows rows = new TableRows();
        private UnitOfWork work;
        private ExportHeader header;
        private MachineGrant machine;

        Receiver(Vault vault) {
            this.vault = vault;
        }

        @Override
        public void header(ExportHeader read) {
            this.header = read;
        }

        @Override
        public void row(TableRows.Table table, Object[] values) {
            if (!rows.insert(work, table, values, TableRows.OnConflict.KEEP)) {
                throw ExportFile.refused("it holds a row of " + table.name() + " twice");
            }
        }

        @Override
        public ExportReader.FileSink file(String address, long size) {
            try {
                if (vault.contains(address)) {
                    throw ExportFile.refused("it holds the file " + address + " twice");
                }
                Vault.Incoming incoming = vault.incoming(address);
                return new ExportReader.FileSink() {
                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        try {
                            incoming.write(bytes, offset, length);
                        } catch (IOException e) {
                            close();
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public void finish() {
                        try {
                            incoming.commit();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } finally {
                            close();
                        }
                    }

                    private void close() {
                        try {
                            incoming.close();
                        } catch (IOException ignored) {
                            // the staging folder goes as a whole
                        }
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void machine(MachineGrant grant) {
            this.machine = grant;
        }
    }

    /**
     * Verifies what was staged: everything a data folder's verification checks (for a ledger that
     * holds part of the clinic), anchored to {@code expected} when given, then the trailer's
     * signature. The verdict lists every problem.
     */
    public ExportVerdict verify(ClinicFingerprint expected, Progress progress, Clock clock) {
        ChainStore chains = new ChainStore();
        VerificationReport report = new ChainVerifier(database, chains).partial().verify(progress, expected);
        List<VerificationProblem> problems = new ArrayList<>(report.problems());
        problems.addAll(new VaultVerifier(database, chains, vault).verify());
        problems.addAll(new TableVerifier(database, chains, clock).verify());
        String fingerprint = report.clinicKey() == null ? "" : report.clinicKey().value();
        if (!fingerprint.equals(header.clinic())) {
            problems.add(new VerificationProblem("export", -1, ProblemCode.EXPORT_SIGNATURE, "the file says it is of "
                    + "clinic " + header.clinic() + " but its chains are of " + (fingerprint.isEmpty() ? "no clinic key"
                            : "clinic key " + fingerprint)));
        }
        checkSignature(problems);
        problems.sort(Comparator.comparing(VerificationProblem::chain).thenComparingLong(VerificationProblem::height));
        long rows = trailer.rows();
        return new ExportVerdict(header.clinic(), header.node(), header.scope(), header.subject(), header.exportedBy(),
                header.createdAt(), report.chains(), report.blocks(), rows, trailer.files(), bytes, problems);
    }

    private void checkSignature(List<VerificationProblem> problems) {
        String node = header.node();
        Optional<BlockRow> registration = database.read("read the exporting machine's key",
                work -> new ChainStore().block(work, node, 0));
        boolean isNode = node.startsWith(PartyKind.NODE.code() + "/");
        if (!isNode || registration.isEmpty() || registration.get().subjectKey() == null) {
            problems.add(new VerificationProblem("export", -1, ProblemCode.EXPORT_SIGNATURE,
                    "the machine that signed it (" + node + ") is not among its chains"));
            return;
        }
        ClinicFingerprint clinic;
        try {
            clinic = new ClinicFingerprint(header.clinic());
        } catch (IllegalArgumentException e) {
            problems.add(new VerificationProblem("export", -1, ProblemCode.EXPORT_SIGNATURE,
                    "its header names no valid clinic fingerprint"));
            return;
        }
        try {
            SignedNote.open(trailer.note().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Checkpoints.verifierKey(clinic, registration.get().subjectKey()));
        } catch (IllegalArgumentException e) {
            problems.add(new VerificationProblem("export", -1, ProblemCode.EXPORT_SIGNATURE,
                    "its trailer is not signed by " + node + ": it was changed or signed by someone else"));
        }
    }

    public ExportHeader header() {
        return header;
    }

    public Optional<MachineGrant> machine() {
        return machine;
    }

    public Database database() {
        return database;
    }

    public Vault vault() {
        return vault;
    }

    @Override
    public void close() {
        close(database, folder);
    }

    private static void close(Database database, Path folder) {
        if (database != null) {
            database.close();
        }
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A staging folder left behind holds only what the file held, owner-only; the next import removes it.
        }
    }
}
