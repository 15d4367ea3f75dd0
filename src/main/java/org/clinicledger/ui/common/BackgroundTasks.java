package org.clinicledger.ui.common;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.clinicledger.domain.Progress;
import org.slf4j.LoggerFactory;

/**
 * The one way the window runs work off the JavaFX thread: database access, cryptography, files.
 * Work reports progress, which the status bar shows; success and failure callbacks run on the
 * JavaFX thread. Upkeep that comes round on its own is {@link #schedule scheduled} here too, so that
 * no view holds a timer for business work. Tests use {@link #direct} to run everything synchronously
 * on the calling thread, with scheduled work coming round only when the test makes it.
 */
public final class BackgroundTasks {

    /** Work that runs in the background and may report progress. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** Makes scheduled work come round: a timer thread in the application, the test itself in tests. */
    @FunctionalInterface
    public interface Ticker {
        /** Calls {@code tick}, from any thread, every {@code period} (the first time after one period). */
        Scheduled every(Duration period, Runnable tick);
    }

    /** Work that comes round until it is cancelled. */
    @FunctionalInterface
    public interface Scheduled {
        /** No further rounds start; one already running finishes. */
        void cancel();
    }

    private static final long PROGRESS_INTERVAL_NANOS = 50_000_000L;

    private final Executor worker;
    private final Executor uiThread;
    private final Ticker ticker;
    private final DialogService dialogs;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private int active;
    private Consumer<Finished> finishedWork = finished -> { };

    /** A job someone asked for that ended well: what it was and how long it ran. */
    public record Finished(String title, java.time.Duration took) {
    }

    BackgroundTasks(Executor worker, Executor uiThread, Ticker ticker, DialogService dialogs) {
        this.worker = worker;
        this.uiThread = uiThread;
        this.ticker = ticker;
        this.dialogs = dialogs;
    }

    /** Work on a small pool of daemon threads, callbacks on the JavaFX thread. */
    public static BackgroundTasks forApplication(DialogService dialogs) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                work -> {
                    Thread thread = new Thread(work, "clinicledger-task-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        return new BackgroundTasks(pool, Platform::runLater, timerThread(), dialogs);
    }

    /** Everything on the calling thread, for tests of view models; scheduled work never comes round. */
    public static BackgroundTasks direct(DialogService dialogs) {
        return direct(dialogs, (period, tick) -> () -> { });
    }

    /** Everything on the calling thread, scheduled work whenever {@code ticker} says. */
    public static BackgroundTasks direct(DialogService dialogs, Ticker ticker) {
        return new BackgroundTasks(Runnable::run, Runnable::run, ticker, dialogs);
    }

    /** One daemon thread that only says when scheduled work is due; the work itself runs on the pool. */
    static Ticker timerThread() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(tick -> {
            Thread thread = new Thread(tick, "clinicledger-schedule");
            thread.setDaemon(true);
            return thread;
        });
        return (period, tick) -> {
            long millis = period.toMillis();
            ScheduledFuture<?> rounds = timer.scheduleAtFixedRate(tick, millis, millis, TimeUnit.MILLISECONDS);
            return () -> rounds.cancel(false);
        };
    }

    /** Describes a job; nothing runs until {@link Job#start()}. */
    public <T> Job<T> task(String title, Work<T> work) {
        return new Job<>(title, work);
    }

    /**
     * Runs {@code work} in the background every {@code period}, shown in the status bar like any job,
     * until the returned schedule is cancelled. A failed round is logged, not shown: nobody asked for
     * it, and the next round tries again.
     */
    public Scheduled schedule(String title, Duration period, Work<?> work) {
        Objects.requireNonNull(title);
        Objects.requireNonNull(work);
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("The period must be positive: " + period);
        }
        return ticker.every(period, () -> uiThread.execute(() -> task(title, work)
                .onFailure(failure -> LoggerFactory.getLogger(BackgroundTasks.class)
                        .warn("Could not finish '{}' now; it is tried again in {}", title, period, failure))
                .start()));
    }

    /**
     * Tells {@code listener}, on the JavaFX thread, of every {@linkplain Job#announced() announced}
     * job that ended well, so that the window can say so when it took long enough to have been
     * left to itself. One listener; a later call replaces it.
     */
    public void whenWorkFinishes(Consumer<Finished> listener) {
        this.finishedWork = Objects.requireNonNull(listener);
    }

    /** The dialog service failures are reported through by default. */
    public DialogService dialogs() {
        return dialogs;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** From 0 to 1, or -1 while the amount of work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** One piece of background work with its callbacks. */
    public final class Job<T> {
        private final String title;
        private final Work<T> work;
        private Consumer<? super T> onSuccess = result -> { };
        private Consumer<Throwable> onFailure;
        private Runnable onFinished = () -> { };
        private boolean announced;

        private Job(String title, Work<T> work) {
            this.title = Objects.requireNonNull(title);
            this.work = Objects.requireNonNull(work);
            this.onFailure = failure -> dialogs.reportFailure(title, failure);
        }

        public Job<T> onSuccess(Consumer<? super T> callback) {
            this.onSuccess = Objects.requireNonNull(callback);
            return this;
        }

        /** Replaces the default, which reports the failure through the dialog service. */
        public Job<T> onFailure(Consumer<Throwable> callback) {
            this.onFailure = Objects.requireNonNull(callback);
            return this;
        }

        /**
         * Runs on the JavaFX thread when the work has ended, however it ended, before the success or
         * failure callback: the one place to say the work is no longer running.
         */
        public Job<T> onFinished(Runnable callback) {
            this.onFinished = Objects.requireNonNull(callback);
            return this;
        }

        /**
         * Work someone started and may have turned away from (an export, a backup, verifying the
         * ledger): when it ends well, {@link #whenWorkFinishes} is told.
         */
        public Job<T> announced() {
            this.announced = true;
            return this;
        }

        /** Starts the work; call from the JavaFX thread. */
        public void start() {
            begin(title);
            long started = System.nanoTime();
            AtomicLong lastUpdate = new AtomicLong();
            Progress reporter = (done, total, text) -> {
                long now = System.nanoTime();
                boolean finished = total > 0 && done >= total;
                if (finished || now - lastUpdate.get() >= PROGRESS_INTERVAL_NANOS) {
                    lastUpdate.set(now);
                    uiThread.execute(() -> {
                        progress.set(total > 0 ? Math.min(1.0, (double) done / total) : -1);
                        if (text != null) {
                            message.set(text);
                        }
                    });
                }
            };
            worker.execute(() -> {
                T result;
                try {
                    result = work.run(reporter);
                } catch (Exception | Error failure) {
                    uiThread.execute(() -> {
                        end();
                        onFinished.run();
                        onFailure.accept(failure);
                    });
                    return;
                }
                java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
                uiThread.execute(() -> {
                    end();
                    onFinished.run();
                    onSuccess.accept(result);
                    if (announced) {
                        finishedWork.accept(new Finished(title, took));
                    }
                });
            });
        }
    }

    private void begin(String title) {
        active++;
        running.set(true);
        message.set(title + "…");
        progress.set(-1);
    }

    private void end() {
        active--;
        if (active == 0) {
            running.set(false);
            message.set("");
            progress.set(0);
        }
    }
}
