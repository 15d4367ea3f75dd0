package org.clinicledger.domain;

import java.nio.file.Path;

/** What the database of a data folder is: shown on the Ledger tab, in About and by {@code info}. */
public record DatabaseFacts(Path file, int schemaVersion, String sqliteVersion, String journalMode, long sizeBytes) {
}
