package org.clinicledger.domain;

import java.util.List;

/**
 * A record as one reader opened it: the latest version, decrypted and checked against its record
 * hash, and the history of all versions, oldest first.
 */
public record ShownRecord(RecordVersion latest, String recordHash, List<RecordHistoryEntry> history) {

    public ShownRecord {
        history = List.copyOf(history);
    }
}
