package org.clinicledger.ui.setup;

import java.nio.file.Path;

import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.Progress;

/**
 * Makes this computer's data folder a replica of a clinic from an export file that starts a new
 * machine. Given by the application, which owns the folder: it must let go of the folder it opened
 * for set-up, and open it again afterwards, whatever happened.
 */
@FunctionalInterface
public interface ReplicaStart {

    /** Runs in the background; {@code password} is the caller's to wipe. */
    ImportSummary start(Path file, String username, char[] password, Progress progress, Cancel cancel);
}
