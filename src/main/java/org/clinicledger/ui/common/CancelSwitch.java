package org.clinicledger.ui.common;

import java.util.concurrent.atomic.AtomicBoolean;

import org.clinicledger.domain.Cancel;

/**
 * The Cancel button of long work (an export, an import, checking a file): the JavaFX thread flips
 * it, the work asks it between steps from its own thread, and the service stops with a
 * {@link org.clinicledger.domain.CancelledException} having changed nothing.
 */
public final class CancelSwitch implements Cancel {

    private final AtomicBoolean requested = new AtomicBoolean();

    /** Asks the running work to stop. */
    public void request() {
        requested.set(true);
    }

    /** Ready for the next run; call before starting work. */
    public void reset() {
        requested.set(false);
    }

    @Override
    public boolean requested() {
        return requested.get();
    }
}
