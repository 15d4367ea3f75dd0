package org.clinicledger.domain;

import java.util.Objects;

/**
 * What an export holds: the whole clinic, the patients one doctor may read (with the doctor), or
 * one patient. Every export also holds the clinic's, the machines' and the staff's chains whole,
 * which name no patient's data, so that it verifies on its own.
 */
public record ExportScope(Kind kind, String subject) {

    public enum Kind { CLINIC, DOCTOR, PATIENT }

    public ExportScope {
        Objects.requireNonNull(kind);
        subject = subject == null ? "" : subject;
        if (kind != Kind.CLINIC && subject.isEmpty()) {
            throw new IllegalArgumentException("A " + kind + " export names whom it is of");
        }
    }

    public static ExportScope clinic() {
        return new ExportScope(Kind.CLINIC, "");
    }

    /** @param doctor a username, normalized as {@link Username#normalize} does */
    public static ExportScope doctor(String doctor) {
        return new ExportScope(Kind.DOCTOR, Username.normalize(doctor));
    }

    public static ExportScope patient(MedicalRecordNumber patient) {
        return new ExportScope(Kind.PATIENT, patient.digits());
    }

    /** In words: "the whole clinic", "doctor drsmith's patients", "patient 123-456-789". */
    public String describe() {
        return switch (kind) {
            case CLINIC -> "the whole clinic";
            case DOCTOR -> "doctor " + subject + " and their patients";
            case PATIENT -> "patient " + subject;
        };
    }
}
