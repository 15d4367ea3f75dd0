package org.clinicledger.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.time.format.DateTimeParseException;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;


import org.clinicledger.clinic.ApplicationVersion;
import org.clinicledger.clinic.ErrorCode;
import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.FileLogging;
import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.UnusableDataFolderException;
import org.clinicledger.clinic.WindowStartBenchmark;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.clinic.DataFolderLocation;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.Preferences;
import org.clinicledger.ui.common.FxDialogService;
import org.clinicledger.ui.common.UncaughtErrorHandler;
import org.clinicledger.ui.setup.OpeningProblemView;
import org.clinicledger.ui.common.Texts;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. The data folder comes as the named parameter {@code --data}; it is
 * opened in {@link #init()}, off the JavaFX thread, so the window appears with everything it needs.
 * An export file the application was opened with comes as {@code --open} (how a file association
 * opens it); the window then starts its import.
 */
public final class ClinicLedgerApp extends Application {

    /** The system property that sets how long the window may stay idle before it locks. */
    public static final String IDLE_LOCK_PROPERTY = "clinicledger.idleLock";
    /** How long exports, imports, backups and verifications must run for a notice to say they are done. */
    public static final String NOTICE_AFTER_PROPERTY = "clinicledger.noticeAfter";
    static final Duration DEFAULT_NOTICE_AFTER = Duration.ofSeconds(3);

    /**
     * How often the key copies of grants that ended while the window stays open are destroyed;
     * opening the data folder destroys those of grants that ended before.
     */
    static final Duration ENDED_GRANTS_UPKEEP = Duration.ofMinutes(15);

    /**
     * What opening an empty folder for set-up makes in it, and nothing else: removed before the
     * folder is made a replica, which needs it empty.
     */
    private static final Set<String> MADE_BY_OPENING = Set.of("clinicledger.db", "clinicledger.db-wal",
            "clinicledger.db-shm", "clinicledger.db-journal", "node.key", "window.properties", Preferences.FILE_NAME, "logs", "vault");

    /** Replaced, from the task that makes the folder a replica, by the folder opened again. */
    private volatile Workspace workspace;
    private ClinicProfile clinic;
    private Path fileToOpen;
    private String suggestedName;
    private Path dataFolder;
    private String openingProblem;
    private String openingHint = OpeningProblemView.ANOTHER_FOLDER;
    private MainWindow window;
    private BackgroundTasks.Scheduled endedGrants;

    /** Called by the launcher with the resolved data folder; returns when the window has closed. */
    public static void launchWindow(Path dataFolder) {
        launch(ClinicLedgerApp.class, "--data=" + dataFolder);
    }

    /** Opens the window and starts importing {@code file}, an export file, or making the folder a replica from it. */
    public static void launchWindow(Path dataFolder, Path file) {
        if (file == null) {
            launchWindow(dataFolder);
            return;
        }
        launch(ClinicLedgerApp.class, "--data=" + dataFolder, "--open=" + file.toAbsolutePath());
    }

    @Override
    public void init() {
        String open = getParameters().getNamed().get("open");
        fileToOpen = open == null ? null : Path.of(open);
        String given = getParameters().getNamed().get("data");
        dataFolder = DataFolderLocation.resolve(given == null ? null : Path.of(given));
        try {
            // The comparison with this machine's memory runs here, before the window can show anything;
            // the upkeep, which only tidies, runs once the window is up (start).
            workspace = Workspace.openBeforeUpkeep(dataFolder, true);
            FileLogging.writeTo(workspace.logFolder());
            LoggerFactory.getLogger(ClinicLedgerApp.class)
                    .info("ClinicLedger {} opened data folder {}", ApplicationVersion.version(), dataFolder);
            if (!workspace.rollbackFindings().isEmpty()) {
                // Working on a rolled-back folder would undo revocations and erase what was written since.
                openingProblem = RollbackMemory.warning(workspace.rollbackFindings());
                openingHint = OpeningProblemView.ROLLED_BACK;
                return;
            }
            ClinicProfile named = workspace.clinic().profile().orElse(null);
            if (workspace.accounts().isSetUp()) {
                clinic = named;
            } else {
                suggestedName = named == null ? null : named.name();
            }
        } catch (UnusableDataFolderException e) {
            openingProblem = e.getMessage();
        } catch (RuntimeException e) {
            String code = ErrorCode.of(e);
            LoggerFactory.getLogger(ClinicLedgerApp.class).error("Unexpected error {} opening {}", code, dataFolder, e);
            openingProblem = Texts.format("app.unexpectedOpeningError", code, dataFolder);
        }
    }

    @Override
    public void start(Stage stage) {
        Preferences.load(dataFolder).theme().apply();
        FxDialogService dialogs = new FxDialogService(stage, workspace == null ? null : workspace.logFolder());
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtErrorHandler(dialogs));
        if (openingProblem != null) {
            stage.setTitle(MainWindow.TITLE);
            stage.setScene(MainWindow.decorate(stage, new OpeningProblemView(openingProblem, openingHint)));
            stage.show();
            probeStartUp();
            return;
        }
        BackgroundTasks tasks = BackgroundTasks.forApplication(dialogs);
        window = new MainWindow(stage, workspace, clinic, suggestedName, tasks, idleLimit(),
                duration(NOTICE_AFTER_PROPERTY, DEFAULT_NOTICE_AFTER), this::startReplica,
                () -> workspace);
        endedGrants = tasks.schedule(Texts.get("app.removingTheKeysOf"), ENDED_GRANTS_UPKEEP,
                progress -> workspace.access().removeExpiredKeys());
        stage.setOnCloseRequest(event -> window.saveGeometry());
        window.show();
        tasks.task(Texts.get("app.tidyingTheDataFolder"), progress -> {
            workspace.upkeep();
            return null;
        }).start();
        probeStartUp();
        if (fileToOpen != null) {
            window.openFile(fileToOpen);
        }
    }

    /**
     * With {@link WindowStartBenchmark#PROBE_PROPERTY} naming a file, writes into it the milliseconds
     * from the process's start to the second frame of the first screen (drawn and taking input), and
     * quits.
     */
    private static void probeStartUp() {
        String target = System.getProperty(WindowStartBenchmark.PROBE_PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2) {
                    return;
                }
                stop();
                long millis = ProcessHandle.current().info().startInstant()
                        .map(started -> Duration.between(started, java.time.Instant.now()).toMillis()).orElse(-1L);
                try {
                    Files.writeString(Path.of(target), Long.toString(millis));
                } catch (IOException e) {
                    LoggerFactory.getLogger(ClinicLedgerApp.class).warn("Could not write the start-up time to {}",
                            target, e);
                }
                Platform.exit();
            }
        }.start();
    }

    /**
     * Makes the data folder, opened empty for first-run set-up, a replica from {@code file}: the
     * folder is closed, what opening it made is removed, {@link ExchangeService#startReplica} fills
     * it (leaving it empty again on any failure), and it is opened again whatever happened.
     * Runs in the background.
     */
    private ImportSummary startReplica(Path file, String username, char[] password, Progress progress,
            Cancel cancel) {
        Workspace opened = workspace;
        if (opened.accounts().isSetUp()) {
            throw new RefusedException(Texts.get("app.thisFolderHoldsA"));
        }
        opened.close();
        // The log file is in the folder too; nothing is logged until the folder is open again.
        FileLogging.discard();
        try {
            removeWhatOpeningMade(dataFolder);
            return ExchangeService.startReplica(dataFolder, file, username, password, progress, cancel);
        } finally {
            workspace = Workspace.open(dataFolder, true);
            FileLogging.writeTo(workspace.logFolder());
        }
    }

    /** Removes the files {@link #MADE_BY_OPENING} names; anything else stays and the replica is refused. */
    private static void removeWhatOpeningMade(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.filter(path -> MADE_BY_OPENING.contains(path.getFileName().toString())).toList()) {
                try (Stream<Path> tree = Files.walk(entry)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty the data folder " + folder + " for the replica", e);
        }
    }

    /**
     * How long the window may stay untouched before it locks: {@value #IDLE_LOCK_PROPERTY} as an
     * ISO-8601 duration (such as {@code PT5M}), else ten minutes.
     */
    static Duration idleLimit() {
        return duration(IDLE_LOCK_PROPERTY, MainViewModel.DEFAULT_IDLE_LIMIT);
    }

    /** A positive ISO-8601 duration (such as {@code PT5M}) from system property {@code name}, else {@code otherwise}. */
    private static Duration duration(String name, Duration otherwise) {
        String configured = System.getProperty(name);
        if (configured == null || configured.isBlank()) {
            return otherwise;
        }
        try {
            Duration limit = Duration.parse(configured.strip());
            if (!limit.isNegative() && !limit.isZero()) {
                return limit;
            }
        } catch (DateTimeParseException e) {
            // Reported below like a zero or negative duration.
        }
        LoggerFactory.getLogger(ClinicLedgerApp.class).warn("Ignoring {}={}: not a positive ISO-8601 duration such as PT5M",
                name, configured);
        return otherwise;
    }

    /** The main window, or null before start or when the folder could not be opened; for tests. */
    MainWindow window() {
        return window;
    }

    @Override
    public void stop() {
        if (endedGrants != null) {
            endedGrants.cancel();
        }
        if (window != null) {
            window.dispose();
        }
        if (workspace != null) {
            workspace.close();
        }
    }
}
