package org.clinicledger.clinic;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import org.clinicledger.store.ClinicDao;
import org.clinicledger.store.DataFolder;
import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.store.Database;
import org.clinicledger.store.StorageFailure;
import org.clinicledger.store.StoreException;

/**
 * An opened data folder and the services that work on it: what both the window and the
 * command line hold while they run.
 */
public final class Workspace {

    private final DataFolder folder;
    private final Database database;
    private final ClinicService clinic;

    private Workspace(DataFolder folder, Database database, Clock clock) {
        this.folder = folder;
        this.database = database;
        this.clinic = new ClinicService(new ClinicDao(database), clock);
    }

    /**
     * Opens the data folder at {@code location}; when {@code create} is true a missing or empty
     * folder is set up as a new one.
     */
    public static Workspace open(Path location, boolean create) {
        return open(location, create, Clock.systemUTC());
    }

    public static Workspace open(Path location, boolean create, Clock clock) {
        try {
            DataFolder folder = DataFolder.open(location, create);
            return new Workspace(folder, Database.open(folder), clock);
        } catch (StoreException e) {
            throw new UnusableDataFolderException(e.getMessage(), e);
        }
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

    public DatabaseFacts databaseFacts() {
        try {
            return database.facts();
        } catch (SQLException e) {
            throw new StorageFailure("read facts about the database", e);
        }
    }

    /** SQLite's integrity check of the database file; empty when sound. */
    public List<String> checkDatabaseIntegrity(Progress progress) {
        progress.update(0, -1, "Checking the database file…");
        try {
            List<String> problems = database.integrityProblems();
            progress.update(1, 1, problems.isEmpty() ? "The database file is sound." : "The database file has problems.");
            return problems;
        } catch (SQLException e) {
            throw new StorageFailure("check the database", e);
        }
    }
}
