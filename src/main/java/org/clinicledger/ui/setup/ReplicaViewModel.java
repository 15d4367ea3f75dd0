package org.clinicledger.ui.setup;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Username;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.CancelSwitch;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * The first-run screen's second way: "Make this computer a replica from an export file…". The
 * file must have been exported with a new machine for the person who signs in here; their password
 * unlocks the machine's key carried in it. The state lives as long as the window, so that a
 * refusal is still on the form when the screen is shown again over the folder opened anew.
 */
public final class ReplicaViewModel {

    private final ReplicaStart replicas;
    private final TaskState making;
    private final CancelSwitch cancel = new CancelSwitch();
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final BooleanBinding canStart;
    private Consumer<String> onMade = made -> { };
    private Runnable onFailed = () -> { };

    public ReplicaViewModel(ReplicaStart replicas, BackgroundTasks tasks) {
        this.replicas = replicas;
        this.making = TaskState.inForm(tasks).reportedAs(Texts.get("setup.replica.thisComputerCouldNot"))
                .unexpectedProblem(Texts.get("setup.replica.thisComputerCouldNot2"));
        canStart = Bindings.createBooleanBinding(() -> !making.isBusy() && file.get() != null
                && !username.get().isBlank() && !password.get().isEmpty(), file, username, password,
                making.busyProperty());
        file.addListener((observable, before, now) -> making.problemProperty().set(""));
        shown.addListener((observable, before, now) -> password.set(""));
    }

    /**
     * @param made told on the JavaFX thread with the username once the folder is a replica
     * @param failed told on the JavaFX thread after a refusal, once the folder is open again
     */
    public void whenDone(Consumer<String> made, Runnable failed) {
        this.onMade = made;
        this.onFailed = failed;
    }

    /** Shows the form with {@code chosen} already filled in (the app was opened with that file). */
    public void offer(Path chosen) {
        file.set(chosen);
        shown.set(true);
    }

    public void start() {
        if (!canStart.get()) {
            return;
        }
        String user;
        try {
            user = Username.normalize(username.get());
        } catch (InvalidInputException e) {
            making.problemProperty().set(e.getMessage());
            return;
        }
        Path chosen = file.get();
        char[] secret = password.get().toCharArray();
        password.set("");
        cancel.reset();
        making.run(Texts.get("setup.replica.makingThisComputerA"), progress -> {
            try {
                return replicas.start(chosen, user, secret, progress, cancel);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }, (ImportSummary summary) -> onMade.accept(user), failure -> onFailed.run());
    }

    public void cancel() {
        if (making.isBusy()) {
            cancel.request();
        }
    }

    /** Whether the first-run screen shows this form rather than the set-up form. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    /** Bound to a password field; emptied when the work starts. */
    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public ReadOnlyBooleanProperty makingProperty() {
        return making.busyProperty();
    }

    public StringProperty problemProperty() {
        return making.problemProperty();
    }
}
