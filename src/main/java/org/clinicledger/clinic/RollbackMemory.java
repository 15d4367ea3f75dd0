package org.clinicledger.clinic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.ledger.HeadMemory;
import org.clinicledger.ledger.RollbackAcceptance;
import org.clinicledger.ledger.RollbackCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's memory of the chains it has seen, kept outside the data folder so that replacing
 * the folder, or its database, by an older copy cannot take the memory back with it
 * ({@code docs/decisions/0016}). Under the state folder ({@link #resolveStateFolder}) it keeps one
 * file per clinic, {@code clinics/<fingerprint>.json} ({@link HeadMemory}: the newest signed head of
 * every chain and the accepted rollbacks), and one per data folder, {@code folders/<hash of the
 * path>.json}, naming the clinic that folder held, so that a folder whose clinic was swapped for
 * another is caught too. Folders are owner-only (0700), files owner-only (0600) and written
 * atomically; a file that cannot be read is reported and left where it is, never replaced unasked.
 */
public final class RollbackMemory {

    /** The system property that names the state folder (tests). */
    public static final String PROPERTY = "clinicledger.state";
    /** The environment variable that names the state folder, when the property does not. */
    public static final String ENVIRONMENT_VARIABLE = "CLINICLEDGER_STATE";
    static final String FOLDER_NAME = "clinicledger";
    private static final String SIBLING_NAME = "ClinicLedger State";
    private static final String FOLDER_FORMAT = "clinicledger/rollback-folder/v1";
    private static final String BACKUP_FORMAT = "clinicledger/last-backup/v1";
    private static final int MAX_FOLDER_RECORD_BYTES = 64 * 1024;
    private static final int MAX_REASON_CHARACTERS = 1_000;
    private static final String MEMORY = "memory";
    private static final Logger LOG = LoggerFactory.getLogger(RollbackMemory.class);

    private final Path state;
    private final Path folder;
    private final RollbackCheck check;
    private final Clock clock;

    RollbackMemory(Path state, Path folder, RollbackCheck check, Clock clock) {
        this.state = state.toAbsolutePath().normalize();
        this.folder = realPath(folder);
        this.check = check;
        this.clock = clock;
    }

    /** The state folder of this process: the property, else the variable, else the system's place. */
    public static Path resolveStateFolder() {
        return resolveStateFolder(System.getProperty(PROPERTY), System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", ".")));
    }

    /**
     * The state folder from the given facts, a pure function so that every platform can be tested
     * anywhere: the user's configuration folder ({@code $XDG_CONFIG_HOME/clinicledger}, else
     * {@code ~/.config/clinicledger}) on Linux; beside the data folder's default, but never inside it,
     * on Windows ({@code %APPDATA%\ClinicLedger State}) and macOS
     * ({@code ~/Library/Application Support/ClinicLedger State}).
     */
    public static Path resolveStateFolder(String property, Map<String, String> environment, String osName, Path home) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath().normalize();
        }
        return DataFolderLocation.perUser(environment, osName, home, SIBLING_NAME, "XDG_CONFIG_HOME", Path.of(".config"),
                FOLDER_NAME);
    }

    /** The state folder this memory lives in. */
    public Path stateFolder() {
        return state;
    }

    /**
     * What the memory says of the folder now: chains rolled back or rewritten, a clinic swapped, or a
     * memory that cannot be read or trusted. Empty when the folder is at least as new as everything
     * this machine saw of it. Writes nothing.
     */
    public List<VerificationProblem> compare() {
        return compare(check.current());
    }

    private List<VerificationProblem> compare(RollbackCheck.Current current) {
        if (state.startsWith(folder)) {
            return List.of(new VerificationProblem(MEMORY, -1, ProblemCode.ROLLBACK_MEMORY, "this machine's memory of "
                    + "the chains (" + state + ") is inside the data folder, where a rollback takes it back too: "
                    + "set " + ENVIRONMENT_VARIABLE + " to a folder outside it"));
        }
        List<VerificationProblem> problems = new ArrayList<>(clinicChange(current));
        Optional<ClinicFingerprint> clinic = current.clinic();
        if (clinic.isPresent()) {
            try {
                readMemory(clinic.get()).ifPresent(memory -> {
                    problems.addAll(current.doubtfulAcceptances(memory));
                    problems.addAll(check.compare(memory, current));
                });
            } catch (UnreadableMemory e) {
                problems.add(e.problem);
            }
        }
        return problems;
    }

    /**
     * Compares and, when nothing is wrong, remembers the folder's newest trusted heads and its clinic.
     * A folder reported as rolled back leaves the memory as it was; so does one where nothing changed
     * since it was last remembered, which is then not written again.
     */
    public List<VerificationProblem> compareAndRemember() {
        RollbackCheck.Current current = check.current();
        List<VerificationProblem> problems = compare(current);
        if (!problems.isEmpty()) {
            return problems;
        }
        current.clinic().ifPresent(clinic -> {
            try {
                Optional<HeadMemory> remembered = readMemory(clinic);
                HeadMemory memory = remembered.orElseGet(() -> HeadMemory.empty(clinic));
                Map<String, HeadMemory.Seen> added = current.newTrustedHeads(clock.instant(), memory);
                if (remembered.isEmpty() || !added.isEmpty()) {
                    write(memoryFile(clinic), memory.remembering(added).encode());
                }
                if (remembered.isEmpty() || !added.isEmpty() || !Files.isRegularFile(folderRecord())) {
                    write(folderRecord(), folderRecordBytes(clinic));
                }
            } catch (UnreadableMemory e) {
                LOG.warn("Not remembering the chains: {}", e.problem.reason());
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("Could not write this machine's memory of the chains in {}: {}", state, e.getMessage());
            }
        });
        return List.of();
    }

    /** What an accepted rollback replaced: what was accepted, and where an unreadable memory was set aside (or null). */
    public record Accepted(List<VerificationProblem> accepted, Path setAside) {
    }

    /**
     * Accepts the folder as it is now: an administrator signs a statement naming what differs and
     * why, which is kept with the memory, and the memory becomes the folder's current heads. A memory
     * file that could not be read is renamed aside first, never deleted. Nothing is accepted, and
     * nothing written, when nothing differs.
     *
     * @throws RefusedException when the person is not an administrator
     * @throws InvalidInputException when the reason is empty, too long or holds control characters
     */
    public Accepted accept(Session administrator, String reason) {
        if (administrator.role() != Role.ADMINISTRATOR) {
            throw new RefusedException("Only an administrator can accept a rolled-back or rewritten data folder.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON_CHARACTERS
                || why.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new InvalidInputException("Give the reason for accepting in plain words, at most "
                    + MAX_REASON_CHARACTERS + " characters.");
        }
        List<VerificationProblem> accepted = compare();
        if (accepted.isEmpty()) {
            return new Accepted(List.of(), null);
        }
        RollbackCheck.Current current = check.current();
        ClinicFingerprint clinic = current.clinic()
                .orElseThrow(() -> new RefusedException("The data folder has no single clinic key to accept it for."));
        Path file = memoryFile(clinic);
        HeadMemory before;
        Path setAside = null;
        try {
            before = readMemory(clinic).orElseGet(() -> HeadMemory.empty(clinic));
        } catch (UnreadableMemory e) {
            before = HeadMemory.empty(clinic);
            setAside = file.resolveSibling(file.getFileName() + ".unreadable-" + clock.millis());
        }
        RollbackAcceptance acceptance = RollbackAcceptance.sign(administrator.signingKey(),
                administrator.chain().value(), clinic, folder.toString(), why, accepted, clock.instant());
        try {
            if (setAside != null) {
                Files.move(file, setAside, StandardCopyOption.ATOMIC_MOVE);
            }
            write(file, before.accepting(current.trustedHeads(clock.instant()), acceptance).encode());
            write(folderRecord(), folderRecordBytes(clinic));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write this machine's memory of the chains in " + state, e);
        }
        LOG.info("{} accepted the data folder as it is ({} findings: {}); reason sha256 {}", administrator.username(),
                accepted.size(), accepted.stream().map(problem -> problem.chain() + " " + problem.code().code())
                        .collect(Collectors.joining(", ")),
                Hex.encode(Sha256.digest(why.getBytes(StandardCharsets.UTF_8))));
        return new Accepted(accepted, setAside);
    }

    /** The sentence the window and the working commands refuse with, naming the chains and sizes. */
    public static String warning(List<VerificationProblem> problems) {
        StringBuilder text = new StringBuilder("This data folder is not what this computer last saw in it: it was "
                + "rolled back to an older copy or rewritten, so access that was revoked or entries that were "
                + "written may be undone. ");
        text.append(problems.stream().limit(10).map(VerificationProblem::toString).collect(Collectors.joining("; ")));
        if (problems.size() > 10) {
            text.append("; and ").append(problems.size() - 10).append(" more");
        }
        text.append(". Put the newest copy of the folder back; if this older state is wanted (a restored backup), "
                + "an administrator accepts it with 'clinicledger accept-rollback --user NAME --reason-file FILE'.");
        return text.toString();
    }

    // ---- when this machine last backed the clinic up

    /**
     * Remembers that this machine made a backup of {@code clinic} at {@code made}, for the
     * window's reminder (decision 0023). Kept here, outside the data folder, so that a restored older
     * folder does not bring back an older date, and nothing in the folder changes by a backup.
     */
    void rememberBackup(ClinicFingerprint clinic, Instant made) throws IOException {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("format", BACKUP_FORMAT);
        node.put("clinic", clinic.value());
        node.put("made", made.toString());
        write(backupRecord(clinic), node.toPrettyString().getBytes(StandardCharsets.UTF_8));
    }

    /** When this machine last made a backup of {@code clinic}; empty when never, or when the record cannot be read. */
    Optional<Instant> lastBackup(ClinicFingerprint clinic) {
        Path record = backupRecord(clinic);
        try {
            JsonNode node = new ObjectMapper().readTree(readLimited(record, MAX_FOLDER_RECORD_BYTES));
            if (node == null || !BACKUP_FORMAT.equals(node.path("format").asText(null))
                    || !clinic.value().equals(node.path("clinic").asText(null)) || node.size() != 3) {
                LOG.warn("Ignoring {}: it is not a record of this clinic's last backup", record);
                return Optional.empty();
            }
            return Optional.of(Instant.parse(node.path("made").asText("")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring {}: {}", record, e.getMessage());
            return Optional.empty();
        }
    }

    private Path backupRecord(ClinicFingerprint clinic) {
        return state.resolve("backups").resolve(clinic.value() + ".json");
    }

    // ---- the clinic each folder held

    private List<VerificationProblem> clinicChange(RollbackCheck.Current current) {
        Path record = folderRecord();
        byte[] bytes;
        try {
            bytes = readLimited(record, MAX_FOLDER_RECORD_BYTES);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of(unreadable(record, e.getMessage()));
        }
        ClinicFingerprint remembered;
        try {
            JsonNode node = new ObjectMapper().readTree(bytes);
            if (node == null || !FOLDER_FORMAT.equals(node.path("format").asText(null))
                    || !folder.toString().equals(node.path("folder").asText(null)) || node.size() != 3) {
                return List.of(unreadable(record, "it is not a record of this folder"));
            }
            remembered = new ClinicFingerprint(node.path("clinic").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            return List.of(unreadable(record, "it is not readable"));
        }
        Optional<ClinicFingerprint> now = current.clinic();
        if (now.isPresent() && now.get().equals(remembered)) {
            return List.of();
        }
        return List.of(new VerificationProblem("clinic", -1, ProblemCode.CLINIC_REPLACED, "this computer last saw the "
                + "clinic " + remembered.grouped() + " in this folder; it now holds " + now.map(fingerprint ->
                        "the clinic " + fingerprint.grouped()).orElse("no single clinic key")));
    }

    private byte[] folderRecordBytes(ClinicFingerprint clinic) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("format", FOLDER_FORMAT);
        node.put("folder", folder.toString());
        node.put("clinic", clinic.value());
        return node.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }

    private Path folderRecord() {
        byte[] digest = Sha256.digest(("clinicledger/rollback-folder/v1\0" + folder).getBytes(StandardCharsets.UTF_8));
        return state.resolve("folders").resolve(Hex.encode(digest).substring(0, 32) + ".json");
    }

    // ---- the clinic's memory file

    /** A memory file that is there but cannot be used, as the problem that reports it. */
    private static final class UnreadableMemory extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient VerificationProblem problem;

        UnreadableMemory(VerificationProblem problem) {
            super(problem.reason(), null, false, false);
            this.problem = problem;
        }
    }

    private Optional<HeadMemory> readMemory(ClinicFingerprint clinic) throws UnreadableMemory {
        Path file = memoryFile(clinic);
        byte[] bytes;
        try {
            bytes = readLimited(file, HeadMemory.MAX_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnreadableMemory(unreadable(file, e.getMessage()));
        }
        HeadMemory memory;
        try {
            memory = HeadMemory.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new UnreadableMemory(unreadable(file, e.getMessage()));
        }
        if (!memory.clinic().equals(clinic)) {
            throw new UnreadableMemory(unreadable(file, "it is the memory of another clinic, "
                    + memory.clinic().grouped()));
        }
        return Optional.of(memory);
    }

    private Path memoryFile(ClinicFingerprint clinic) {
        return state.resolve("clinics").resolve(clinic.value() + ".json");
    }

    private static VerificationProblem unreadable(Path file, String why) {
        return new VerificationProblem(MEMORY, -1, ProblemCode.ROLLBACK_MEMORY, "this machine's memory of the chains, "
                + file + ", cannot be used (" + why + "), so a rollback cannot be ruled out. It was left as it is; "
                + "restore it, or have an administrator who has checked the folder accept it as it is "
                + "('clinicledger accept-rollback', which sets the file aside)");
    }

    /** Reads at most {@code limit} bytes; a longer file is refused before it is read into memory. */
    private static byte[] readLimited(Path file, int limit) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("it is a symbolic link");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IOException("it is larger than " + limit + " bytes");
            }
            return bytes;
        }
    }

    // ---- writing, owner-only and atomically

    private void write(Path file, byte[] bytes) throws IOException {
        Path directory = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        for (Path each : List.of(state, directory)) {
            if (!Files.isDirectory(each)) {
                Files.createDirectories(each);
            }
            if (posix) {
                Files.setPosixFilePermissions(each, PosixFilePermissions.fromString("rwx------"));
            }
        }
        Path temporary = Files.createTempFile(directory, ".incoming-", ".tmp");
        try {
            if (posix) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temporary, bytes, StandardOpenOption.TRUNCATE_EXISTING);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // Windows cannot open a directory as a channel; NTFS journals the rename itself.
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path realPath(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }
}
