package org.clinicledger.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A ClinicLedger data folder: the database and, beside it, logs and (later) the vault of encrypted
 * files. Opening checks that the folder is ours before anything is written into it.
 */
public final class DataFolder {

    public static final String DATABASE_FILE = "clinicledger.db";
    static final String LOG_FOLDER = "logs";

    /** Files an operating system or a file manager may leave in any folder; they do not make it foreign. */
    private static final Set<String> HARMLESS_FILES = Set.of(".DS_Store", "Thumbs.db", "desktop.ini", ".directory");

    private final Path root;

    private DataFolder(Path root) {
        this.root = root;
    }

    /**
     * Opens an existing data folder, or creates one when {@code create} is true and the folder is
     * missing or empty. Refuses a file, an unreadable folder, and a folder holding other things.
     */
    public static DataFolder open(Path folder, boolean create) throws StoreException {
        Path root = folder.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new StoreException(root + " is a file, not a folder. Choose a folder for ClinicLedger's data.");
        }
        if (!Files.exists(root)) {
            if (!create) {
                throw new StoreException("There is no ClinicLedger data folder at " + root + ".");
            }
            try {
                createPrivateFolder(root);
            } catch (IOException e) {
                throw new StoreException("Cannot create the data folder " + root + ": " + describe(e), e);
            }
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            throw new StoreException("Cannot read the data folder " + root + ". Check its permissions.");
        }
        Path database = root.resolve(DATABASE_FILE);
        if (!Files.exists(database)) {
            if (!isEmpty(root)) {
                throw new StoreException(root + " is not a ClinicLedger data folder: it holds other files and no "
                        + DATABASE_FILE + ". Choose an empty folder or an existing ClinicLedger data folder.");
            }
            if (!create) {
                throw new StoreException("There is no ClinicLedger data folder at " + root + ".");
            }
        } else if (!Files.isRegularFile(database) || !Files.isReadable(database)) {
            throw new StoreException("Cannot read " + database + ". Check its permissions.");
        }
        if (!Files.isWritable(root)) {
            throw new StoreException("Cannot write to the data folder " + root + ". Check its permissions.");
        }
        if (!Files.exists(database)) {
            makePrivate(root);
        }
        return new DataFolder(root);
    }

    /**
     * Opens an existing data folder only to read it ({@code info}, {@code verify}): the same checks
     * as {@link #open(Path, boolean)} without the one for writing, so a read-only copy can be read.
     */
    public static DataFolder inspect(Path folder) throws StoreException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new StoreException("There is no ClinicLedger data folder at " + root + ".");
        }
        if (!Files.isDirectory(root)) {
            throw new StoreException(root + " is a file, not a folder. Choose a folder for ClinicLedger's data.");
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            throw new StoreException("Cannot read the data folder " + root + ". Check its permissions.");
        }
        Path database = root.resolve(DATABASE_FILE);
        if (!Files.exists(database)) {
            if (!isEmpty(root)) {
                throw new StoreException(root + " is not a ClinicLedger data folder: it holds other files and no "
                        + DATABASE_FILE + ".");
            }
            throw new StoreException("There is no ClinicLedger data folder at " + root + ".");
        }
        if (!Files.isRegularFile(database) || !Files.isReadable(database)) {
            throw new StoreException("Cannot read " + database + ". Check its permissions.");
        }
        return new DataFolder(root);
    }

    /**
     * Makes a folder that is about to become a data folder (new, or chosen while empty) enterable
     * by its owner only, as a new one is created; nothing happens on systems without POSIX modes.
     */
    private static void makePrivate(Path root) throws StoreException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new StoreException("Cannot make the data folder " + root + " private to its owner: " + describe(e)
                    + ". Choose a folder of your own.", e);
        }
    }

    /** Creates the folder (and missing parents); on POSIX systems only the owner may enter the folder itself. */
    private static void createPrivateFolder(Path root) throws IOException {
        if (root.getParent() != null) {
            Files.createDirectories(root.getParent());
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(root);
        }
    }

    private static boolean isEmpty(Path folder) throws StoreException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.allMatch(entry -> HARMLESS_FILES.contains(entry.getFileName().toString()));
        } catch (IOException e) {
            throw new StoreException("Cannot read the data folder " + folder + ": " + describe(e), e);
        }
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    public Path root() {
        return root;
    }

    public Path databaseFile() {
        return root.resolve(DATABASE_FILE);
    }

    public Path logFolder() {
        return root.resolve(LOG_FOLDER);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
