package org.clinicledger.ui.common;

import java.util.Objects;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.domain.UserFacingException;

/**
 * What a view model shows of one action it runs in the background (saving a form, signing in,
 * searching): whether it is running, which a view binds its button and spinner to, and the sentence
 * saying why it failed. Running ends in one place whatever the outcome, so a failure can never leave
 * a form stuck as busy. Whether a request made while {@link #isBusy()} is ignored is the view model's
 * choice: a form ignores a second click, while some changes may be queued behind one another.
 */
public final class TaskState {

    private final BackgroundTasks tasks;
    private final boolean expectedInForm;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private String reportedAs;
    private String unexpectedProblem = "";
    private boolean announced;

    private TaskState(BackgroundTasks tasks, boolean expectedInForm) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.expectedInForm = expectedInForm;
    }

    /**
     * For an action started from a form: failures the person can act on (a refusal, bad input, a
     * wrong password) show as the service words them in {@link #problemProperty()}; anything else in
     * a dialog with an error code.
     */
    public static TaskState inForm(BackgroundTasks tasks) {
        return new TaskState(tasks, true);
    }

    /** For an action with no problem line of its own: every failure is told in a dialog. */
    public static TaskState inDialogs(BackgroundTasks tasks) {
        return new TaskState(tasks, false);
    }

    /** The title of the failure dialog, when it is not the title the status bar shows while running. */
    public TaskState reportedAs(String dialogTitle) {
        this.reportedAs = Objects.requireNonNull(dialogTitle);
        return this;
    }

    /** What the problem line says when an unexpected failure goes to a dialog; empty by default. */
    public TaskState unexpectedProblem(String sentence) {
        this.unexpectedProblem = Objects.requireNonNull(sentence);
        return this;
    }

    /** Long work someone asked for: the window says when it is done (see {@link BackgroundTasks.Job#announced()}). */
    public TaskState announced() {
        this.announced = true;
        return this;
    }

    /** Runs the action; {@code onSuccess} is told on the JavaFX thread once it is no longer busy. */
    public <T> void run(String title, BackgroundTasks.Work<T> work, Consumer<? super T> onSuccess) {
        run(title, work, onSuccess, failure -> { });
    }

    /**
     * Clears the problem, marks the action busy and starts it; call from the JavaFX thread. On a
     * failure, {@code onFailure} is told first, so that it can clear what no longer holds, then the
     * failure is shown.
     */
    public <T> void run(String title, BackgroundTasks.Work<T> work, Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        Objects.requireNonNull(onFailure);
        problem.set("");
        busy.set(true);
        BackgroundTasks.Job<T> job = tasks.task(title, work);
        if (announced) {
            job.announced();
        }
        job.onFinished(() -> busy.set(false))
                .onSuccess(onSuccess)
                .onFailure(failure -> {
                    onFailure.accept(failure);
                    tell(title, failure);
                })
                .start();
    }

    private void tell(String title, Throwable failure) {
        if (expectedInForm && failure instanceof UserFacingException) {
            problem.set(failure.getMessage());
            return;
        }
        if (expectedInForm) {
            problem.set(unexpectedProblem);
        }
        tasks.dialogs().reportFailure(reportedAs == null ? title : reportedAs, failure);
    }

    public boolean isBusy() {
        return busy.get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /**
     * Why the last run failed; empty when nothing is wrong. Writable because the view model's own
     * checks before a run put their sentences on the same line.
     */
    public StringProperty problemProperty() {
        return problem;
    }
}
