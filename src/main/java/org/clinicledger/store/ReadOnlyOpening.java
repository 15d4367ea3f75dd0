package org.clinicledger.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a database is opened to be read without writing a byte into its folder (decision 0017).
 * SQLite's plain read-only mode is not enough: for a database in WAL mode it creates the
 * {@code -wal} and {@code -shm} files when they are missing (and leaves them behind), and it writes
 * its read marks into an existing {@code -shm}. So the way depends on what lies beside the database:
 *
 * <ul>
 *   <li>a {@code -wal} and its {@code -shm}: {@code mode=ro&readonly_shm=1}. Committed transactions
 *       may still be in the log, so it must be read; SQLite opens the index read-only and, when no
 *       writer keeps it up to date, rebuilds it in its own memory from the log. A process working in
 *       the folder at the same time is safe: SQLite takes its usual locks.</li>
 *   <li>no {@code -wal}, or an empty one without its {@code -shm}: {@code immutable=1}. Everything
 *       committed is in the database file; SQLite reads it without locks and without looking for the
 *       log. Taking no locks is safe only while nobody writes, so the file's size, modification time
 *       and identity are taken now and {@link #unchanged()} tells whether they still hold after each
 *       read: a process that starts working in the folder meanwhile writes its log first and the
 *       database only when it folds the log in, which the reader then notices and refuses.</li>
 *   <li>a log with content but no {@code -shm}: refused. It cannot be read without building the
 *       index in the folder, and reading the database alone would miss committed work.</li>
 * </ul>
 */
final class ReadOnlyOpening {

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 100;
    /** Byte 19 of the header, the read version: 2 for a database in WAL mode. */
    private static final int READ_VERSION_OFFSET = 19;

    private final Path file;
    private final boolean immutable;
    private final String journalMode;
    private final Snapshot snapshot;

    private record Snapshot(long size, long modifiedNanos, Object fileKey) {
    }

    private ReadOnlyOpening(Path file, boolean immutable, String journalMode, Snapshot snapshot) {
        this.file = file;
        this.immutable = immutable;
        this.journalMode = journalMode;
        this.snapshot = snapshot;
    }

    /** Looks at the database file and what lies beside it, and chooses; reads only. */
    static ReadOnlyOpening choose(Path file) throws StoreException {
        String journalMode = journalModeFromHeader(file);
        Path wal = sibling(file, "-wal");
        Path shm = sibling(file, "-shm");
        boolean hasLog = Files.exists(wal, LinkOption.NOFOLLOW_LINKS);
        boolean hasIndex = Files.exists(shm, LinkOption.NOFOLLOW_LINKS);
        if (hasLog && hasIndex) {
            return new ReadOnlyOpening(file, false, journalMode, null);
        }
        if (hasLog && size(wal) > 0) {
            throw new StoreException(file + " has a write-ahead log (" + wal.getFileName() + ") without its index ("
                    + shm.getFileName() + "), which cannot be read without writing into the folder. Open the folder "
                    + "to work in once, or copy the database with both files. It was only read and left unchanged.");
        }
        return new ReadOnlyOpening(file, true, journalMode, snapshot(file));
    }

    /** The {@code file:} URI SQLite opens, with the parameters chosen above. */
    String uri() {
        return file.toUri() + (immutable ? "?mode=ro&immutable=1" : "?mode=ro&readonly_shm=1");
    }

    /** What the header says, as {@code PRAGMA journal_mode} would name it: an immutable reader cannot ask SQLite. */
    String journalMode() {
        return journalMode;
    }

    /** Whether the database file is still the one that was opened without locks; always true with locks. */
    boolean unchanged() {
        if (!immutable) {
            return true;
        }
        try {
            return snapshot.equals(snapshot(file));
        } catch (StoreException e) {
            return false;
        }
    }

    private static Snapshot snapshot(Path file) throws StoreException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Snapshot(attributes.size(), attributes.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                    + attributes.lastModifiedTime().toInstant().getNano(), Objects.requireNonNullElse(attributes.fileKey(), ""));
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file + ": " + DataFolder.describe(e), e);
        }
    }

    private static String journalModeFromHeader(Path file) throws StoreException {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(HEADER_SIZE);
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file + ": " + DataFolder.describe(e), e);
        }
        if (header.length == 0) {
            throw new StoreException(file + " is an empty file: no clinic has been set up in it yet. "
                    + "It was only read and left unchanged.");
        }
        if (header.length < HEADER_SIZE || !Arrays.equals(header, 0, SQLITE_MAGIC.length, SQLITE_MAGIC, 0,
                SQLITE_MAGIC.length)) {
            throw new StoreException(file + " is not a ClinicLedger database (it is not a readable SQLite file). "
                    + "It was only read and left unchanged.");
        }
        return header[READ_VERSION_OFFSET] == 2 ? "wal" : "delete";
    }

    private static long size(Path file) throws StoreException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file + ": " + DataFolder.describe(e), e);
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
