package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.FhirExport;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientCopy;
import org.clinicledger.domain.ProofVerdict;
import org.clinicledger.domain.Receipt;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Sex;
import org.clinicledger.exchange.FhirBundle;
import org.clinicledger.testing.FhirSchema;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ca.uhn.fhir.context.FhirContext;

/**
 * Exports of a real clinic's patient as FHIR, parsed back with HAPI: what is in them, that each
 * Provenance ties its Condition to the patient's copy and a checkpoint, and who gets nothing.
 */
class FhirServiceTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final byte[] SCAN = "pretend X-ray \u0000\u0001\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path temp;

    private TestClinic clinic;
    private RecordId asthma;
    private RecordId diabetes;
    private RecordId wrong;

    @BeforeEach
    void setUp() throws Exception {
        clinic = new TestClinic(temp.resolve("data"));
        Path scan = Files.write(temp.resolve("chest.png"), SCAN);
        try (Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD)) {
            clinic.workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.okafor", "doctor password 3".toCharArray(),
                    new AccountDetails("Dr Ngozi Okafor", "Endocrinology", "GMC 7654321"));
        }
        try (Session lee = clinic.lee()) {
            asthma = clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Asthma", Icd10Code.parse("J45.3"), "Inhaler twice a day", List.of(scan), null))
                    .recordId();
            diabetes = clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Diabetes", Icd10Code.parse("E11.9"), "", List.of(), null)).recordId();
            clinic.workspace.records().amendRecord(lee, diabetes,
                    new RecordInput("Type 2 diabetes", Icd10Code.parse("E11.9"), "HbA1c 7.9%", List.of(), null));
            wrong = clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Wrong patient", null, "", List.of(), null)).recordId();
            clinic.workspace.records().deleteRecord(lee, wrong, "Written for the wrong patient");
        }
    }

    private record Exported(FhirExport summary, Bundle bundle, String json) {
    }

    private Exported export(Session reader, boolean attachments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FhirExport summary = clinic.workspace.fhir().export(reader, clinic.mrn, attachments, out);
        assertThat(summary.bytes()).isEqualTo(out.size());
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(FhirSchema.problems(json)).as("valid against the R4 schemas").isEmpty();
        return new Exported(summary, FHIR.newJsonParser().parseResource(Bundle.class, json), json);
    }

    private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static String ext(org.hl7.fhir.r4.model.DomainResource resource, String url) {
        return resource.getExtensionByUrl(url).getValue().primitiveValue();
    }

    @Test
    void thePatientsBundleHoldsEachCurrentRecordWithProvenanceThatTiesItToTheirCopyAndACheckpoint() {
        Exported exported;
        try (Session patient = clinic.patient()) {
            exported = export(patient, true);
        }
        Bundle bundle = exported.bundle();
        Set<String> urls = new HashSet<>();
        bundle.getEntry().forEach(entry -> urls.add(entry.getFullUrl()));
        assertThat(urls).hasSize(bundle.getEntry().size());

        List<Condition> conditions = all(bundle, Condition.class);
        assertThat(conditions).extracting(condition -> condition.getCode().getText())
                .as("the current versions, and not the deleted record").containsExactlyInAnyOrder("Asthma", "Type 2 diabetes");
        Icd10Catalog catalog = Icd10Catalog.standard();
        for (Condition condition : conditions) {
            Coding coding = condition.getCode().getCodingFirstRep();
            assertThat(coding.getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
            assertThat(catalog.find(coding.getCode())).as(coding.getCode()).isPresent();
            assertThat(coding.getDisplay()).isEqualTo(catalog.find(coding.getCode()).orElseThrow().title());
            assertThat(urls).contains(condition.getSubject().getReference(), condition.getRecorder().getReference());
        }
        Patient patient = all(bundle, Patient.class).get(0);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(clinic.mrn.digits());
        assertThat(patient.getNameFirstRep().getText()).as("from the copy their chain sealed for them")
                .isEqualTo("Ada Byron");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1985-12-10");
        assertThat(all(bundle, Practitioner.class)).extracting(doctor -> doctor.getIdentifierFirstRep().getValue())
                .containsExactly("dr.lee");

        DocumentReference scan = all(bundle, DocumentReference.class).get(0);
        assertThat(scan.getContentFirstRep().getAttachment().getData()).isEqualTo(SCAN);
        assertThat(scan.getContentFirstRep().getAttachment().getContentType()).isEqualTo("image/png");

        ClinicFingerprint fingerprint = clinic.workspace.clinic().fingerprint().orElseThrow();
        try (Session patientSession = clinic.patient()) {
            for (Condition condition : conditions) {
                RecordId id = new RecordId(condition.getIdentifierFirstRep().getValue());
                String url = bundle.getEntry().stream().filter(entry -> entry.getResource() == condition).findFirst()
                        .orElseThrow().getFullUrl();
                Provenance provenance = all(bundle, Provenance.class).stream()
                        .filter(candidate -> candidate.getTarget().stream().map(Reference::getReference)
                                .anyMatch(url::equals)).findFirst().orElseThrow();
                PatientCopy copy = clinic.workspace.receipts().copy(patientSession, id, null);
                Receipt receipt = clinic.workspace.receipts().receipt(patientSession, id, null);
                assertThat(ext(provenance, FhirBundle.RECORD_HASH)).isEqualTo(Hex.encode(Sha256.digest(copy.bytes())))
                        .isEqualTo(copy.recordHash());
                assertThat(ext(provenance, FhirBundle.BLOCK_HASH)).isEqualTo(receipt.blockHash());
                assertThat(condition.getMeta().getVersionId()).isEqualTo(Integer.toString(copy.version()));
                byte[] proof = provenance.getSignatureFirstRep().getData();
                ProofVerdict verdict = ReceiptService.verifyProof(proof, copy.bytes(), fingerprint, null);
                assertThat(verdict.checks()).allMatch(ProofVerdict.Check::holds);
                assertThat(provenance.getExtensionByUrl(FhirBundle.CHECKPOINT).getExtensionByUrl("origin").getValue()
                        .primitiveValue()).isEqualTo(receipt.checkpoint().origin());
            }
        }
        try (Session patientSession = clinic.patient()) {
            PatientCopy first = clinic.workspace.receipts().copy(patientSession, diabetes, 1);
            Provenance replaced = all(bundle, Provenance.class).stream().filter(provenance -> provenance.getTarget()
                    .stream().anyMatch(target -> (diabetes.value() + "/1").equals(target.getIdentifier().getValue())))
                    .findFirst().orElseThrow();
            assertThat(ext(replaced, FhirBundle.RECORD_HASH)).as("a receipt of the replaced version still finds its hash")
                    .isEqualTo(first.recordHash());
            assertThat(ReceiptService.verifyProof(replaced.getSignatureFirstRep().getData(), first.bytes(), fingerprint,
                    null).checks()).allMatch(ProofVerdict.Check::holds);
            assertThat(exported.json()).as("its content is not in the Bundle").doesNotContain("\"Diabetes\"");
        }
        assertThat(all(bundle, Condition.class)).extracting(condition -> condition.getCode().getText())
                .doesNotContain("Diabetes");
        Provenance tombstone = all(bundle, Provenance.class).stream()
                .filter(provenance -> provenance.getActivity().getCodingFirstRep().getCode().equals("DELETE"))
                .findFirst().orElseThrow();
        assertThat(tombstone.getTargetFirstRep().getIdentifier().getValue()).isEqualTo(wrong.value());
        assertThat(tombstone.getSignature()).isEmpty();
        assertThat(exported.json()).as("nor is a deleted record's").doesNotContain("Wrong patient");

        String lee = bundle.getEntry().stream().filter(entry -> entry.getResource() instanceof Practitioner)
                .findFirst().orElseThrow().getFullUrl();
        assertThat(all(bundle, Consent.class)).singleElement().satisfies(consent -> {
            assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
            assertThat(consent.getProvision().getActorFirstRep().getReference().getReference()).isEqualTo(lee);
        });
        assertThat(exported.summary()).satisfies(summary -> {
            assertThat(summary.records()).isEqualTo(2);
            assertThat(summary.earlierVersions()).isEqualTo(1);
            assertThat(summary.attachmentsIncluded()).isEqualTo(1);
            assertThat(summary.deletions()).isEqualTo(1);
            assertThat(summary.anchored()).isTrue();
            assertThat(summary.resources()).isEqualTo(bundle.getEntry().size());
        });
    }

    @Test
    void anExportIsLoggedOnThePatientsChainAsAReadingOfEachVersion() {
        ChainId patientChain = new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
        long before = viewed(patientChain);
        try (Session lee = clinic.lee()) {
            export(lee, false);
            assertThat(viewed(patientChain)).isEqualTo(before + 2);
            assertThat(viewed(lee.chain())).isGreaterThanOrEqualTo(2);
        }
    }

    private long viewed(ChainId chain) {
        return clinic.workspace.database().read("count", work -> clinic.workspace.ledger()
                .blocksOfKind(work, chain, BlockKind.RECORD_VIEWED).size());
    }

    @Test
    void aDoctorWithAccessGetsNamesAndADoctorWithoutGetsNothing() {
        try (Session kim = clinic.kim()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> clinic.workspace.fhir().export(kim, clinic.mrn, true, out))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("Access denied");
            assertThat(out.size()).isZero();
        }
        try (Session patient = clinic.patient()) {
            clinic.workspace.access().grant(patient, "dr.okafor", null);
        }
        try (Session okafor = clinic.login("dr.okafor", "doctor password 3")) {
            clinic.workspace.access().refer(okafor, clinic.mrn, "dr.kim", "Second opinion on the asthma");
            Bundle bundle = export(okafor, false).bundle();
            assertThat(all(bundle, Patient.class).get(0).getNameFirstRep().getText()).isEqualTo("Ada Byron");
            assertThat(all(bundle, Patient.class).get(0).getBirthDateElement().getValueAsString()).isEqualTo("1985-12-10");
            assertThat(all(bundle, Practitioner.class)).filteredOn(doctor -> doctor.hasName()).singleElement()
                    .satisfies(doctor -> {
                        assertThat(doctor.getNameFirstRep().getText()).isEqualTo("Dr Ngozi Okafor");
                        assertThat(doctor.getQualificationFirstRep().getCode().getText()).isEqualTo("Endocrinology");
                        assertThat(doctor.getIdentifier().get(1).getValue()).isEqualTo("GMC 7654321");
                    });
            assertThat(all(bundle, Consent.class)).extracting(Consent::getStatus).containsOnly(Consent.ConsentState.ACTIVE)
                    .hasSize(3);
            assertThat(all(bundle, DocumentReference.class).get(0).getContentFirstRep().getAttachment().hasData())
                    .isFalse();
        }
        try (Session patient = clinic.patient()) {
            clinic.workspace.access().revoke(patient, "dr.okafor");
            List<Consent> consents = all(export(patient, false).bundle(), Consent.class);
            assertThat(consents).filteredOn(consent -> consent.getStatus() == Consent.ConsentState.INACTIVE)
                    .singleElement().satisfies(consent -> assertThat(consent.getExtensionByUrl(FhirBundle.REVOKED))
                            .isNotNull());
        }
        try (Session okafor = clinic.login("dr.okafor", "doctor password 3")) {
            assertThatThrownBy(() -> export(okafor, false)).as("a revoked doctor")
                    .isInstanceOf(RefusedException.class).hasMessageContaining("Access denied");
        }
    }

    @Test
    void thePatientsOwnBundleGivesTheirDetailsAsTheNewestCorrectionSealedThemForThem() throws Exception {
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            clinic.workspace.registrations().correctPatient(desk, clinic.mrn, new PatientDetails("Ada King",
                    LocalDate.of(1985, 12, 11), Sex.FEMALE, "+44 20 7946 0018"));
        }
        ChainId patientChain = new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
        RawTables raw = new RawTables(clinic.workspace.root());
        assertThat(raw.latestPayload(patientChain, BlockKind.DEMOGRAPHICS_CORRECTED).has("ownDetails")).isTrue();
        assertThat(raw.latestPayload(new ChainId(PartyKind.STAFF, "desk"), BlockKind.DEMOGRAPHICS_CORRECTED)
                .has("ownDetails")).as("never on the staff chain, which travels in every export").isFalse();
        try (Session patient = clinic.patient()) {
            Patient shown = all(export(patient, false).bundle(), Patient.class).get(0);
            assertThat(shown.getNameFirstRep().getText()).isEqualTo("Ada King");
            assertThat(shown.getBirthDateElement().getValueAsString()).isEqualTo("1985-12-11");
            assertThat(shown.getGender()).isEqualTo(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
            assertThat(shown.getTelecomFirstRep().getValue()).isEqualTo("+44 20 7946 0018");
            assertThat(clinic.workspace.registrations().ownDetails(patient)).get()
                    .extracting(PatientDetails::name).isEqualTo("Ada King");
        }
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            assertThatThrownBy(() -> clinic.workspace.registrations().ownDetails(desk))
                    .isInstanceOf(RefusedException.class);
        }
    }

    @Test
    void aCopyOfTheDetailsForgedForThePatientsPublicKeyIsReportedByVerify() throws Exception {
        // Anyone can seal for a public key: someone who can write the data folder puts other details
        // into the patient's block of the correction. The block no longer hashes to what the chain
        // links and the signature covers, and verification says so.
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            clinic.workspace.registrations().correctPatient(desk, clinic.mrn, new PatientDetails("Ada King",
                    LocalDate.of(1985, 12, 11), null, null));
        }
        assertThat(clinic.workspace.verify(org.clinicledger.domain.Progress.NONE).ok()).isTrue();
        ChainId patientChain = new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
        RawTables raw = new RawTables(clinic.workspace.root());
        com.fasterxml.jackson.databind.node.ObjectNode payload =
                (com.fasterxml.jackson.databind.node.ObjectNode) raw.latestPayload(patientChain,
                        BlockKind.DEMOGRAPHICS_CORRECTED);
        byte[] agreementKey = raw.bytes("SELECT agreement_public_key FROM accounts WHERE username = ?",
                clinic.mrn.digits());
        payload.put("ownDetails", Hex.encode(Demographics.sealForPatient(agreementKey, clinic.mrn,
                new PatientDetails("Eve Forger", LocalDate.of(1970, 1, 1), null, null), new java.security.SecureRandom())));
        raw.rewriteBlocks(patientChain, BlockKind.DEMOGRAPHICS_CORRECTED, BlockKind.DEMOGRAPHICS_CORRECTED,
                org.clinicledger.crypto.CanonicalJson.encode(payload));

        assertThat(clinic.workspace.verify(org.clinicledger.domain.Progress.NONE).problems())
                .extracting(problem -> problem.chain()).contains(patientChain.value());
    }

    @Test
    void staffWhoAreNotDoctorsAndOtherPatientsAreRefused() {
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD);
                Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD);
                Session patient = clinic.patient()) {
            assertThatThrownBy(() -> export(desk, true)).isInstanceOf(RefusedException.class);
            assertThatThrownBy(() -> export(admin, true)).as("not even in an emergency")
                    .isInstanceOf(RefusedException.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> clinic.workspace.fhir().export(patient,
                    org.clinicledger.domain.MedicalRecordNumber.parse("1234-5678-2"), true, out))
                    .as("another patient's records").isInstanceOf(RefusedException.class)
                    .hasMessageContaining("Access denied");
            assertThat(out.size()).isZero();
        }
    }

    @Test
    void aGrantForgedInTheDataFolderGivesADoctorNothingToExport() throws Exception {
        try (Session patient = clinic.patient()) {
            clinic.workspace.access().grant(patient, "dr.kim", null);
            clinic.workspace.access().revoke(patient, "dr.kim");
        }
        ChainId kim;
        try (Session session = clinic.kim()) {
            kim = session.chain();
        }
        // The revocation on the patient's chain made into a grant again, without the patient's key.
        ChainId patientChain = new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
        assertThat(new RawTables(clinic.workspace.root()).rewriteBlocks(patientChain, BlockKind.ACCESS_REVOKED,
                BlockKind.ACCESS_GRANTED, org.clinicledger.ledger.AccessEvents.grant(patientChain, kim, null))).isEqualTo(1);
        try (Session session = clinic.kim()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> clinic.workspace.fhir().export(session, clinic.mrn, true, out))
                    .isInstanceOf(RefusedException.class);
            assertThat(out.size()).isZero();
        }
    }

    @Test
    void anEmergencyAccessIsAnAuditEvent() {
        try (Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD)) {
            clinic.workspace.access().emergency(admin, clinic.mrn, "Unconscious in the waiting room", clinic.sheet());
        }
        try (Session patient = clinic.patient()) {
            AuditEvent audit = all(export(patient, false).bundle(), AuditEvent.class).get(0);
            assertThat(audit.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("admin");
            assertThat(audit.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("ETREAT");
            assertThat(audit.getExtensionByUrl(FhirBundle.BLOCK_HASH)).isNotNull();
        }
    }

    @Test
    void aBlockRewrittenInTheDataFolderStopsTheExportWithASentence() throws Exception {
        ChainId patientChain = new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
        assertThat(new RawTables(clinic.workspace.root()).rewriteBlocks(patientChain, BlockKind.RECORD_AMENDED,
                BlockKind.RECORD_AMENDED, "{\"format\":\"not a record event\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(1);
        try (Session patient = clinic.patient()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> clinic.workspace.fhir().export(patient, clinic.mrn, true, out))
                    .isInstanceOf(RefusedException.class).hasMessageEndingWith("run verify.");
            assertThat(out.size()).isZero();
        }
    }

    @Test
    void aRecordWhoseEncryptedFileWasChangedInTheDataFolderStopsTheExport() throws Exception {
        RawTables raw = new RawTables(clinic.workspace.root());
        String address = new String(raw.bytes("SELECT CAST(document_address AS BLOB) FROM record_versions "
                + "WHERE record_id = ? AND version = 2", diabetes.value()), StandardCharsets.US_ASCII);
        Path file = clinic.workspace.root().resolve("vault").resolve(address.substring(0, 2)).resolve(address);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        try (Session patient = clinic.patient()) {
            assertThatThrownBy(() -> export(patient, true)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining(diabetes.value());
        }
    }
}
