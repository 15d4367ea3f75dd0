package org.clinicledger.domain;

import java.time.Instant;

/** One version in a record's history, as a reader sees it without decrypting it. */
public record RecordHistoryEntry(int version, int supersedes, String author, Instant createdAt, String recordHash) {
}
