package org.clinicledger.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a backup file says of itself before it is opened: the clinic, when it was made, how many
 * chains, blocks and encrypted files it holds, the length of its content, whether it carries the
 * machine's node key, and the administrators whose passwords open it.
 */
public record BackupSummary(ClinicFingerprint clinic, Instant created, long chains, long blocks, long vaultFiles,
        long contentBytes, boolean nodeKey, List<String> administrators) {

    public BackupSummary {
        Objects.requireNonNull(clinic, "clinic");
        Objects.requireNonNull(created, "created");
        administrators = List.copyOf(administrators);
    }

    /** Whether {@code username}'s password can open the backup. */
    public boolean opensFor(String username) {
        return administrators.contains(username);
    }
}
