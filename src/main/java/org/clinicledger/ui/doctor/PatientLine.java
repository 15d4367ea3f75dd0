package org.clinicledger.ui.doctor;

import java.time.ZoneId;

import org.clinicledger.domain.MyPatient;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.Texts;

/**
 * One line of the Doctor tab's patient list: the patient, and in a few words why they are on "My
 * patients" ("Granted until 2026-12-31", "Referred by Dr Berg", "Seen 2026-11-20"); empty for a
 * directory match.
 */
public record PatientLine(PatientSummary patient, String why) {

    /** A directory match: no reason, the doctor searched for them. */
    public static PatientLine match(PatientSummary patient) {
        return new PatientLine(patient, "");
    }

    /** A patient of the doctor's, with the reason in words. */
    public static PatientLine of(MyPatient mine, ZoneId zone) {
        String why = switch (mine.why()) {
            // A grant ends at the start of the day after its last day (exclusive), as the patient chose it.
            case GRANTED -> mine.until() == null ? Texts.get("doctor.patientLine.grantedNoEnd")
                    : Texts.format("doctor.patientLine.grantedUntil",
                            Formats.date(mine.until().minusMillis(1).atZone(zone).toLocalDate()));
            case REFERRED_BY -> mine.otherDoctor() == null ? Texts.get("doctor.patientLine.referredToYou")
                    : Texts.format("doctor.patientLine.referredBy", mine.otherDoctor());
            case REFERRED_TO -> Texts.format("doctor.patientLine.referredTo", mine.otherDoctor());
            case SEEN -> Texts.format("doctor.patientLine.seen", Formats.date(mine.lastSeen().atZone(zone).toLocalDate()));
        };
        if (mine.why() != MyPatient.Why.SEEN && mine.lastSeen() != null) {
            why = Texts.format("doctor.patientLine.andSeen", why, Formats.date(mine.lastSeen().atZone(zone).toLocalDate()));
        }
        return new PatientLine(mine.patient(), why);
    }
}
