package org.clinicledger.ui.record;

import java.util.Objects;

import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.ui.common.Texts;

/**
 * Whom a record dialog is about, as its title and header say it: the patient's name first, the MRN
 * second. A reader who cannot see the directory (a patient, who knows who they are) gets the MRN alone.
 *
 * @param name the patient's name; null when unknown to the reader
 */
public record PatientLabel(String name, MedicalRecordNumber mrn) {

    public PatientLabel {
        Objects.requireNonNull(mrn, "mrn");
    }

    public static PatientLabel of(PatientSummary patient) {
        return new PatientLabel(patient.name(), patient.mrn());
    }

    /** "Ada Byron", or "patient 1234-5678-9" when the name is unknown. */
    public String title() {
        return name == null || name.isBlank() ? Texts.format("record.patientLabel.patient", mrn) : name;
    }

    /** "Ada Byron · MRN 1234-5678-9", or "MRN 1234-5678-9". */
    public String full() {
        return name == null || name.isBlank() ? Texts.format("record.patientLabel.mrn",
                mrn) : Texts.format("record.patientLabel.mrn2", name, mrn);
    }
}
