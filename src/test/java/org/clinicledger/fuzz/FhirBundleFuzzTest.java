package org.clinicledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.exchange.FhirBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;

import ca.uhn.fhir.context.FhirContext;

/**
 * Fuzz test for the FHIR Bundle's writer: whatever a doctor typed (diagnosis, notes, a file's name
 * and type, the desk's names and contact, quotes, backslashes, control characters, any Unicode),
 * the Bundle is JSON that HAPI's R4 parser reads back to the same text, and an attachment's bytes
 * come back byte for byte; nothing typed can end a string early or add a field. The corpus under
 * {@code src/test/resources/org/clinicledger/fuzz/FhirBundleFuzzTestInputs/} runs in every build;
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=FhirBundleFuzzTest} fuzzes it.
 */
class FhirBundleFuzzTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ClinicFingerprint CLINIC = new ClinicFingerprint("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    private static final MedicalRecordNumber MRN = new MedicalRecordNumber("123456782");

    @FuzzTest(maxDuration = "30s")
    void whateverWasTypedReadsBackTheSame(FuzzedDataProvider data) {
        String diagnosis = data.consumeString(300);
        String notes = data.consumeString(2000);
        String fileName = data.consumeString(100);
        String mediaType = data.consumeString(60);
        String doctorName = data.consumeString(200);
        String patientName = data.consumeString(200);
        String contact = data.consumeString(200);
        byte[] file = data.consumeRemainingAsBytes();
        if (diagnosis.isBlank() || fileName.isBlank() || mediaType.isBlank()) {
            return;
        }
        PatientDetails patient;
        AccountDetails doctor;
        try {
            patient = new PatientDetails(patientName, LocalDate.of(1990, 2, 3), null, contact);
            doctor = new AccountDetails(doctorName, null, null);
        } catch (InvalidInputException refusedAtTheDesk) {
            return;
        }
        RecordVersion version = new RecordVersion("r-1", 1, MRN.digits(), "dr.a", Instant.parse("2026-01-02T03:04:05Z"),
                0, null, diagnosis, notes, List.of(new AttachmentSummary(fileName, mediaType, file.length,
                        Hex.encode(Sha256.digest(file)))), "00");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FhirBundle bundle = FhirBundle.start(out, new FhirBundle.Clinic("Clinic \"X\"\u0000", CLINIC), MRN,
                Instant.EPOCH)) {
            bundle.patient(patient);
            bundle.practitioner("dr.a", doctor);
            bundle.record(version, null, new FhirBundle.Anchor("patient/" + MRN.digits(), 1, "a".repeat(64),
                    Instant.EPOCH, "b".repeat(64), null, null), index -> file.clone());
        }
        Bundle read = FHIR.newJsonParser().parseResource(Bundle.class, out.toString(StandardCharsets.UTF_8));

        assertThat(read.getEntry()).hasSize(6);
        Condition condition = (Condition) read.getEntry().get(3).getResource();
        assertThat(condition.getCode().getText()).isEqualTo(diagnosis);
        assertThat(condition.getNoteFirstRep().getText()).isEqualTo(asMarkdownReadsBack(notes));
        DocumentReference document = (DocumentReference) read.getEntry().get(4).getResource();
        assertThat(document.getContentFirstRep().getAttachment().getData()).isEqualTo(file.length == 0 ? null : file);
        assertThat(document.getContentFirstRep().getAttachment().getTitle()).isEqualTo(fileName);
        Patient person = (Patient) read.getEntry().get(1).getResource();
        assertThat(person.getNameFirstRep().getText()).isEqualTo(patient.name());
        Practitioner practitioner = (Practitioner) read.getEntry().get(2).getResource();
        assertThat(practitioner.getNameFirstRep().getText()).isEqualTo(doctor.name());
    }

    /**
     * Notes as HAPI reads them back: R4 makes an annotation's text {@code markdown}, whose parser
     * trims what {@link String#trim} trims and reads what is left empty as absent. Plain strings
     * (the diagnosis, names, a file's name) come back exactly as written.
     */
    private static String asMarkdownReadsBack(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
