package org.clinicledger.ui;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerLight;

import org.clinicledger.clinic.ApplicationVersion;
import org.clinicledger.clinic.ErrorCode;
import org.clinicledger.clinic.FileLogging;
import org.clinicledger.clinic.UnusableDataFolderException;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.clinic.DataFolderLocation;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FxDialogService;
import org.clinicledger.ui.common.UncaughtErrorHandler;
import org.clinicledger.ui.setup.OpeningProblemView;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. The data folder comes as the named parameter {@code --data}; it is
 * opened in {@link #init()}, off the JavaFX thread, so the window appears with everything it needs.
 */
public final class ClinicLedgerApp extends Application {

    private Workspace workspace;
    private ClinicProfile clinic;
    private String suggestedName;
    private Path dataFolder;
    private String openingProblem;
    private MainWindow window;

    /** Called by the launcher with the resolved data folder; returns when the window has closed. */
    public static void launchWindow(Path dataFolder) {
        launch(ClinicLedgerApp.class, "--data=" + dataFolder);
    }

    @Override
    public void init() {
        String given = getParameters().getNamed().get("data");
        dataFolder = DataFolderLocation.resolve(given == null ? null : Path.of(given));
        try {
            workspace = Workspace.open(dataFolder, true);
            FileLogging.writeTo(workspace.logFolder());
            LoggerFactory.getLogger(ClinicLedgerApp.class)
                    .info("ClinicLedger {} opened data folder {}", ApplicationVersion.version(), dataFolder);
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
            openingProblem = "An unexpected error (code " + code + ") stopped ClinicLedger from reading " + dataFolder + ".";
        }
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FxDialogService dialogs = new FxDialogService(stage, workspace == null ? null : workspace.logFolder());
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtErrorHandler(dialogs));
        if (openingProblem != null) {
            stage.setTitle(MainWindow.TITLE);
            stage.setScene(MainWindow.decorate(stage, new OpeningProblemView(openingProblem)));
            stage.show();
            return;
        }
        window = new MainWindow(stage, workspace, clinic, suggestedName, BackgroundTasks.forApplication(dialogs));
        stage.setOnCloseRequest(event -> window.saveGeometry());
        window.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
    }
}
