package org.clinicledger.ui.record;

import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordSummary;

/**
 * One line of a records list: the summary, with what its current version diagnoses when the list
 * read it ({@code RecordService#listChart}), else the ICD-10 code once the record was opened in this
 * session.
 *
 * @param opened the code of the record as opened in this session, "—" when it has none, or null
 */
public record RecordRow(RecordSummary summary, String opened) {

    /** A line as listed, before any record is opened. */
    public RecordRow(RecordSummary summary) {
        this(summary, null);
    }

    public RecordId recordId() {
        return summary.recordId();
    }

    /** The current version's ICD-10 code, "—" when it has none, or null when not known to this list. */
    public String icd10() {
        RecordSummary.Diagnosis diagnosis = summary.diagnosis();
        if (diagnosis != null) {
            return diagnosis.icd10() == null ? "—" : diagnosis.icd10().value();
        }
        return opened;
    }

    /** The current version's diagnosis in words, or null when not read. */
    public String diagnosis() {
        return summary.diagnosis() == null ? null : summary.diagnosis().text();
    }
}
