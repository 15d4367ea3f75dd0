package org.clinicledger.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.clinicledger.domain.RefusedException;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final List<Runnable> queuedWork = new ArrayList<>();
    private final Executor queue = queuedWork::add;
    private final ManualTicker ticker = new ManualTicker();
    private final BackgroundTasks tasks = new BackgroundTasks(queue, Runnable::run, ticker, dialogs);

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
    void onlyAnnouncedWorkThatEndedWellIsToldAsFinished() {
        List<String> finished = new ArrayList<>();
        tasks.whenWorkFinishes(done -> finished.add(done.title() + " " + !done.took().isNegative()));
        tasks.task("Counting", progress -> 1).start();
        tasks.task("Exporting", progress -> 2).announced().start();
        tasks.task("Backing up", progress -> {
            throw new RefusedException("No room.");
        }).announced().start();
        while (!queuedWork.isEmpty()) {
            queuedWork.remove(0).run();
        }
        assertThat(finished).containsExactly("Exporting true");
        assertThat(dialogs.shown).containsExactly("error: Backing up: No room.");
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

    @Test
    void onFinishedRunsBeforeTheSuccessOrFailureCallback() {
        List<String> seen = new ArrayList<>();
        tasks.task("Fine", progress -> "result").onFinished(() -> seen.add("finished"))
                .onSuccess(result -> seen.add("success")).start();
        tasks.task("Broken", progress -> {
            throw new RefusedException("No.");
        }).onFinished(() -> seen.add("finished")).onFailure(failure -> seen.add("failure")).start();
        assertThat(seen).isEmpty();

        queuedWork.remove(0).run();
        queuedWork.remove(0).run();
        assertThat(seen).containsExactly("finished", "success", "finished", "failure");
    }

    @Test
    void scheduledWorkComesRoundEveryPeriodOnTheWorkerNotTheUiThread() {
        AtomicInteger rounds = new AtomicInteger();
        tasks.schedule("Tidying up", Duration.ofMinutes(15), progress -> rounds.incrementAndGet());
        assertThat(ticker.periods).containsExactly(Duration.ofMinutes(15));
        assertThat(queuedWork).as("nothing before the first period has passed").isEmpty();

        ticker.tick();
        assertThat(rounds).as("handed to the worker, not run on the ticking thread").hasValue(0);
        assertThat(tasks.messageProperty().get()).isEqualTo("Tidying up…");
        queuedWork.remove(0).run();
        ticker.tick();
        queuedWork.remove(0).run();

        assertThat(rounds).hasValue(2);
        assertThat(tasks.runningProperty().get()).isFalse();
    }

    @Test
    void aFailedRoundIsLoggedNotShownAndTheNextComesRound() {
        AtomicInteger rounds = new AtomicInteger();
        tasks.schedule("Tidying up", Duration.ofMinutes(15), progress -> {
            if (rounds.incrementAndGet() == 1) {
                throw new IllegalStateException("disk busy");
            }
            return null;
        });

        ticker.tick();
        queuedWork.remove(0).run();
        ticker.tick();
        queuedWork.remove(0).run();

        assertThat(rounds).hasValue(2);
        assertThat(dialogs.shown).isEmpty();
        assertThat(tasks.runningProperty().get()).isFalse();
    }

    @Test
    void cancelledWorkComesRoundNoMore() {
        AtomicInteger rounds = new AtomicInteger();
        BackgroundTasks.Scheduled scheduled = tasks.schedule("Tidying up", Duration.ofSeconds(1),
                progress -> rounds.incrementAndGet());

        scheduled.cancel();
        ticker.tick();

        assertThat(queuedWork).isEmpty();
        assertThat(rounds).hasValue(0);
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> tasks.schedule("Never", Duration.ZERO, progress -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ticker.periods).isEmpty();
    }

    @Test
    void theApplicationsTimerTicksEveryPeriodUntilCancelled() throws InterruptedException {
        CountDownLatch threeTicks = new CountDownLatch(3);
        List<String> threads = new ArrayList<>();
        BackgroundTasks.Scheduled scheduled = BackgroundTasks.timerThread().every(Duration.ofMillis(5), () -> {
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
            threeTicks.countDown();
        });
        assertThat(threeTicks.await(10, TimeUnit.SECONDS)).isTrue();
        scheduled.cancel();
        // A tick already under way when cancelled may still finish.
        Thread.sleep(20);
        int ticked;
        synchronized (threads) {
            ticked = threads.size();
            assertThat(threads).allMatch("clinicledger-schedule"::equals);
        }

        Thread.sleep(50);
        synchronized (threads) {
            assertThat(threads).as("no tick after the cancel").hasSize(ticked);
        }
    }
}
