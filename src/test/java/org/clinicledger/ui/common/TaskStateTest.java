package org.clinicledger.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.clinicledger.domain.RefusedException;
import org.junit.jupiter.api.Test;

class TaskStateTest {

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final List<Runnable> queuedWork = new ArrayList<>();
    private final Executor queue = queuedWork::add;
    private final BackgroundTasks tasks = new BackgroundTasks(queue, Runnable::run, new ManualTicker(), dialogs);
    private final TaskState form = TaskState.inForm(tasks).unexpectedProblem("Nothing was saved.");

    private void fail(TaskState state, RuntimeException failure) {
        fail(state, failure, reported -> { });
    }

    /** Runs work that fails with {@code failure} through {@code state} to the end. */
    private void fail(TaskState state, RuntimeException failure, Consumer<Throwable> onFailure) {
        state.run("Saving", progress -> {
            throw failure;
        }, result -> { }, onFailure);
        queuedWork.remove(0).run();
        assertThat(state.isBusy()).as("no longer busy after a failure").isFalse();
    }

    @Test
    void busyFromTheStartUntilTheWorkEndsAndNoLongerBusyWhenSuccessIsTold() {
        form.problemProperty().set("An old problem.");
        List<Boolean> busyWhenTold = new ArrayList<>();
        form.run("Saving", progress -> "done", result -> busyWhenTold.add(form.isBusy()));

        assertThat(form.isBusy()).isTrue();
        assertThat(form.problemProperty().get()).as("cleared when a run starts").isEmpty();
        queuedWork.remove(0).run();
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(busyWhenTold).containsExactly(false);
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void anExpectedFailureShowsOnTheProblemLineInPlainWords() {
        fail(form, new RefusedException("The username is taken."));

        assertThat(form.problemProperty().get()).isEqualTo("The username is taken.");
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void anUnexpectedFailureGoesToADialogWithAnErrorCode() {
        fail(form, new IllegalStateException("bug"));

        assertThat(form.problemProperty().get()).isEqualTo("Nothing was saved.");
        assertThat(dialogs.shown).singleElement().asString().matches("unexpected: [A-Z2-9]{4}-[A-Z2-9]{4}");
    }

    @Test
    void theFailureCallbackRunsBeforeTheFailureIsTold() {
        List<String> seen = new ArrayList<>();
        form.problemProperty().addListener((observable, before, now) -> seen.add("problem: " + now));
        fail(form, new RefusedException("Not allowed."), failure -> seen.add("failure, busy " + form.isBusy()));

        assertThat(seen).containsExactly("failure, busy false", "problem: Not allowed.");
    }

    @Test
    void withoutAProblemLineEveryFailureIsToldInADialogUnderItsOwnTitle() {
        TaskState checking = TaskState.inDialogs(tasks).reportedAs("The file could not be checked");
        fail(checking, new RefusedException("The file is locked."));

        assertThat(checking.problemProperty().get()).isEmpty();
        assertThat(dialogs.shown).containsExactly("error: The file could not be checked: The file is locked.");
    }
}
