package org.clinicledger.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.clinicledger.domain.RefusedException;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final List<Runnable> queuedWork = new ArrayList<>();
    private final Executor queue = queuedWork::add;
    private final BackgroundTasks tasks = new BackgroundTasks(queue, Runnable::run, dialogs);

    @Test
    void showsRunningWithTitleAndProgressUntilTheWorkEnds() {
        List<String> results = new ArrayList<>();
        tasks.task("Counting", progress -> {
            progress.update(1, 4, "one of four");
            progress.update(4, 4, "done");
            return "42";
        }).onSuccess(results::add).start();

        assertThat(tasks.runningProperty().get()).isTrue();
        assertThat(tasks.messageProperty().get()).isEqualTo("Counting…");
        assertThat(tasks.progressProperty().get()).isEqualTo(-1.0);

        queuedWork.remove(0).run();
        assertThat(results).containsExactly("42");
        assertThat(tasks.runningProperty().get()).isFalse();
        assertThat(tasks.messageProperty().get()).isEmpty();
    }

    @Test
    void staysRunningWhileAnyJobRuns() {
        tasks.task("A", progress -> 1).start();
        tasks.task("B", progress -> 2).start();
        queuedWork.remove(0).run();
        assertThat(tasks.runningProperty().get()).isTrue();
        queuedWork.remove(0).run();
        assertThat(tasks.runningProperty().get()).isFalse();
    }

    @Test
    void expectedFailuresAreShownInPlainWordsByDefault() {
        tasks.task("Saving", progress -> {
            throw new RefusedException("Already there.");
        }).start();
        queuedWork.remove(0).run();
        assertThat(dialogs.shown).containsExactly("error: Saving: Already there.");
        assertThat(tasks.runningProperty().get()).isFalse();
    }

    @Test
    void unexpectedFailuresAreShownAsAnErrorCode() {
        tasks.task("Saving", progress -> {
            throw new IllegalStateException("bug");
        }).start();
        queuedWork.remove(0).run();
        assertThat(dialogs.shown).singleElement().asString().matches("unexpected: [A-Z2-9]{4}-[A-Z2-9]{4}");
    }

    @Test
    void aCustomFailureHandlerReplacesTheDialog() {
        List<Throwable> failures = new ArrayList<>();
        tasks.task("Saving", progress -> {
            throw new IllegalStateException("bug");
        }).onFailure(failures::add).start();
        queuedWork.remove(0).run();
        assertThat(failures).hasSize(1);
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void progressIsReportedAsAFraction() {
        List<Double> seen = new ArrayList<>();
        tasks.progressProperty().addListener((observable, before, now) -> seen.add(now.doubleValue()));
        tasks.task("Halves", progress -> {
            progress.update(2, 2, "all");
            return null;
        }).start();
        queuedWork.remove(0).run();
        assertThat(seen).contains(1.0);
    }
}
