package org.clinicledger.ui;

import java.io.IOException;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Username;
import org.clinicledger.ui.account.ChangePasswordDialog;
import org.clinicledger.ui.account.ChangePasswordViewModel;
import org.clinicledger.ui.backup.BackupReminderBar;
import org.clinicledger.ui.backup.BackupViewModel;
import org.clinicledger.ui.common.AboutDialog;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.FxFilePicker;
import org.clinicledger.ui.common.Icons;
import org.clinicledger.ui.common.Preferences;
import org.clinicledger.ui.common.ShortcutsDialog;
import org.clinicledger.ui.common.WindowGeometry;
import org.clinicledger.ui.doctor.DoctorView;
import org.clinicledger.ui.exchange.ExportDialog;
import org.clinicledger.ui.exchange.ExportViewModel;
import org.clinicledger.ui.exchange.ImportDialog;
import org.clinicledger.ui.exchange.ImportViewModel;
import org.clinicledger.ui.ledger.LedgerView;
import org.clinicledger.ui.ledger.LedgerViewModel;
import org.clinicledger.ui.patient.PatientView;
import org.clinicledger.ui.receipt.CheckReceiptView;
import org.clinicledger.ui.receipt.CheckReceiptViewModel;
import org.clinicledger.ui.reception.EmergencyAccessViewModel;
import org.clinicledger.ui.reception.PatientRegistrationViewModel;
import org.clinicledger.ui.reception.PatientSearchViewModel;
import org.clinicledger.ui.reception.KeyRecoveryViewModel;
import org.clinicledger.ui.reception.ReceptionView;
import org.clinicledger.ui.reception.ReceptionViewModel;
import org.clinicledger.ui.reception.SignInDelayViewModel;
import org.clinicledger.ui.reception.StaffRegistrationViewModel;
import org.clinicledger.ui.preferences.PreferencesDialog;
import org.clinicledger.ui.preferences.PreferencesViewModel;
import org.clinicledger.ui.setup.FirstRunView;
import org.clinicledger.ui.setup.FirstRunViewModel;
import org.clinicledger.ui.setup.ReplicaStart;
import org.clinicledger.ui.setup.ReplicaViewModel;
import org.clinicledger.ui.staff.StaffListView;
import org.clinicledger.ui.staff.StaffListViewModel;
import org.clinicledger.ui.signin.SignInView;
import org.clinicledger.ui.signin.SignInViewModel;
import org.clinicledger.ui.common.Texts;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.Notifications;
import org.slf4j.LoggerFactory;

/**
 * The single main window: menu, status bar, and in the centre the first-run screen, the sign-in
 * screen, or the tabs that fit the signed-in person's role. While someone is signed in, input on the
 * window counts as activity; after the idle limit without any, the window locks.
 */
final class MainWindow {

