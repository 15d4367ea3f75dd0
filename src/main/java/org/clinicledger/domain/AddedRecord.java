package org.clinicledger.domain;

import java.util.List;

/**
 * A record version just written: its id, version number, record hash (SHA-256 hex of its canonical
 * document) and the hashes (hex) of the blocks that record it, the doctor's first, then the patient's.
 */
public record AddedRecord(RecordId recordId, int version, String recordHash, List<String> blockHashes) {

    public AddedRecord {
        blockHashes = List.copyOf(blockHashes);
    }
}
