package org.clinicledger.ui.common;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
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

/**
 * The one way the window runs work off the JavaFX thread: database access, cryptography, files.
 * Work reports progress, which the status bar shows; success and failure callbacks run on the
 * JavaFX thread. Tests use {@link #direct} to run everything synchronously on the calling thread.
 */
public final class BackgroundTasks {

    /** Work that runs in the background and may report progress. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    private static final long PROGRESS_INTERVAL_NANOS = 50_000_000L;

    private final Executor worker;
    private final Executor uiThread;
    private final DialogService dialogs;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private int active;

    BackgroundTasks(Executor worker, Executor uiThread, DialogService dialogs) {
        this.worker = worker;
        this.uiThread = uiThread;
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
        return new BackgroundTasks(pool, Platform::runLater, dialogs);
    }

    /** Everything on the calling thread, for tests of view models. */
    public static BackgroundTasks direct(DialogService dialogs) {
        return new BackgroundTasks(Runnable::run, Runnable::run, dialogs);
    }

    /** Describes a job; nothing runs until {@link Job#start()}. */
    public <T> Job<T> task(String title, Work<T> work) {
        return new Job<>(title, work);
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

        /** Starts the work; call from the JavaFX thread. */
        public void start() {
            begin(title);
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
                        onFailure.accept(failure);
                    });
                    return;
                }
                uiThread.execute(() -> {
                    end();
                    onSuccess.accept(result);
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
