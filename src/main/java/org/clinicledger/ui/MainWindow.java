package org.clinicledger.ui;

import java.io.IOException;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.AccountCountText;
import org.clinicledger.ui.common.Page;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.ui.common.AboutDialog;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.Icons;
import org.clinicledger.ui.common.WindowGeometry;
import org.clinicledger.ui.doctor.DoctorView;
import org.clinicledger.ui.ledger.LedgerView;
import org.clinicledger.ui.ledger.LedgerViewModel;
import org.clinicledger.ui.patient.PatientView;
import org.clinicledger.ui.reception.ReceptionView;
import org.clinicledger.ui.reception.ReceptionViewModel;
import org.clinicledger.ui.setup.FirstRunView;
import org.clinicledger.ui.setup.FirstRunViewModel;
import org.controlsfx.control.StatusBar;
import org.slf4j.LoggerFactory;

/** The single main window: menu, first-run screen or the four tabs, and the status bar. */
final class MainWindow {

    static final String TITLE = "ClinicLedger";

    private final Stage stage;
    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final String suggestedName;
    /** Who is signed in, or null; the Doctor and Patient tabs need one. */
    Session session;

    /**
     * @param clinic the set-up clinic, or null while first-run set-up is to be done
     * @param suggestedName a name an earlier version gave the clinic without setting it up, or null
     */
    MainWindow(Stage stage, Workspace workspace, ClinicProfile clinic, String suggestedName, BackgroundTasks tasks) {
        this.suggestedName = suggestedName;
        this.stage = stage;
        this.workspace = workspace;
        this.tasks = tasks;
        this.model = new MainViewModel(workspace.root(), clinic);
        root.setTop(menuBar());
        root.setBottom(statusBar());
        showContent();
        model.needsSetupProperty().addListener((observable, before, now) -> showContent());
        stage.titleProperty().bind(Bindings.createStringBinding(() -> model.clinicProperty().get() == null
                ? TITLE : model.clinicProperty().get().name() + " — " + TITLE, model.clinicProperty()));
    }

    /** Applies the remembered size and position and shows the window. */
    void show() {
        Scene scene = decorate(stage, root);
        stage.setScene(scene);
        WindowGeometry.load(workspace.root()).ifPresentOrElse(geometry -> geometry.applyTo(stage), () -> {
            stage.setWidth(1100);
            stage.setHeight(740);
            stage.centerOnScreen();
        });
        stage.show();
        LoggerFactory.getLogger(MainWindow.class).info("Main window shown");
    }

    /** Common scene set-up for every top-level window: stylesheet, icons, minimum size. */
    static Scene decorate(Stage stage, Parent content) {
        Scene scene = new Scene(content);
        scene.getStylesheets().add(MainWindow.class.getResource("clinicledger.css").toExternalForm());
        stage.getIcons().setAll(Icons.applicationIcons());
        stage.setMinWidth(WindowGeometry.MIN_WIDTH);
        stage.setMinHeight(WindowGeometry.MIN_HEIGHT);
        return scene;
    }

    /** Lets go of the stage when the application stops. */
    void dispose() {
        saveGeometry();
        stage.titleProperty().unbind();
    }

    void saveGeometry() {
        if (!stage.isShowing() && stage.getWidth() <= 0) {
            return;
        }
        try {
            WindowGeometry.of(stage).save(workspace.root());
        } catch (IOException e) {
            LoggerFactory.getLogger(MainWindow.class).warn("Could not save the window's size and position", e);
        }
    }

    private void showContent() {
        if (model.needsSetupProperty().get()) {
            FirstRunViewModel setup = new FirstRunViewModel(workspace, tasks, model.clinicProperty(), suggestedName);
            root.setCenter(new FirstRunView(setup, workspace.root()));
            return;
        }
        tasks.task("Counting accounts", progress -> workspace.clinic().accountCounts())
                .onSuccess(model.accountCountsProperty()::set)
                .start();
        TabPane tabs = new TabPane(
                tab("receptionTab", "Reception", new ReceptionView(
                        new ReceptionViewModel(workspace.clinic(), tasks, model.clinicProperty()),
                        model.accountCountsProperty())),
                tab("doctorTab", "Doctor", session != null && session.role() == Role.DOCTOR
                        ? new DoctorView(workspace, session, tasks, tasks.dialogs())
                        : signInFirst("doctorView", "Doctor", AccountCountText.doctors(model.accountCountsProperty()))),
                tab("patientTab", "Patient", session != null && session.role() == Role.PATIENT
                        ? new PatientView(workspace, session, tasks, tasks.dialogs())
                        : signInFirst("patientView", "Patient", AccountCountText.patients(model.accountCountsProperty()))),
                tab("ledgerTab", "Ledger", new LedgerView(new LedgerViewModel(workspace, tasks))));
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
    }

    /** Until sign-in lands in the window: a tab that says how many are registered. */
    private static Parent signInFirst(String id, String title, ObservableValue<String> count) {
        Label registered = Page.emptyState("");
        registered.textProperty().bind(count);
        Page page = new Page(title, "Sign in to see your records and your chain.").section(title + "s", registered);
        page.setId(id);
        return page;
    }

    private static Tab tab(String id, String title, Parent content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    private MenuBar menuBar() {
        MenuItem quit = new MenuItem("Quit");
        quit.setId("quitMenuItem");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(event -> {
            saveGeometry();
            Platform.exit();
        });
        MenuItem about = new MenuItem("About ClinicLedger");
        about.setId("aboutMenuItem");
        about.setOnAction(event -> AboutDialog.create(stage, workspace.root().toString()).showAndWait());
        Menu file = new Menu("_File", null, quit);
        file.setId("fileMenu");
        Menu help = new Menu("_Help", null, about);
        help.setId("helpMenu");
        return new MenuBar(file, help);
    }

    private StatusBar statusBar() {
        StatusBar status = new StatusBar();
        status.setId("statusBar");
        status.textProperty().bind(Bindings.when(tasks.runningProperty())
                .then(tasks.messageProperty())
                .otherwise(model.statusTextProperty()));
        status.progressProperty().bind(Bindings.when(tasks.runningProperty())
                .then(tasks.progressProperty())
                .otherwise(0.0));
        return status;
    }
}
