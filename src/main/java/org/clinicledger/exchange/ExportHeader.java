package org.clinicledger.exchange;

import java.time.Instant;

/**
 * The first section of an export file: which clinic it is of, which machine wrote it (its node
 * chain; the clinic key's authorization of that machine travels with the rows), what it holds
 * (the whole clinic, one doctor's patients or one patient) and who exported it when.
 */
public record ExportHeader(String clinic, String node, String scope, String subject, String exportedBy,
        Instant createdAt) {

    public static final String SCOPE_CLINIC = "clinic";
    public static final String SCOPE_DOCTOR = "doctor";
    public static final String SCOPE_PATIENT = "patient";
}