    static final String TITLE = Texts.get("main.clinicledger");
    private static final List<ShortcutsDialog.Key> TAB_KEYS = List.of(
            new ShortcutsDialog.Key(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN).getDisplayText()
                    + ", 2, …", Texts.get("main.goToTheFirst")),
            new ShortcutsDialog.Key(Texts.get("main.enter"), Texts.get("main.theHighlightedButtonOf")),
            new ShortcutsDialog.Key(Texts.get("main.esc"), Texts.get("main.closeADialogWithout")));

    private final Stage stage;
    /** Replaced when the folder, opened empty for set-up, is made a replica (and opened again). */
    private Workspace workspace;
    private final Supplier<Workspace> reopened;
    private final ReplicaViewModel replica;
    /** An export file the application was opened with, until its import or replica form is shown. */
    private Path fileToOpen;
    private final BackgroundTasks tasks;
    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final String suggestedName;
    private final PauseTransition idleTimer = new PauseTransition();
    private final ListChangeListener<Window> dialogActivity = this::watchDialogs;
    private FirstRunViewModel setup;
    /** What someone who is not signed in is looking at. */
    private SignedOutPage signedOutPage = SignedOutPage.SIGN_IN;
    private FilePicker files;
    /** File ▸ Back up… and the reminder under the menu, while an administrator is signed in; else null. */
    private BackupViewModel backup;
    private final BooleanProperty administrator = new SimpleBooleanProperty(this, "administrator");
    private final VBox reminderSlot = new VBox();
    /** This computer's preferences; replaced when File ▸ Preferences… saves new ones. */
    private Preferences preferences;
    /** How long announced work must have run for its end to be told in a notice. */
    private final Duration noticeAfter;

    /** The pages that need no password. */
    private enum SignedOutPage {
        SIGN_IN,
        /** Verifying the ledger. */
        LEDGER,
        /** Checking a receipt. */
        CHECK_RECEIPT
    }

    /**
     * @param clinic the set-up clinic, or null while first-run set-up is to be done
     * @param suggestedName a name an earlier version gave the clinic without setting it up, or null
     * @param idleLimit how long the window may stay untouched before it locks
     * @param noticeAfter how long announced work must have run for its end to be told in a notice
     * @param replicas makes the data folder a replica; afterwards {@code reopened} gives the folder opened again
     */
    MainWindow(Stage stage, Workspace workspace, ClinicProfile clinic, String suggestedName, BackgroundTasks tasks,
            Duration idleLimit, Duration noticeAfter, ReplicaStart replicas, Supplier<Workspace> reopened) {
        this.suggestedName = suggestedName;
        this.noticeAfter = noticeAfter;
        this.preferences = Preferences.load(workspace.root());
        tasks.whenWorkFinishes(this::announce);
        this.stage = stage;
        this.workspace = workspace;
        this.reopened = reopened;
        this.tasks = tasks;
        this.replica = new ReplicaViewModel(replicas, tasks);
        replica.whenDone(this::replicaMade, () -> {
            this.workspace = reopened.get();
            showContent();
        });
        this.files = new FxFilePicker(() -> stage);
        this.model = new MainViewModel(workspace.root(), clinic, Clock.systemUTC(), idleLimit);
        root.setTop(new VBox(menuBar(), reminderSlot));
        root.setBottom(statusBar());
        showContent();
        model.needsSetupProperty().addListener((observable, before, now) -> {
            if (!now && setup != null) {
                model.clinicSetUp(Username.normalize(setup.administratorProperty().get()));
                setup = null;
            }
            showContent();
        });
        model.sessionProperty().addListener((observable, before, now) -> {
            signedOutPage = SignedOutPage.SIGN_IN;
            if (now == null) {
                closeOpenDialogs();
            }
            showContent();
            watchIdleTime(now != null);
        });
        idleTimer.setOnFinished(event -> {
            Duration left = model.lockIfIdle();
            if (!left.isZero()) {
                idleTimer.setDuration(fx(left));
                idleTimer.playFromStart();
            }
        });
        stage.titleProperty().bind(Bindings.createStringBinding(() -> model.clinicProperty().get() == null
                ? TITLE : model.clinicProperty().get().name() + " — " + TITLE, model.clinicProperty()));
    }

    /**
     * Hides every dialog of this window: after signing out or locking, an opened record (decrypted
     * content) or a half-filled form must not stay on the screen, nor act without a session.
     */
    private void closeOpenDialogs() {
        for (Window window : List.copyOf(Window.getWindows())) {
            if (window != stage && window.isShowing() && ownedByThisWindow(window)) {
                window.hide();
            }
        }
    }

    private boolean ownedByThisWindow(Window window) {
        for (Window owner = window instanceof Stage child ? child.getOwner() : null; owner != null;
                owner = owner instanceof Stage parent ? parent.getOwner() : null) {
            if (owner == stage) {
                return true;
            }
        }
        return false;
    }

    /** Applies the remembered size and position and shows the window. */
    void show() {
        Scene scene = decorate(stage, root);
        scene.addEventFilter(InputEvent.ANY, event -> noteActivity());
        selectTabByKey(scene);
        Window.getWindows().addListener(dialogActivity);
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

    /**
     * The folder is a replica now: the window takes the folder opened again and moves on to signing
     * in, offering the person's username. The clinic's name is read in the background.
     */
    private void replicaMade(String username) {
        workspace = reopened.get();
        setup = null;
        replica.shownProperty().set(false);
        tasks.task(Texts.get("main.openingTheReplica"), progress -> workspace.clinic().profile().orElseThrow())
                .onSuccess(clinic -> {
                    model.replicaMade(username);
                    model.clinicProperty().set(clinic);
                })
                .start();
    }

    /**
     * Starts the import of {@code file}, given when the application was opened with it: signed in,
     * the import dialog with the file chosen; on a folder with no clinic, the replica form; else
     * once someone has signed in.
     */
    void openFile(Path file) {
        fileToOpen = file;
        showContent();
    }

    /** The window's shared state; for tests. */
    MainViewModel model() {
        return model;
    }

    /** Chooses files another way than the system's file chooser, for the views shown from now on (tests). */
    void useFilePicker(FilePicker picker) {
        this.files = picker;
    }

    /** Lets go of the stage when the application stops. */
    void dispose() {
        Window.getWindows().removeListener(dialogActivity);
        idleTimer.stop();
        model.close();
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
        showBackup(model.needsSetupProperty().get() ? null : model.sessionProperty().get());
        if (model.needsSetupProperty().get()) {
            setup = new FirstRunViewModel(workspace, tasks, model.clinicProperty(), suggestedName);
            if (fileToOpen != null) {
                replica.offer(fileToOpen);
                fileToOpen = null;
            }
            root.setCenter(new FirstRunView(setup, replica, files, workspace.root()));
            return;
        }
        Session session = model.sessionProperty().get();
        if (session == null) {
            root.setCenter(switch (signedOutPage) {
                case SIGN_IN -> signIn();
                case LEDGER -> withoutSigningIn(new LedgerView(new LedgerViewModel(workspace, tasks), files));
                case CHECK_RECEIPT -> withoutSigningIn(new CheckReceiptView(
                        new CheckReceiptViewModel(workspace.receipts(), tasks), files));
            });
            return;
        }
        refreshCounts();
        TabPane tabs = new TabPane();
        switch (session.role()) {
            case ADMINISTRATOR, RECEPTIONIST -> tabs.getTabs().add(tab("receptionTab", Texts.get("main.reception"),
                    reception(session)));
            case DOCTOR -> tabs.getTabs().add(tab("doctorTab", Texts.get("main.doctor"), doctorView(session)));
            case PATIENT -> tabs.getTabs().add(tab("patientTab", Texts.get("main.patient"), patientView(session)));
        }
        if (StaffListViewModel.isFor(session.role())) {
            tabs.getTabs().add(tab("staffTab", Texts.get("main.staff"), new StaffListView(
                    new StaffListViewModel(workspace.accounts(), session, tasks))));
        }
        tabs.getTabs().add(tab("ledgerTab", Texts.get("main.ledger"), new LedgerView(new LedgerViewModel(workspace,
                tasks), files)));
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
        if (fileToOpen != null) {
            Path file = fileToOpen;
            fileToOpen = null;
            Platform.runLater(() -> showImport(file));
        }
    }

    private void showExport() {
        Session session = model.sessionProperty().get();
        if (session != null && ExportViewModel.mayExport(session.role())) {
            ExportDialog.show(stage, new ExportViewModel(workspace.exchange(), session, tasks), tasks, files);
        }
    }

    /** The import dialog, with {@code file} chosen or (null) none yet. */
    private void showImport(Path file) {
        Session session = model.sessionProperty().get();
        if (session == null) {
            return;
        }
        ImportViewModel importing = new ImportViewModel(workspace.exchange(), session, tasks, this::showImported);
        importing.fileProperty().set(file);
        ImportDialog.show(stage, importing, tasks, files);
    }

    /** After an import added blocks: the tabs are made again, so that every list shows them; the same tab stays. */
    private void showImported() {
        if (!(root.getCenter() instanceof TabPane before) || model.sessionProperty().get() == null) {
            return;
        }
        int selected = before.getSelectionModel().getSelectedIndex();
        showContent();
        if (root.getCenter() instanceof TabPane after) {
            after.getSelectionModel().select(selected);
        }
    }

    /** Backing up is an administrator's: the menu item and the reminder exist only for them. */
    private void showBackup(Session session) {
        boolean allowed = session != null && session.role() == Role.ADMINISTRATOR;
        administrator.set(allowed);
        backup = allowed ? new BackupViewModel(workspace.backups(), session, tasks, () -> files, Clock.systemUTC()) : null;
        if (backup == null) {
            reminderSlot.getChildren().clear();
            return;
        }
        reminderSlot.getChildren().setAll(new BackupReminderBar(backup));
        backup.refreshReminder();
    }

    private Parent signIn() {
        SignInViewModel signIn = new SignInViewModel(workspace.accounts(), tasks, model::signedIn,
                model.lastUsernameProperty().get(), model.signInNoticeProperty().get());
        ClinicProfile clinic = model.clinicProperty().get();
        return new SignInView(signIn, clinic == null ? TITLE : clinic.name(), () -> showSignedOut(SignedOutPage.LEDGER),
                () -> showSignedOut(SignedOutPage.CHECK_RECEIPT));
    }

    private void showSignedOut(SignedOutPage page) {
        signedOutPage = page;
        showContent();
    }

    /**
     * A page for someone who is not signed in, with the way back to sign-in: verifying the ledger
     * and checking a receipt need no password.
     */
    private Parent withoutSigningIn(Parent page) {
        Button back = new Button(Texts.get("main.backToSignIn"));
        back.setId("backToSignInButton");
        back.setOnAction(event -> showSignedOut(SignedOutPage.SIGN_IN));
        ToolBar bar = new ToolBar(back);
        return new BorderPane(page, bar, null, null, null);
    }

    private Parent reception(Session session) {
        PatientRegistrationViewModel patients = new PatientRegistrationViewModel(workspace, session, tasks,
                this::refreshCounts);
        StaffRegistrationViewModel staff = new StaffRegistrationViewModel(workspace.accounts(), session, tasks, () -> {
            refreshCounts();
            // A new doctor can be a patient's first doctor at once.
            patients.loadDoctors();
        });
        EmergencyAccessViewModel emergency = session.role() == Role.ADMINISTRATOR
                ? new EmergencyAccessViewModel(workspace, session, tasks) : null;
        return new ReceptionView(new ReceptionViewModel(workspace.clinic(), session, tasks, model.clinicProperty()),
                model.accountCountsProperty(), new PatientSearchViewModel(workspace.registrations(), session, tasks,
                        files),
                patients, staff, emergency, new SignInDelayViewModel(workspace.accounts(), session, tasks),
                session.role() != Role.ADMINISTRATOR ? null
                        : new KeyRecoveryViewModel(workspace.accounts(), workspace.keyRecovery(), session, tasks));
    }

    /** The Doctor tab: the signed-in doctor's patients, records and chain. */
    private Parent doctorView(Session session) {
        return new DoctorView(workspace, session, tasks, tasks.dialogs());
    }

    /** The Patient tab: the signed-in patient's records, chain, readers and who opened what. */
    private Parent patientView(Session session) {
        return new PatientView(workspace, session, tasks, tasks.dialogs(), files);
    }

    private void refreshCounts() {
        tasks.task(Texts.get("main.countingAccounts"), progress -> workspace.clinic().accountCounts())
                .onSuccess(model.accountCountsProperty()::set)
                .start();
    }

    /** Typing into a dialog the window opened is activity too. */
    private void watchDialogs(ListChangeListener.Change<? extends Window> change) {
        while (change.next()) {
            for (Window opened : change.getAddedSubList()) {
                if (opened != stage && opened.getScene() != null) {
                    opened.getScene().addEventFilter(InputEvent.ANY, event -> noteActivity());
                }
            }
        }
    }

    /** Input on the window while someone is signed in postpones the lock. */
    private void noteActivity() {
        if (model.sessionProperty().get() == null) {
            return;
        }
        model.recordActivity();
        idleTimer.setDuration(fx(model.idleLimit()));
        idleTimer.playFromStart();
    }

    private static javafx.util.Duration fx(Duration duration) {
        return javafx.util.Duration.millis(duration.toMillis());
    }

    private void watchIdleTime(boolean signedIn) {
        if (signedIn) {
            idleTimer.setDuration(fx(model.idleLimit()));
            idleTimer.playFromStart();
        } else {
            idleTimer.stop();
        }
    }

    private static Tab tab(String id, String title, Parent content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    private MenuBar menuBar() {
        MenuItem quit = new MenuItem(Texts.get("main.quit"));
        quit.setId("quitMenuItem");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(event -> {
            saveGeometry();
            Platform.exit();
        });
        MenuItem about = new MenuItem(Texts.get("main.aboutClinicledger"));
        about.setId("aboutMenuItem");
        about.setOnAction(event -> AboutDialog.create(stage, workspace.root().toString(),
                workspace.clinic().fingerprint()).showAndWait());
        MenuItem signOut = new MenuItem(Texts.get("main.signOut"));
        signOut.setId("signOutMenuItem");
        signOut.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        signOut.disableProperty().bind(model.sessionProperty().isNull());
        signOut.setOnAction(event -> model.signOut());
        MenuItem export = new MenuItem(Texts.get("main.export"));
        export.setId("exportMenuItem");
        export.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        export.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.sessionProperty().get() != null
                && ExportViewModel.mayExport(model.sessionProperty().get().role()), model.sessionProperty()));
        export.disableProperty().bind(export.visibleProperty().not());
        export.setOnAction(event -> showExport());
        MenuItem importFile = new MenuItem(Texts.get("main.import"));
        importFile.setId("importMenuItem");
        importFile.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        importFile.visibleProperty().bind(model.sessionProperty().isNotNull());
        importFile.disableProperty().bind(importFile.visibleProperty().not());
        importFile.setOnAction(event -> showImport(null));
        SeparatorMenuItem exchange = new SeparatorMenuItem();
        exchange.visibleProperty().bind(model.sessionProperty().isNotNull());
        MenuItem backUp = new MenuItem(Texts.get("main.backUp"));
        backUp.setId("backupMenuItem");
        backUp.setAccelerator(KeyCombination.keyCombination("Shortcut+B"));
        backUp.visibleProperty().bind(administrator);
        backUp.disableProperty().bind(administrator.not());
        backUp.setOnAction(event -> {
            if (backup != null) {
                backup.backUp();
            }
        });
        SeparatorMenuItem afterBackUp = new SeparatorMenuItem();
        afterBackUp.visibleProperty().bind(administrator);
        MenuItem preferences = new MenuItem(Texts.get("main.preferences"));
        preferences.setId("preferencesMenuItem");
        preferences.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
        preferences.setOnAction(event -> PreferencesDialog.showAndWait(stage,
                new PreferencesViewModel(workspace.root(), this.preferences, chosen -> this.preferences = chosen)));
        Menu file = new Menu(Texts.get("main.file"), null, export, importFile, exchange, backUp, afterBackUp,
                preferences,
                new SeparatorMenuItem(), signOut, new SeparatorMenuItem(), quit);
        file.setId("fileMenu");
        MenuItem keys = new MenuItem(Texts.get("main.keyboardShortcuts"));
        keys.setId("shortcutsMenuItem");
        keys.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        Menu help = new Menu(Texts.get("main.help"), null, keys, new SeparatorMenuItem(), about);
        help.setId("helpMenu");
        MenuBar bar = new MenuBar(file, accountMenu(), help);
        keys.setOnAction(event -> ShortcutsDialog.create(stage, bar, TAB_KEYS).showAndWait());
        return bar;
    }

    /** Says, in a corner of the window, that long work someone started is done (File ▸ Preferences… turns it off). */
    private void announce(BackgroundTasks.Finished finished) {
        if (!preferences.finishedWorkNotices() || finished.took().compareTo(noticeAfter) < 0 || !stage.isShowing()) {
            return;
        }
        Notifications.create()
                .owner(stage)
                .title(Texts.get("main.done"))
                .text(Texts.format("main.finishedAfter", finished.title(), took(finished.took())))
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(javafx.util.Duration.seconds(8))
                .showInformation();
    }

    private static String took(Duration took) {
        long seconds = Math.max(1, Math.round(took.toMillis() / 1000.0));
        return seconds < 60 ? Texts.format("main.seconds", String.valueOf(seconds))
                : Texts.format("main.minutesAndSeconds", String.valueOf(seconds / 60), String.valueOf(seconds % 60));
    }

    /** Shortcut+1, +2, … select the first, second, … tab. */
    private void selectTabByKey(Scene scene) {
        for (int index = 0; index < 9; index++) {
            int tab = index;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(index + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> {
                        if (root.getCenter() instanceof TabPane tabs && tab < tabs.getTabs().size()) {
                            tabs.getSelectionModel().select(tab);
                        }
                    });
        }
    }

    /** Account ▸ Change password…, for whoever is signed in. */
    private Menu accountMenu() {
        MenuItem changePassword = new MenuItem(Texts.get("main.changePassword"));
        changePassword.setId("changePasswordMenuItem");
        changePassword.disableProperty().bind(model.sessionProperty().isNull());
        changePassword.setOnAction(event -> {
            Session session = model.sessionProperty().get();
            if (session != null) {
                ChangePasswordDialog.show(stage, new ChangePasswordViewModel(workspace.accounts(), session.username(),
                        tasks), () -> tasks.dialogs().showInformation(Texts.get("main.passwordChanged"),
                                Texts.get("main.yourPasswordIsChanged")));
            }
        });
        Menu account = new Menu(Texts.get("main.account"), null, changePassword);
        account.setId("accountMenu");
        account.visibleProperty().bind(model.sessionProperty().isNotNull());
        return account;
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
        Label signedIn = new Label();
        signedIn.setId("signedInUser");
        signedIn.textProperty().bind(model.signedInTextProperty());
        Button signOut = new Button(Texts.get("main.signOut2"));
        signOut.setId("signOutButton");
        signOut.getStyleClass().add(Styles.SMALL);
        signOut.setOnAction(event -> model.signOut());
        HBox who = new HBox(8, signedIn, signOut);
        who.setAlignment(Pos.CENTER_RIGHT);
        who.visibleProperty().bind(model.sessionProperty().isNotNull());
        who.managedProperty().bind(who.visibleProperty());
        status.getRightItems().add(who);
        return status;
    }
}
