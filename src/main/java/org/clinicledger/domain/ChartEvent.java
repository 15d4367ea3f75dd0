package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a patient's chart as a doctor reads it, newest first: a record written, amended or
 * deleted, or a change of who may read (grant, revocation, referral, emergency access), from the
 * patient's chain. What a record says appears only where the chart was allowed to read it.
 *
 * @param who who did it, by name where the directory has one
 * @param recordId the record a record event names, or null
 * @param version the version written, or 0
 * @param icd10 the code of the version written, when read and it has one; else null
 * @param diagnosis what the version written diagnoses, when it was read (the current version of a
 *     record the doctor may read); else null
 * @param detail the rest in words: whom a grant or a referral is for and until when, why a record was
 *     deleted, that a version was replaced; empty when there is nothing to add
 * @param hash the patient's block's hash, lower-case hex
 */
public record ChartEvent(Instant at, BlockKind kind, String who, String recordId, int version, Icd10Code icd10,
        String diagnosis, String detail, String hash) {

    public ChartEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(who, "who");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(hash, "hash");
    }
}
