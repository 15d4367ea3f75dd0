package org.clinicledger.ui.common;

import java.util.concurrent.atomic.AtomicBoolean;

import javafx.application.Platform;

import org.clinicledger.clinic.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what nothing else caught: logs it with a short error code and shows that code in a
 * dialog. While one such dialog is open, further failures are only logged, so a failure in a
 * loop cannot bury the window under dialogs.
 */
public final class UncaughtErrorHandler implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrorHandler.class);

    private final DialogService dialogs;
    private final AtomicBoolean showing = new AtomicBoolean();

    public UncaughtErrorHandler(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        String code = ErrorCode.of(failure);
        LOG.error("Unexpected error {} on thread {}", code, thread.getName(), failure);
        if (!showing.compareAndSet(false, true)) {
            return;
        }
        Runnable show = () -> {
            try {
                dialogs.showUnexpectedError(code);
            } finally {
                showing.set(false);
            }
        };
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }
}
