package org.clinicledger.domain;

import java.util.List;

/**
 * A patient's chart as a doctor opens it: the records the doctor may see (current diagnoses where
 * the chain lets them read), the timeline of the patient's chain, and whether the doctor may write
 * the patient's records now.
 */
public record DoctorChart(List<RecordSummary> records, List<ChartEvent> timeline, boolean mayWrite) {

    public DoctorChart {
        records = List.copyOf(records);
        timeline = List.copyOf(timeline);
    }
}
