package org.clinicledger.ui.record;

import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordSummary;

/**
 * One line of a records list: the summary, and the ICD-10 code once the record was opened in this
 * session (the list itself decrypts nothing, and the code is inside the encrypted document).
 *
 * @param icd10 the code, "—" when the opened record has none, or null when not opened yet
 */
public record RecordRow(RecordSummary summary, String icd10) {

    public RecordId recordId() {
        return summary.recordId();
    }
}
