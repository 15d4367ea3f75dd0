package org.clinicledger.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.Checkpoint;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.Sex;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResourceType;
import org.clinicledger.testing.FhirSchema;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.context.FhirContext;

class FhirBundleTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ClinicFingerprint CLINIC = new ClinicFingerprint("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    private static final MedicalRecordNumber MRN = new MedicalRecordNumber("123456782");
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final byte[] SCAN = "%PDF-1.7 pretend scan \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    private static RecordVersion version(List<AttachmentSummary> attachments) {
        return new RecordVersion("r-5f2c", 2, MRN.digits(), "dr.okafor", Instant.parse("2026-11-23T09:30:00.123Z"), 1,
                new Icd10Code("E11.9"), "Type 2 diabetes", "HbA1c 7.9%; recheck in 3 months", attachments, "00ff");
    }

    private static FhirBundle.Anchor anchor(String recordHash, byte[] proof) {
        return new FhirBundle.Anchor("patient/" + MRN.digits(), 7, "b".repeat(64), Instant.parse("2026-11-23T09:30:01Z"),
                recordHash, new Checkpoint("clinicledger.local/x/patient/123456782", 9, new byte[32], "note\n"), proof);
    }

    private static Bundle write(boolean withBytes) throws Exception {
        return FHIR.newJsonParser().parseResource(Bundle.class, new String(bytes(withBytes), StandardCharsets.UTF_8));
    }

    /** The Bundle of the example patient, as written. */
    static byte[] bytes(boolean withBytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AttachmentSummary scan = new AttachmentSummary("scan.pdf", "application/pdf", SCAN.length,
                Hex.encode(Sha256.digest(SCAN)));
        try (FhirBundle bundle = FhirBundle.start(out, new FhirBundle.Clinic("Riverside", CLINIC), MRN, NOW)) {
            bundle.patient(new PatientDetails("Ada Lovelace", LocalDate.of(1984, 3, 7), Sex.FEMALE, "+44 20 7946 0000"));
            bundle.practitioner("dr.okafor", new AccountDetails("Dr Ngozi Okafor", "Endocrinology", "GMC 7654321"));
            bundle.record(version(List.of(scan)), "Type 2 diabetes mellitus without complications",
                    anchor("a".repeat(64), "{\"format\":\"clinicledger-proof/1\"}".getBytes(StandardCharsets.UTF_8)),
                    withBytes ? index -> SCAN.clone() : null);
            bundle.earlierVersion("r-5f2c", 1, 0, "dr.okafor", Instant.parse("2026-11-20T08:00:00Z"), 2,
                    anchor("c".repeat(64), "{\"format\":\"clinicledger-proof/1\"}".getBytes(StandardCharsets.UTF_8)));
            bundle.deletion("r-dead", "dr.okafor", anchor(null, null));
            bundle.consent(new FhirBundle.Access(new AccessEvent(AccessEvent.Kind.GRANT, "patient/" + MRN.digits(),
                    "doctor/dr.okafor", NOW.minusSeconds(3600), NOW.plusSeconds(86_400)), "c".repeat(64), true, null));
            bundle.consent(new FhirBundle.Access(new AccessEvent(AccessEvent.Kind.REFERRAL, "doctor/dr.okafor",
                    "doctor/dr.lee", NOW.minusSeconds(600), null), "d".repeat(64), false, NOW.minusSeconds(60)));
            bundle.emergency(new AccessEvent(AccessEvent.Kind.EMERGENCY, "staff/admin", "staff/admin", NOW, null),
                    "admin2", anchor(null, null));
        }
        return out.toByteArray();
    }

    @Test
    void everyResourceRoundTripsThroughHapiWithItsReferencesInsideTheBundle() throws Exception {
        Bundle bundle = write(true);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        Set<String> urls = new HashSet<>();
        bundle.getEntry().forEach(entry -> assertThat(urls.add(entry.getFullUrl())).isTrue());
        new ObjectMapper().readTree(bytes(true)).get("entry").forEach(entry -> assertThat("urn:uuid:"
                + entry.get("resource").get("id").asText()).as("each resource's id is its fullUrl's UUID")
                .isEqualTo(entry.get("fullUrl").asText()));
        assertThat(bundle.getEntry()).extracting(entry -> entry.getResource().getResourceType()).containsExactly(
                ResourceType.Organization, ResourceType.Patient, ResourceType.Practitioner, ResourceType.Condition,
                ResourceType.DocumentReference, ResourceType.Provenance, ResourceType.Provenance, ResourceType.Provenance,
                ResourceType.Consent, ResourceType.Consent, ResourceType.AuditEvent);

        Patient patient = (Patient) bundle.getEntry().get(1).getResource();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(MRN.digits());
        assertThat(patient.getIdentifierFirstRep().getSystem())
                .isEqualTo("https://clinicledger.org/fhir/sid/clinic/" + CLINIC.value() + "/mrn");
        assertThat(patient.getNameFirstRep().getText()).isEqualTo("Ada Lovelace");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1984-03-07");
        assertThat(patient.getGender().toCode()).isEqualTo("female");
        assertThat(patient.getTelecomFirstRep().getSystem().toCode()).isEqualTo("phone");

        Practitioner doctor = (Practitioner) bundle.getEntry().get(2).getResource();
        assertThat(doctor.getNameFirstRep().getText()).isEqualTo("Dr Ngozi Okafor");
        assertThat(doctor.getIdentifier()).extracting(identifier -> identifier.getValue())
                .containsExactly("dr.okafor", "GMC 7654321");
        assertThat(doctor.getQualificationFirstRep().getCode().getText()).isEqualTo("Endocrinology");

        Condition condition = (Condition) bundle.getEntry().get(3).getResource();
        assertThat(condition.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
        assertThat(condition.getCode().getCodingFirstRep().getCode()).isEqualTo("E11.9");
        assertThat(condition.getCode().getText()).isEqualTo("Type 2 diabetes");
        assertThat(condition.getRecordedDateElement().getValueAsString()).isEqualTo("2026-11-23T09:30:00.123Z");
        assertThat(condition.getNoteFirstRep().getText()).isEqualTo("HbA1c 7.9%; recheck in 3 months");
        assertThat(condition.getMeta().getVersionId()).isEqualTo("2");
        assertThat(urls).contains(condition.getSubject().getReference(), condition.getRecorder().getReference());

        DocumentReference document = (DocumentReference) bundle.getEntry().get(4).getResource();
        assertThat(document.getContentFirstRep().getAttachment().getData()).isEqualTo(SCAN);
        assertThat(document.getContentFirstRep().getAttachment().getHash())
                .isEqualTo(MessageDigest.getInstance("SHA-1").digest(SCAN));
        assertThat(document.getContentFirstRep().getAttachment().getSize()).isEqualTo(SCAN.length);
        assertThat(document.getContentFirstRep().getAttachment().getExtensionByUrl(FhirBundle.SHA256).getValue()
                .primitiveValue()).isEqualTo(Hex.encode(Sha256.digest(SCAN)));
        assertThat(document.getContext().getRelatedFirstRep().getReference()).isEqualTo(bundle.getEntry().get(3).getFullUrl());

        Provenance provenance = (Provenance) bundle.getEntry().get(5).getResource();
        assertThat(provenance.getTarget()).extracting(Reference::getReference)
                .containsExactly(bundle.getEntry().get(3).getFullUrl(), bundle.getEntry().get(4).getFullUrl());
        assertThat(provenance.getExtensionByUrl(FhirBundle.RECORD_HASH).getValue().primitiveValue()).isEqualTo("a".repeat(64));
        assertThat(provenance.getExtensionByUrl(FhirBundle.BLOCK_HASH).getValue().primitiveValue()).isEqualTo("b".repeat(64));
        Extension checkpoint = provenance.getExtensionByUrl(FhirBundle.CHECKPOINT);
        assertThat(checkpoint.getExtensionByUrl("origin").getValue().primitiveValue())
                .isEqualTo("clinicledger.local/x/patient/123456782");
        assertThat(checkpoint.getExtensionByUrl("size").getValue().primitiveValue()).isEqualTo("9");
        assertThat(new String(provenance.getSignatureFirstRep().getData(), StandardCharsets.UTF_8))
                .contains("clinicledger-proof/1");
        assertThat(provenance.getActivity().getCodingFirstRep().getCode()).isEqualTo("UPDATE");

        assertThat(provenance.getEntityFirstRep().getRole()).isEqualTo(Provenance.ProvenanceEntityRole.REVISION);
        assertThat(provenance.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("r-5f2c/1");
        Provenance earlier = (Provenance) bundle.getEntry().get(6).getResource();
        assertThat(earlier.getTargetFirstRep().getIdentifier().getValue()).isEqualTo("r-5f2c/1");
        assertThat(earlier.getTargetFirstRep().getDisplay()).isEqualTo("Version 1 of record r-5f2c, replaced by version 2");
        assertThat(earlier.getExtensionByUrl(FhirBundle.RECORD_HASH).getValue().primitiveValue()).isEqualTo("c".repeat(64));
        assertThat(earlier.getActivity().getCodingFirstRep().getCode()).isEqualTo("CREATE");
        assertThat(earlier.hasEntity()).isFalse();
        assertThat(earlier.getSignature()).hasSize(1);

        Provenance tombstone = (Provenance) bundle.getEntry().get(7).getResource();
        assertThat(tombstone.getActivity().getCodingFirstRep().getCode()).isEqualTo("DELETE");
        assertThat(tombstone.getTargetFirstRep().getReference()).isNull();
        assertThat(tombstone.getTargetFirstRep().getIdentifier().getValue()).isEqualTo("r-dead");
        assertThat(tombstone.getSignature()).isEmpty();

        Consent grant = (Consent) bundle.getEntry().get(8).getResource();
        assertThat(grant.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(grant.getProvision().getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(grant.getPerformerFirstRep().getReference()).isEqualTo(bundle.getEntry().get(1).getFullUrl());
        Consent referral = (Consent) bundle.getEntry().get(9).getResource();
        assertThat(referral.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
        assertThat(referral.getExtensionByUrl(FhirBundle.REVOKED)).isNotNull();
        assertThat(referral.getPerformerFirstRep().getReference()).isEqualTo(bundle.getEntry().get(2).getFullUrl());

        AuditEvent emergency = (AuditEvent) bundle.getEntry().get(10).getResource();
        assertThat(emergency.getAgent()).extracting(agent -> agent.getWho().getIdentifier().getValue())
                .containsExactly("admin", "admin2");
        assertThat(emergency.getEntityFirstRep().getWhat().getReference()).isEqualTo(bundle.getEntry().get(1).getFullUrl());
    }

    @Test
    void withoutAttachmentsADocumentIsDescribedAndHashedButCarriesNoBytes() throws Exception {
        DocumentReference document = (DocumentReference) write(false).getEntry().get(4).getResource();

        assertThat(document.getContentFirstRep().getAttachment().hasData()).isFalse();
        assertThat(document.getContentFirstRep().getAttachment().getExtensionByUrl(FhirBundle.SHA256)).isNotNull();
    }

    @Test
    void theExampleBundleIsWrittenByteForByteAsDocumented() throws Exception {
        byte[] expected;
        try (var in = FhirBundleTest.class.getResourceAsStream("fhir-example.json")) {
            expected = in.readAllBytes();
        }
        // The example in the test resources is pretty-printed for reading; the Bundle is written compact.
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(bytes(true))).isEqualTo(json.readTree(expected));
    }

    @Test
    void theBundleIsValidAgainstTheR4Schemas() throws Exception {
        assertThat(FhirSchema.problems(new String(bytes(true), StandardCharsets.UTF_8))).isEmpty();
        assertThat(FhirSchema.problems(new String(bytes(false), StandardCharsets.UTF_8))).isEmpty();
        assertThat(FhirSchema.problems("{\"resourceType\":\"Provenance\",\"target\":[{\"reference\":\"urn:uuid:1\"}]}"))
                .as("a Provenance without when it was recorded and who did it").isNotEmpty();
    }

    @Test
    void namedUuidsAreTheFormatsKnownAnswers() throws Exception {
        // Computed apart from this code: the first 16 bytes of SHA-256("patient\n" + fingerprint + "/" + MRN)
        // with the version nibble 8 and the variant 10 (docs/formats/fhir.md).
        Bundle bundle = write(false);
        assertThat(bundle.getEntry().get(1).getFullUrl()).isEqualTo("urn:uuid:87e8efab-2cbd-8fa8-9980-59fcd51e026a");
        assertThat(bundle.getEntry().get(3).getFullUrl()).isEqualTo("urn:uuid:21359ebf-2e8a-8d93-b18d-140c05a90411");
    }

    @Test
    void theSamePatientGivesTheSameIdentitiesAndAnotherClinicOtherOnes() {
        assertThat(FhirBundle.uuid("patient", "x/1")).isEqualTo(FhirBundle.uuid("patient", "x/1"))
                .isNotEqualTo(FhirBundle.uuid("patient", "y/1")).matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab].*");
    }
}
