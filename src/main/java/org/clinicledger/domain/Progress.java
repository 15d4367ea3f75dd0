package org.clinicledger.domain;

/** Receives progress of long work; the window shows it in the status bar, the command line ignores it. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total, message) -> { };

    /** {@code done} of {@code total} steps are finished; {@code total} is -1 when unknown. */
    void update(long done, long total, String message);
}
