package org.clinicledger.ui.doctor;

import org.clinicledger.domain.ChartEvent;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.Texts;

/** How a line of the chart's timeline is written in the window's columns. */
final class TimelineText {

    private TimelineText() {
    }

    /** "Record amended, v2", "Access granted". */
    static String what(ChartEvent event) {
        String kind = Formats.kind(event.kind());
        return event.version() > 0 ? Texts.format("doctor.timeline.kindAndVersion", kind, event.version()) : kind;
    }

    /** "J45.3 Mild persistent asthma", the words alone, or empty when the version was not read. */
    static String diagnosis(ChartEvent event) {
        if (event.diagnosis() == null) {
            return "";
        }
        return event.icd10() == null ? event.diagnosis() : event.icd10() + " " + event.diagnosis();
    }

    /**
     * The diagnosis where the version was read, else what else there is to say ("Replaced by
     * version 2", the reason of a deletion, whom a grant is for): one column that is never empty
     * for nothing.
     */
    static String diagnosisOrDetail(ChartEvent event) {
        String diagnosis = diagnosis(event);
        if (diagnosis.isEmpty()) {
            return event.detail();
        }
        return event.detail().isEmpty() ? diagnosis : diagnosis + " · " + event.detail();
    }
}
