package org.clinicledger.clinic;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.custody.BackupSeal;
import org.clinicledger.domain.BackupSummary;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.exchange.BackupFile;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.DataFolder;
import org.clinicledger.store.Database;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.StoreException;
import org.clinicledger.store.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backing a clinic up into one encrypted file while it is in use, and restoring such a file into an
 * empty folder (decision 0023, {@code docs/formats/backup.md}).
 *
 * <p>A backup is a consistent snapshot: SQLite copies the database in one read transaction
 * ({@link Database#snapshotInto}) into an owner-only file inside the data folder, and the vault files
 * that copy's rows name are added. Vault files are content-addressed and never change; one removed
 * after the snapshot (a record deleted meanwhile) makes the attempt start again from a new snapshot,
 * so the files always match the database. The file is written beside its target and moved into
 * place when whole; it is sealed for every administrator ({@link BackupSeal}).
 *
 * <p>A restore writes everything into a staging folder inside the chosen empty folder, checks each
 * vault file against its address, verifies the restored clinic, and only then moves it into place:
 * a damaged or foreign file leaves the folder as it was.
 */
public final class BackupService {

    /** How old the last backup may be before the window reminds an administrator. */
    public static final Duration REMINDER_AFTER = Duration.ofDays(7);
    /** How many snapshots a backup takes at most when records are deleted while it copies. */
    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String STAGING_PREFIX = ".restoring-";

    private final DataFolder folder;
    private final Database database;
    private final Vault vault;
    private final BackupSeal seal;
    private final ClinicService clinic;
    private final RollbackMemory memory;
    private final Clock clock;

    BackupService(DataFolder folder, Database database, Vault vault, BackupSeal seal, ClinicService clinic,
            RollbackMemory memory, Clock clock) {
        this.folder = folder;
        this.database = database;
        this.vault = vault;
        this.seal = seal;
        this.clinic = clinic;
        this.memory = memory;
        this.clock = clock;
    }

    /** The file name ending the window and the command suggest. */
    public static final String FILE_EXTENSION = BackupFile.EXTENSION;

    /** A backup that was written: where, how large, and what its header says. */
    public record Made(Path file, long bytes, BackupSummary summary) {
    }

    /**
     * Writes a backup of the clinic to {@code target}, for an administrator.
     *
     * @param replace whether an existing file may be replaced (the person said so)
     * @throws RefusedException when {@code administrator} is not one
     * @throws InvalidInputException in plain words when the file cannot be written where it was chosen
     */
    public Made backUp(Session administrator, Path target, boolean replace, Progress progress) {
        administrator.use(clock.instant());
        if (administrator.role() != Role.ADMINISTRATOR) {
            throw new RefusedException("Only an administrator can back the clinic up.");
        }
        Path file = target.toAbsolutePath().normalize();
        if (file.startsWith(folder.root())) {
            throw new InvalidInputException("Choose a place outside the data folder for the backup: a backup kept "
                    + "in the folder it copies is lost with it.");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(target + " is a folder; give the name of a file to write.");
        }
        if (!replace && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(target + " already exists.");
        }
        ClinicFingerprint fingerprint = clinic.fingerprint()
                .orElseThrow(() -> new RefusedException("The data folder holds no single clinic to back up."));
        for (int attempt = 1; ; attempt++) {
            try {
                Made made = attempt(file, replace, fingerprint, progress);
                try {
                    memory.rememberBackup(fingerprint, made.summary().created());
                } catch (IOException e) {
                    LOG.warn("Could not remember when the clinic was backed up: {}", e.getMessage());
                }
                LOG.info("{} backed the clinic up: {} chains, {} blocks, {} vault files, {} bytes", administrator.username(),
                        made.summary().chains(), made.summary().blocks(), made.summary().vaultFiles(), made.bytes());
                return made;
            } catch (VaultFileGone vanished) {
                if (attempt == ATTEMPTS) {
                    throw new RefusedException("A file of the vault went away while it was being copied: records "
                            + "were being deleted, or the vault is damaged. Try again; if it happens again, verify "
                            + "the data folder.");
                }
                LOG.info("A vault file went away after the snapshot (a record was deleted); taking a new snapshot");
            } catch (AccessDeniedException e) {
                throw new InvalidInputException(target + " cannot be written there: permission denied.");
            } catch (NoSuchFileException e) {
                throw new InvalidInputException("The folder of " + target + " does not exist.");
            } catch (IOException e) {
                throw new InvalidInputException("The backup could not be written to " + target + ": " + e.getMessage());
            }
        }
    }

    /** When this machine last backed the clinic up; empty when never. */
    public Optional<Instant> lastBackup() {
        return clinic.fingerprint().flatMap(memory::lastBackup);
    }

    /** Whether an administrator should be reminded: never backed up here, or not for {@link #REMINDER_AFTER}. */
    public boolean reminderDue() {
        return lastBackup().map(last -> last.plus(REMINDER_AFTER).isBefore(clock.instant())).orElse(true);
    }

    /** One snapshot and one file; a vault file gone since the snapshot ends it with {@link NoSuchFileException}. */
    private Made attempt(Path file, boolean replace, ClinicFingerprint fingerprint, Progress progress)
            throws IOException {
        progress.update(0, -1, "Taking a snapshot of the database…");
        Path snapshot = Files.createTempFile(folder.root(), ".backup-", ".db");
        Path temporary = null;
        try {
            privateFile(snapshot);
            database.snapshotInto(snapshot);
            Snapshot taken = read(snapshot);
            try (BackupSeal.Sealing sealing = taken.sealing) {
                byte[] nodeKey = nodeKey();
                try {
                    long contentBytes = Files.size(snapshot) + taken.vaultBytes + (nodeKey == null ? 0 : nodeKey.length);
                    BackupFile.Header header = new BackupFile.Header(fingerprint, clock.instant(), taken.chains,
                            taken.blocks, taken.sizes.size(), contentBytes, nodeKey != null, sealing.recipients());
                    temporary = Files.createTempFile(file.getParent(), ".clinicledger-", ".part");
                    privateFile(temporary);
                    write(temporary, header, sealing, snapshot, taken, nodeKey, progress);
                    move(temporary, file, replace);
                    temporary = null;
                    return new Made(file, Files.size(file), header.summary());
                } finally {
                    if (nodeKey != null) {
                        Arrays.fill(nodeKey, (byte) 0);
                    }
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(file + " already exists.");
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
            removeSnapshot(snapshot);
        }
    }

    /** What a snapshot holds: counts, the vault files its rows name with their sizes, and the sealing for its administrators. */
    private record Snapshot(int chains, long blocks, List<Sized> sizes, long vaultBytes, BackupSeal.Sealing sealing) {
    }

    private record Sized(String address, long size) {
    }

    private Snapshot read(Path snapshot) throws IOException {
        Database copy;
        try {
            copy = Database.openCopy(snapshot);
        } catch (StoreException e) {
            throw new IOException("the snapshot of the database cannot be read: " + e.getMessage(), e);
        }
        try {
            ChainStore chains = new ChainStore();
            RecordStore records = new RecordStore();
            record Counted(int chains, long blocks, TreeSet<String> addresses) {
            }
            Counted counted = copy.read("read the snapshot", work -> new Counted(chains.chainIds(work).size(),
                    chains.blockCount(work), new TreeSet<>(records.liveAddresses(work))));
            List<Sized> sizes = new ArrayList<>();
            long total = 0;
            for (String address : counted.addresses()) {
                long size;
                try {
                    size = vault.size(address);
                } catch (NoSuchFileException e) {
                    throw new VaultFileGone(address);
                }
                sizes.add(new Sized(address, size));
                total += size;
            }
            BackupSeal.Sealing sealing = copy.read("read the administrators", seal::begin);
            return new Snapshot(counted.chains(), counted.blocks(), sizes, total, sealing);
        } finally {
            copy.close();
        }
    }

    private void write(Path temporary, BackupFile.Header header, BackupSeal.Sealing sealing, Path snapshot,
            Snapshot taken, byte[] nodeKey, Progress progress) throws IOException {
        long total = header.contentBytes();
        long done = 0;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 128 * 1024);
            byte[] digest = BackupFile.writeHeader(file, header);
            // The sealing stream closes what it writes into: the channel stays open to be forced.
            OutputStream sealed = sealing.seal(new FilterOutputStream(file) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            }, digest);
            BackupFile.ContentWriter content = new BackupFile.ContentWriter(sealed);
            progress.update(done, total, "Backing up the database…");
            try (InputStream in = Files.newInputStream(snapshot)) {
                content.database(Files.size(snapshot), in);
            }
            done += Files.size(snapshot);
            for (Sized each : taken.sizes()) {
                progress.update(done, total, "Backing up the encrypted files…");
                try (InputStream in = openVaultFile(each.address())) {
                    HashingStream hashing = new HashingStream(in);
                    content.vaultFile(each.address(), each.size(), hashing);
                    if (!MessageDigest.isEqual(hashing.digest(), Hex.decode(each.address()))) {
                        throw new RefusedException("The encrypted file " + each.address() + " in the vault was "
                                + "changed: it no longer matches its name. Verify the data folder.");
                    }
                }
                done += each.size();
            }
            if (nodeKey != null) {
                content.nodeKey(nodeKey);
            }
            content.end();
            sealed.close();
            file.flush();
            channel.force(true);
            progress.update(total, total, "Backup written.");
        }
    }

    private InputStream openVaultFile(String address) throws IOException {
        try {
            return vault.open(address);
        } catch (NoSuchFileException e) {
            throw new VaultFileGone(address);
        }
    }

    /** The node key file's bytes, which the caller wipes; null when this copy of the folder has none. */
    private byte[] nodeKey() throws IOException {
        Path file = folder.root().resolve(NodeIdentity.FILE_NAME);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) BackupFile.MAX_NODE_KEY_BYTES + 1);
            if (bytes.length > BackupFile.MAX_NODE_KEY_BYTES) {
                Arrays.fill(bytes, (byte) 0);
                throw new RefusedException(file + " does not hold a node key: it is far too large.");
            }
            return bytes;
        }
    }

    private static void removeSnapshot(Path snapshot) {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(snapshot.resolveSibling(snapshot.getFileName() + suffix));
            } catch (IOException e) {
                LOG.warn("Could not remove the database snapshot {}: {}", snapshot, e.getMessage());
            }
        }
    }

    /** Counts a stream's SHA-256 while it is read. */
    private static final class HashingStream extends InputStream {
        private final InputStream in;
        private final Sha256 sha = new Sha256();

        HashingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int read = in.read();
            if (read >= 0) {
                sha.update((byte) read);
            }
            return read;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = in.read(bytes, offset, length);
            if (read > 0) {
                sha.update(bytes, offset, read);
            }
            return read;
        }

        byte[] digest() {
            return sha.finish();
        }
    }

    // ---- restoring

    /** A restored folder: what the backup said, and the verification of what was restored. */
    public record Restored(Path folder, BackupSummary summary, VerificationReport report) {
    }

    /**
     * What the file at {@code file} says it is, read from its header alone (no password).
     *
     * @throws InvalidInputException when it is missing, unreadable, not a backup or damaged
     */
    public static BackupSummary describe(Path file) {
        return header(file).summary();
    }

    private static BackupFile.Header header(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return BackupFile.readHeader(in).header();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("There is no file " + file + ".");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Refuses a folder to restore into unless it is missing or empty: restoring never mixes with,
     * or replaces, anything.
     *
     * @throws RefusedException when it is a file or holds anything
     */
    public static void requireEmptyFolder(Path target) {
        Path folder = target.toAbsolutePath().normalize();
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException(folder + " is not a folder: restore into an empty folder.");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new RefusedException(folder + " is not empty: restore only into an empty or new folder.");
            }
        } catch (IOException e) {
            throw new RefusedException("Cannot read the folder " + folder + ": " + e.getMessage());
        }
    }

    /**
     * Restores the backup at {@code file} into {@code target}, which must be missing or empty, opened
     * with the password of {@code administrator} as it was when the backup was made. Nothing is left
     * in {@code target} unless the whole backup opened, every vault file matched its address and the
     * restored clinic verified.
     *
     * @throws RefusedException when {@code target} is not empty
     * @throws LoginFailedException when the administrator is not among those who can open it, or the password is wrong
     * @throws InvalidInputException when the file is not a backup, or was changed, cut short or extended
     */
    public static Restored restore(Path file, Path target, String administrator, char[] password, Progress progress) {
        BackupFile.Header described = header(file);
        Path destination = target.toAbsolutePath().normalize();
        requireEmptyFolder(destination);
        BackupFile.Recipient recipient = described.recipient(administrator).orElseThrow(() -> new LoginFailedException(
                administrator + " cannot open this backup; it opens for " + described.recipients().stream()
                        .map(BackupFile.Recipient::username).collect(Collectors.joining(", "))
                        + " (each with the password they had when it was made)."));
        progress.update(0, -1, "Opening the backup…");
        byte[] key = BackupSeal.openKey(recipient, password);
        Path staging = null;
        try {
            // Beside the folder, not in it: a refused file leaves the folder as it was, its times included.
            Files.createDirectories(destination.getParent());
            staging = destination.resolveSibling(STAGING_PREFIX + destination.getFileName() + "-"
                    + Long.toHexString(System.nanoTime()));
            createPrivateFolder(staging);
            BackupFile.Header header = unpack(file, staging, key, progress);
            VerificationReport report = verifyRestored(staging, header, progress);
            progress.update(0, -1, "Writing the restored clinic to disk…");
            new Vault(DataFolder.open(staging, false)).force();
            moveInto(staging, destination);
            staging = null;
            LOG.info("Restored a backup of the clinic {} made {} into {}", header.clinic().value(), header.created(),
                    destination);
            return new Restored(destination, header.summary(), report);
        } catch (IOException | StoreException e) {
            throw new InvalidInputException("The backup could not be restored into " + destination + ": "
                    + e.getMessage());
        } finally {
            Arrays.fill(key, (byte) 0);
            if (staging != null) {
                removeTree(staging);
            }
        }
    }

    /** Opens and writes the content into {@code staging}, refusing a file changed, cut short or extended. */
    private static BackupFile.Header unpack(Path file, Path staging, byte[] key, Progress progress) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 128 * 1024)) {
            BackupFile.Framed framed = BackupFile.readHeader(in);
            BackupFile.Header header = framed.header();
            DataFolder restored = DataFolder.open(staging, true);
            Vault vault = new Vault(restored);
            try (InputStream opened = BackupSeal.open(in, key, framed.digest())) {
                BackupFile.ContentReader reader = new BackupFile.ContentReader(opened, header);
                long done = 0;
                for (BackupFile.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                    progress.update(done, header.contentBytes(), "Restoring the clinic…");
                    switch (entry.kind()) {
                        case DATABASE -> writePrivate(restored.databaseFile(), reader.content());
                        case VAULT_FILE -> vault.putStream(entry.address(), reader.content());
                        case NODE_KEY -> writePrivate(staging.resolve(NodeIdentity.FILE_NAME), reader.content());
                    }
                    done += entry.size();
                }
            } catch (IOException e) {
                throw new InvalidInputException("This ClinicLedger backup is damaged or was changed: " + e.getMessage()
                        + ". Nothing was restored.");
            }
            if (header.nodeKey()) {
                try {
                    NodeIdentity.load(staging);
                } catch (IllegalStateException e) {
                    throw new InvalidInputException("This ClinicLedger backup is damaged: its node key is not one.");
                }
            }
            return header;
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The restored clinic must be the one the header names, and verify. */
    private static VerificationReport verifyRestored(Path staging, BackupFile.Header header, Progress progress) {
        progress.update(0, -1, "Verifying the restored clinic…");
        try {
            // A backup made by an earlier version is brought to this version's schema first, as opening it would.
            Database.open(DataFolder.open(staging, false)).close();
        } catch (StoreException e) {
            throw new InvalidInputException("This ClinicLedger backup does not hold a usable clinic: " + e.getMessage());
        }
        try (Workspace restored = Workspace.inspect(staging)) {
            VerificationReport report = restored.verify(progress, header.clinic());
            if (!report.ok()) {
                throw new InvalidInputException("The clinic in this backup does not verify (" + report.changes().size()
                        + " problems, the first: " + report.changes().get(0) + "). Nothing was restored.");
            }
            return report;
        } catch (UnusableDataFolderException e) {
            throw new InvalidInputException("This ClinicLedger backup does not hold a usable clinic: " + e.getMessage());
        }
    }

    /**
     * Puts what was staged in place: renamed as a whole when the folder does not exist yet, else each
     * entry moved into the empty folder (the database last: a folder cut short by a crash then holds
     * no database and is refused as foreign, never opened as a clinic with files missing).
     */
    private static void moveInto(Path staging, Path destination) throws IOException {
        if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
        } else {
            requireEmptyFolder(destination);
            List<Path> entries;
            try (Stream<Path> listed = Files.list(staging)) {
                entries = listed.sorted(Comparator.comparing((Path path) -> path.getFileName().toString()
                        .equals(DataFolder.DATABASE_FILE))).toList();
            }
            for (Path entry : entries) {
                Files.move(entry, destination.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.delete(staging);
            if (POSIX) {
                Files.setPosixFilePermissions(destination, PosixFilePermissions.fromString("rwx------"));
            }
        }
        for (Path folder : List.of(destination, destination.getParent())) {
            try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // Windows cannot open a directory as a channel; NTFS journals the rename itself.
            }
        }
    }

    private static void writePrivate(Path file, InputStream bytes) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 128 * 1024)) {
            bytes.transferTo(out);
            out.flush();
            channel.force(true);
        }
    }

    private static void privateFile(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void createPrivateFolder(Path folder) throws IOException {
        if (POSIX) {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(folder);
        }
    }

    /** Moves the written file into place; an existing one is replaced only when asked. */
    private static void move(Path temporary, Path file, boolean replace) throws IOException {
        List<StandardCopyOption> options = new ArrayList<>(List.of(StandardCopyOption.ATOMIC_MOVE));
        if (replace) {
            options.add(StandardCopyOption.REPLACE_EXISTING);
        } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.move(temporary, file, options.toArray(StandardCopyOption[]::new));
        try (FileChannel channel = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        }
    }

    /** Removes a folder this restore made, not following links. */
    private static void removeTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove {} after a restore that did not finish: {}", root, e.getMessage());
        }
    }

    /** A vault file named by the snapshot went away before it was copied: a record deleted meanwhile. */
    private static final class VaultFileGone extends IOException {
        private static final long serialVersionUID = 1L;

        VaultFileGone(String address) {
            super("the vault file " + address + " went away", null);
        }
    }
}
