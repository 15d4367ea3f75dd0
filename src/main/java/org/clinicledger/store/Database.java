package org.clinicledger.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.domain.UnitOfWork;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one place that opens connections to the SQLite database. Every connection gets the same
 * settings: write-ahead log, full fsync on commit, foreign keys enforced, a busy timeout, and
 * temporary tables kept in memory so that nothing spills into unencrypted temp files.
 *
 * <p>Closed connections go back to a small pool rather than away: opening one costs a parse of
 * the whole schema, and closing the last one checkpoints and removes the write-ahead log, which
 * together cost more than most of the work done on them. Transactions of this process take turns
 * on a lock before SQLite's own, so that a writer waiting for another is woken as soon as it
 * finishes instead of sleeping through SQLite's busy back-off. {@link #close()} closes the pool.
 *
 * <p>A database opened with {@link #openReadOnly(DataFolder)} gets read-only connections that
 * write nothing into the folder, not even SQLite's own files (decision 0017).
 */
public final class Database implements AutoCloseable {

    /** Written into the SQLite header so that a database of ours is recognised as such ("CLLG"). */
    public static final int APPLICATION_ID = 0x434C4C47;
    public static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /** Idle connections kept for reuse; more than the threads that usually work at once is waste. */
    static final int MAX_IDLE_CONNECTIONS = 2;

    private final Path file;
    private final String url;
    private final int schemaVersion;
    /** Null for a working database; how a read-only one is opened and what it must still look like. */
    private final ReadOnlyOpening readOnly;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ReentrantLock writer = new ReentrantLock(true);
    private boolean closed;

    private Database(Path file, int schemaVersion, ReadOnlyOpening readOnly) {
        this.file = file;
        this.url = readOnly == null ? "jdbc:sqlite:" + file : "jdbc:sqlite:" + readOnly.uri();
        this.schemaVersion = schemaVersion;
        this.readOnly = readOnly;
    }

    /** Opens the database of a data folder, creating it or migrating it to the newest schema. */
    public static Database open(DataFolder folder) throws StoreException {
        return open(folder.databaseFile(), Migrations.fromClasspath());
    }

    /**
     * Opens the database of a data folder only to read it, as {@link ReadOnlyOpening} chooses:
     * nothing in the folder is created, changed or removed, not even SQLite's own files, and no
     * migration runs (another schema version is refused with a message). Works on a folder this
     * process may not write.
     */
    public static Database openReadOnly(DataFolder folder) throws StoreException {
        return openReadOnly(folder.databaseFile(), Migrations.fromClasspath());
    }

    static Database openReadOnly(Path file, Migrations migrations) throws StoreException {
        ReadOnlyOpening opening = ReadOnlyOpening.choose(file);
        Database database = new Database(file, 0, opening);
        try (Connection connection = database.open()) {
            return new Database(file, migrations.checkCurrent(connection, file), opening);
        } catch (SQLException e) {
            if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != SQLiteErrorCode.SQLITE_NOTADB
                    && sqlite.getResultCode() != SQLiteErrorCode.SQLITE_CORRUPT) {
                throw new StoreException("Cannot read the database " + file + ": " + e.getMessage()
                        + ". It was only read and left unchanged.", e);
            }
            throw translate(e, file, true);
        }
    }

    static Database open(Path file, Migrations migrations) throws StoreException {
        boolean existed = Files.exists(file);
        if (!existed) {
            createPrivateFile(file);
        }
        Database database = new Database(file, 0, null);
        try (Connection connection = database.open()) {
            int version = migrations.apply(connection, file);
            return new Database(file, version, null);
        } catch (SQLException e) {
            throw translate(e, file, existed);
        }
    }

    private static StoreException translate(SQLException e, Path file, boolean existed) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT) {
                return new StoreException(file + " is not a ClinicLedger database (it is not a readable SQLite file).", e);
            }
            if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED) {
                return new StoreException("The database " + file + " is busy: another program is holding it.", e);
            }
            if (code == SQLiteErrorCode.SQLITE_READONLY || code == SQLiteErrorCode.SQLITE_CANTOPEN
                    || code == SQLiteErrorCode.SQLITE_PERM) {
                if (existed && Files.exists(file) && !Files.isWritable(file)) {
                    return new StoreException("Cannot open the database " + file + " for writing: it is read-only. "
                            + "Check its permissions.", e);
                }
                return new StoreException("Cannot open the database " + file + " for writing. Check its permissions.", e);
            }
        }
        String action = existed ? "open" : "create";
        return new StoreException("Cannot " + action + " the database " + file + ": " + e.getMessage(), e);
    }

    /** A connection with the settings above, from the pool or new. The caller closes it, which returns it to the pool. */
    public Connection connect() throws SQLException {
        Connection connection;
        synchronized (idle) {
            connection = idle.pollFirst();
        }
        return PooledConnection.wrap(connection == null ? open() : connection, this::release);
    }

    /** Keeps {@code connection} for reuse when it is sound and outside any transaction; closes it otherwise. */
    private void release(Connection connection) {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (connection.getAutoCommit()) {
                synchronized (idle) {
                    if (!closed && idle.size() < MAX_IDLE_CONNECTIONS) {
                        idle.addFirst(connection);
                        return;
                    }
                }
            }
            connection.close();
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // It is being thrown away in any case.
            }
        }
    }

    /** Closes the pooled connections; connections in use close when their users close them. */
    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (idle) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        for (Connection connection : toClose) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing more can be done with it.
            }
        }
    }

    /**
     * Creates an empty database file readable by its owner only, before SQLite opens it: SQLite
     * gives its write-ahead log and shared-memory files the database file's permissions.
     */
    private static void createPrivateFile(Path file) throws StoreException {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new StoreException("Cannot create the database " + file + ": " + DataFolder.describe(e), e);
        }
    }

    private Connection open() throws SQLException {
        if (readOnly != null) {
            return connectReadOnly();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // A writing transaction takes the write lock when it begins, so two writers wait for each
        // other (busy timeout) instead of failing when the second tries to upgrade its lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Properties properties = config.toProperties();
        return DriverManager.getConnection(url, properties);
    }

    /**
     * A connection that can only read, set up with pragmas that write nothing (no journal mode:
     * asking for WAL is a write, which is how reading a foreign file once switched it to WAL).
     */
    private Connection connectReadOnly() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return DriverManager.getConnection(url, config.toProperties());
    }

    /** Whether this database was opened only to read it ({@link #openReadOnly(DataFolder)}). */
    public boolean isReadOnly() {
        return readOnly != null;
    }

    /**
     * Refuses what was read when the file changed under a reader that takes no locks (see
     * {@link ReadOnlyOpening}): a process working in the folder folded its log into the database
     * meanwhile, so the pages read may not belong together.
     */
    private void checkUnchanged(String action) {
        if (readOnly != null && !readOnly.unchanged()) {
            throw new StorageFailure(action, new SQLException("the database changed while it was being read "
                    + "(ClinicLedger is working in the folder); try again"));
        }
    }

    /** Work inside one unit of work; a {@link SQLException} it lets out becomes a {@link StorageFailure}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(UnitOfWork work) throws SQLException;
    }

    /**
     * Runs {@code work} as a read on a connection of the pool and returns its result.
     *
     * @param action what is being done, for the message if the database fails ("read the record")
     * @throws StorageFailure when the database fails
     */
    public <T> T read(String action, Work<T> work) {
        return read(action, work, false);
    }

    /**
     * Runs {@code work} as one read transaction: everything it reads is of the same moment, however
     * long it takes and whatever is written meanwhile (a WAL snapshot). For reads that must agree
     * with each other, such as an export; it never holds the write lock.
     */
    public <T> T snapshot(String action, Work<T> work) {
        return read(action, work, true);
    }

    private <T> T read(String action, Work<T> work, boolean oneTransaction) {
        T result;
        try (Connection connection = connect()) {
            if (!oneTransaction) {
                result = work.run(new SqlUnitOfWork(connection, false));
            } else {
                connection.setAutoCommit(false);
                try {
                    result = work.run(new SqlUnitOfWork(connection, false));
                } finally {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new StorageFailure(action, e);
        } catch (SqlFailure e) {
            throw new StorageFailure(action, e.getCause());
        }
        checkUnchanged(action);
        return result;
    }

    /**
     * Runs {@code work} as one write transaction: committed when it returns, rolled back when it
     * throws. It begins by taking SQLite's write lock ({@code BEGIN IMMEDIATE}), so whatever it
     * reads cannot change until it commits: decisions taken inside it hold for what it writes.
     *
     * @throws StorageFailure when the database fails; anything else {@code work} throws reaches
     *     the caller unchanged, after the rollback
     */
    public <T> T write(String action, Work<T> work) {
        try {
            return inTransaction(connection -> work.run(new SqlUnitOfWork(connection, true)));
        } catch (SQLException e) {
            throw new StorageFailure(action, e);
        } catch (SqlFailure e) {
            throw new StorageFailure(action, e.getCause());
        }
    }

    /** A transaction on a raw connection, for the storage layer itself. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        writer.lock();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                connection.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                connection.setAutoCommit(true);
                throw e;
            }
        } finally {
            writer.unlock();
        }
    }

    /**
     * Writes a consistent copy of the database into {@code target} with {@code VACUUM INTO}: one
     * read transaction, so writers of this and other processes go on meanwhile (write-ahead log), and
     * the copy holds exactly what was committed when it began, compacted. {@code target} must not
     * exist, or be empty; the caller makes it owner-only beforehand, since SQLite keeps the mode of an
     * existing file. Only a working database is copied this way (decision 0023).
     *
     * @throws StorageFailure when SQLite cannot read the database or write the copy
     */
    public void snapshotInto(Path target) {
        try (Connection connection = connect();
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new StorageFailure("copy the database", e);
        }
    }

    /**
     * Opens a copy that {@link #snapshotInto} wrote, or a restored one, only to read it, as
     * {@link #openReadOnly(DataFolder)} opens a folder's database: nothing in it changes, and a copy
     * of another schema version is refused.
     */
    public static Database openCopy(Path file) throws StoreException {
        return openReadOnly(file, Migrations.fromClasspath());
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** Runs SQLite's own integrity check; an empty list means the file is sound. */
    public List<String> integrityProblems() {
        List<String> problems = new ArrayList<>();
        try (Connection connection = connect();
             PreparedStatement check = connection.prepareStatement("PRAGMA integrity_check");
             ResultSet rows = check.executeQuery()) {
            while (rows.next()) {
                String line = rows.getString(1);
                if (!"ok".equals(line)) {
                    problems.add(line);
                }
            }
        } catch (SQLException e) {
            throw new StorageFailure("check the database", e);
        }
        checkUnchanged("check the database");
        return problems;
    }

    /** Static facts about the database for the About dialog, the Ledger tab and {@code info}. */
    public DatabaseFacts facts() {
        try (Connection connection = connect();
             Statement statement = connection.createStatement()) {
            String sqliteVersion = single(statement, "SELECT sqlite_version()");
            // An immutable reader does not look at the log and answers "delete"; the header says what the file is.
            String journalMode = readOnly == null ? single(statement, "PRAGMA journal_mode") : readOnly.journalMode();
            long pageSize = Long.parseLong(single(statement, "PRAGMA page_size"));
            long pageCount = Long.parseLong(single(statement, "PRAGMA page_count"));
            checkUnchanged("read facts about the database");
            return new DatabaseFacts(file, schemaVersion, sqliteVersion, journalMode, pageSize * pageCount);
        } catch (SQLException e) {
            throw new StorageFailure("read facts about the database", e);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    static String readResource(String name) {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
