package org.clinicledger.domain;

import java.nio.file.Path;
import java.util.Optional;

/** What an export wrote: where, how much, and the new machine it started, if any. */
public record ExportSummary(Path file, ExportScope scope, long bytes, long chains, long blocks, long records,
        long files, long fileBytes, Optional<String> replicaChain) {

    public String headline() {
        return "Exported " + scope.describe() + ": " + chains + " chains, " + blocks + " blocks, " + records
                + " record versions and " + files + " encrypted files in " + ByteSize.format(bytes)
                + replicaChain.map(chain -> "; it can start a new machine (" + chain + ")").orElse("") + ".";
    }
}
