package org.clinicledger.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.Checkpoint;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RecordVersion;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Signature;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * A patient's records as an HL7 FHIR R4 {@code Bundle} of type {@code collection}, written as it
 * is made ({@code docs/formats/fhir.md}): each resource is built with HAPI FHIR's R4 model and
 * encoded by its JSON parser, and the Bundle around them is written with Jackson's streaming
 * generator, so that an attachment's bytes go out as base64 without the whole Bundle, or a copy
 * of it as text, ever being in memory.
 *
 * <p>Every {@code fullUrl} is a {@code urn:uuid:} made from the clinic's fingerprint and what the
 * resource is (the patient's MRN, a record's id, a block's hash), so exporting the same patient twice
 * gives the same identities and a receiving system can tell a new version of a Condition from a new
 * Condition. Each Provenance ties its record version to the ledger: the record hash (the SHA-256 of
 * the patient's copy), the block, the checkpoint, and the proof file ({@code docs/formats/proof.md})
 * as its signature.
 *
 * <p>HAPI's context is made on the first export ({@link Hapi}), not when the application starts.
 */
public final class FhirBundle implements AutoCloseable {

    /** Where the names this format defines live. */
    public static final String BASE = "https://clinicledger.org/fhir/";
    /** The prefix of the extensions' URLs. */
    public static final String EXTENSIONS = BASE + "StructureDefinition/";
    public static final String RECORD_HASH = EXTENSIONS + "record-hash";
    public static final String BLOCK_HASH = EXTENSIONS + "block-hash";
    public static final String CHAIN = EXTENSIONS + "chain";
    public static final String BLOCK_HEIGHT = EXTENSIONS + "block-height";
    public static final String CHECKPOINT = EXTENSIONS + "checkpoint";
    public static final String SHA256 = EXTENSIONS + "sha256";
    public static final String REVOKED = EXTENSIONS + "revoked";
    /** The identifier system of a clinic key's fingerprint. */
    public static final String CLINIC_KEY = BASE + "sid/clinic-key";
    /** The code system of ICD-10-CM in FHIR. */
    public static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    /** The media type a Provenance's signature names for its proof file. */
    public static final String PROOF_FORMAT = "application/json";

    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String LOINC = "http://loinc.org";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String SIGNATURE_TYPES = "urn:iso-astm:E1762-95:2013";
    static final String DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

    private final JsonGenerator json;
    private final IParser parser;
    private final ObjectMapper trees;
    private final ClinicFingerprint clinic;
    private final String clinicName;
    private final String systems;
    private final MedicalRecordNumber mrn;
    private int resources;
    private boolean closed;

    /** The clinic a Bundle is from: its name and its key's fingerprint, which names its identifier systems. */
    public record Clinic(String name, ClinicFingerprint fingerprint) {
    }

    /**
     * Where an event stands in the ledger: the block on the patient's chain, the checkpoint that
     * covers it and, for a record version, its record hash and proof file. The checkpoint and proof
     * are null on a machine that cannot make them (a replica).
     */
    public record Anchor(String chain, long height, String blockHash, Instant recordedAt, String recordHash,
            Checkpoint checkpoint, byte[] proof) {
    }

    /**
     * A grant or referral as a Consent: the block that made it, whether it lets the doctor read now,
     * and when a revocation ended it (null when none did).
     */
    public record Access(AccessEvent event, String blockHash, boolean active, Instant revokedAt) {
    }

    private FhirBundle(OutputStream out, Clinic clinic, MedicalRecordNumber mrn, Instant now) throws IOException {
        this.clinic = clinic.fingerprint();
        this.mrn = mrn;
        this.clinicName = clinic.name();
        this.systems = BASE + "sid/clinic/" + clinic.fingerprint().value() + "/";
        this.parser = Hapi.CONTEXT.newJsonParser().setPrettyPrint(false);
        this.trees = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());
        this.json = trees.getFactory().createGenerator(out, JsonEncoding.UTF8);
        this.json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        Bundle envelope = new Bundle();
        envelope.setId(uuid("bundle", clinic.fingerprint().value() + "/" + now.toEpochMilli()));
        envelope.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986")
                .setValue("urn:uuid:" + envelope.getIdElement().getIdPart()));
        envelope.setType(Bundle.BundleType.COLLECTION);
        envelope.setTimestampElement(new InstantType(iso(now)));
        JsonNode head = trees.readTree(parser.encodeResourceToString(envelope));
        json.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = head.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            json.writeFieldName(field.getKey());
            json.writeTree(field.getValue());
        }
        json.writeArrayFieldStart("entry");
    }

    /**
     * Starts the Bundle of the patient with {@code mrn} on {@code out}, with the clinic as its first
     * entry (an {@code Organization}); {@link #close} ends it. {@code out} is not closed.
     */
    public static FhirBundle start(OutputStream out, Clinic clinic, MedicalRecordNumber mrn, Instant now) {
        try {
            FhirBundle bundle = new FhirBundle(out, clinic, mrn, now);
            Organization organization = new Organization();
            organization.addIdentifier(new Identifier().setSystem(CLINIC_KEY).setValue(clinic.fingerprint().value()));
            organization.setName(clinic.name() == null || clinic.name().isBlank() ? null : clinic.name());
            bundle.add(bundle.organization(), organization);
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The identifier system of the clinic's medical record numbers. */
    public String mrnSystem() {
        return systems + "mrn";
    }

    /** The identifier system of the clinic's usernames (doctors and staff). */
    public String usernameSystem() {
        return systems + "username";
    }

    /** The identifier system of the clinic's record ids. */
    public String recordSystem() {
        return systems + "record";
    }

    /** How many resources were written. */
    public int resources() {
        return resources;
    }

    // ---- people

    /** The patient: the MRN, and what the desk recorded when the exporting user may read it (null otherwise). */
    public void patient(PatientDetails details) {
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(mrnSystem())
                .setValue(mrn.digits()).setType(concept(V2_0203, "MR", "Medical record number")));
        patient.setManagingOrganization(new Reference(organization()));
        patient.setActive(true);
        if (details != null) {
            patient.addName(new HumanName().setText(details.name()));
            patient.setBirthDateElement(new DateType(details.dateOfBirth().toString()));
            if (details.sex() != null) {
                patient.setGender(Enumerations.AdministrativeGender.fromCode(details.sex().code()));
            }
            if (details.contact() != null) {
                patient.addTelecom(contact(details.contact()));
            }
        }
        add(patient(), patient);
    }

    /** A doctor: their username, and their name, licence and specialty when the exporting user may read them. */
    public void practitioner(String username, AccountDetails details) {
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier(new Identifier().setSystem(usernameSystem()).setValue(username));
        if (details.licence() != null) {
            practitioner.addIdentifier(new Identifier().setValue(details.licence())
                    .setType(concept(V2_0203, "MD", "Medical License number")));
        }
        if (details.name() != null) {
            practitioner.addName(new HumanName().setText(details.name()));
        }
        if (details.specialty() != null) {
            practitioner.addQualification().setCode(new CodeableConcept().setText(details.specialty()));
        }
        add(practitioner(username), practitioner);
    }

    // ---- records

    /**
     * The current version of a record as a Condition: the ICD-10-CM coding ({@code title} its name on
     * the clinic's list, or null for a code the list does not hold), the diagnosis as the code's
     * text, the notes as a note; then each attachment as a DocumentReference, with its bytes from
     * {@code attachments} (null: described and hashed but not included), and the Provenance that
     * ties the version to the chain.
     */
    public void record(RecordVersion version, String title, Anchor anchor, AttachmentSource attachments) {
        Condition condition = new Condition();
        condition.getMeta().setVersionId(Integer.toString(version.version()));
        condition.addIdentifier(new Identifier().setSystem(recordSystem()).setValue(version.recordId()));
        condition.addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category",
                "encounter-diagnosis", "Encounter Diagnosis"));
        CodeableConcept code = new CodeableConcept().setText(version.diagnosis());
        if (version.icd10() != null) {
            code.addCoding(new Coding(ICD10_CM, version.icd10().value(), title));
        }
        condition.setCode(code);
        condition.setSubject(new Reference(patient()));
        condition.setRecordedDateElement(new DateTimeType(iso(version.createdAt())));
        condition.setRecorder(new Reference(practitioner(version.author())));
        // An annotation's text is markdown, whose readers trim what String#trim trims: a note of
        // nothing else would come back as an empty text, which R4 does not allow.
        if (!version.notes().trim().isEmpty()) {
            condition.addNote(new Annotation().setText(version.notes()));
        }
        String conditionUrl = condition(version.recordId());
        add(conditionUrl, condition);
        Provenance provenance = provenance(anchor, version.version() == 1 ? "CREATE" : "UPDATE", version.author());
        provenance.addTarget(new Reference(conditionUrl));
        revises(provenance, version.recordId(), version.supersedes());
        provenance.setOccurred(new DateTimeType(iso(version.createdAt())));
        for (int index = 0; index < version.attachments().size(); index++) {
            String url = document(version, index);
            writeDocument(url, version, conditionUrl, index, attachments);
            provenance.addTarget(new Reference(url));
        }
        add(provenance(version.recordId() + "/" + version.version()), provenance);
    }

    /**
     * A version of a record that a later one replaced, as the Provenance of its block alone: its
     * target named by identifier ({@code recordId/version}), its record hash, block, checkpoint and
     * proof file, so that a receipt of that version still finds its hash in the Bundle. Its content
     * is not in the Bundle; the Condition is the current version.
     */
    public void earlierVersion(String recordId, int version, int supersedes, String author, Instant createdAt,
            int replacedBy, Anchor anchor) {
        Provenance provenance = provenance(anchor, version == 1 ? "CREATE" : "UPDATE", author);
        provenance.addTarget(new Reference().setIdentifier(new Identifier().setSystem(recordSystem())
                .setValue(recordId + "/" + version)).setDisplay("Version " + version + " of record " + recordId
                        + ", replaced by version " + replacedBy));
        provenance.setOccurred(new DateTimeType(iso(createdAt)));
        revises(provenance, recordId, supersedes);
        add(provenance(recordId + "/" + version), provenance);
    }

    /** Names the version an amendment replaced ({@code supersedes}; 0: none) as the entity it revised. */
    private void revises(Provenance provenance, String recordId, int supersedes) {
        if (supersedes > 0) {
            provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.REVISION).setWhat(new Reference()
                    .setIdentifier(new Identifier().setSystem(recordSystem()).setValue(recordId + "/" + supersedes)));
        }
    }

    /** The bytes of a version's attachments, one at a time; {@link #record} wipes each once written. */
    @FunctionalInterface
    public interface AttachmentSource {
        byte[] read(int index) throws IOException;
    }

    private void writeDocument(String url, RecordVersion version, String conditionUrl, int index,
            AttachmentSource source) {
        AttachmentSummary summary = version.attachments().get(index);
        byte[] bytes;
        try {
            bytes = source == null ? null : source.read(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DocumentReference document = new DocumentReference();
        document.setId(url.substring("urn:uuid:".length()));
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.addIdentifier(new Identifier().setSystem(recordSystem())
                .setValue(version.recordId() + "/" + version.version() + "/" + index));
        document.setSubject(new Reference(patient()));
        document.setDateElement(new InstantType(iso(version.createdAt())));
        document.addAuthor(new Reference(practitioner(version.author())));
        document.setDescription(summary.name());
        document.getContext().addRelated(new Reference(conditionUrl));
        Attachment attachment = document.addContent().getAttachment();
        attachment.setContentType(summary.mediaType()).setTitle(summary.name());
        attachment.setCreationElement(new DateTimeType(iso(version.createdAt())));
        if (summary.size() <= Integer.MAX_VALUE) {
            attachment.setSize((int) summary.size());
        }
        attachment.addExtension(SHA256, new StringType(summary.sha256()));
        if (bytes != null) {
            attachment.setHash(sha1(bytes));
        }
        try {
            JsonNode tree = trees.readTree(parser.encodeResourceToString(document));
            JsonNode target = tree.path("content").path(0).path("attachment");
            json.writeStartObject();
            json.writeStringField("fullUrl", url);
            json.writeFieldName("resource");
            writeWithData(tree, target, bytes);
            json.writeEndObject();
            resources++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /** Writes {@code node}, adding {@code data} as base64 to the object {@code target} (the attachment). */
    private void writeWithData(JsonNode node, JsonNode target, byte[] data) throws IOException {
        if (!node.isObject()) {
            if (node.isArray()) {
                json.writeStartArray();
                for (JsonNode element : node) {
                    writeWithData(element, target, data);
                }
                json.writeEndArray();
            } else {
                json.writeTree(node);
            }
            return;
        }
        json.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            json.writeFieldName(field.getKey());
            writeWithData(field.getValue(), target, data);
        }
        if (node == target && data != null && data.length > 0) {
            json.writeFieldName("data");
            json.writeBinary(data);
        }
        json.writeEndObject();
    }

    /**
     * A deleted record: a Provenance of the deletion with no content, its target named by the
     * record's identifier alone, as the record's content was destroyed.
     */
    public void deletion(String recordId, String deletedBy, Anchor anchor) {
        Provenance provenance = provenance(anchor, "DELETE", deletedBy);
        provenance.addTarget(new Reference().setIdentifier(new Identifier().setSystem(recordSystem()).setValue(recordId))
                .setDisplay("Deleted record " + recordId));
        add(provenance(recordId + "/deleted"), provenance);
    }

    private Provenance provenance(Anchor anchor, String activity, String author) {
        Provenance provenance = new Provenance();
        provenance.setRecordedElement(new InstantType(iso(anchor.recordedAt())));
        provenance.setActivity(concept(DATA_OPERATION, activity, null));
        provenance.addAgent().setType(concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                "author", "Author")).setWho(new Reference(practitioner(author)));
        if (anchor.recordHash() != null) {
            provenance.addExtension(RECORD_HASH, new StringType(anchor.recordHash()));
        }
        anchor(provenance.getExtension(), anchor);
        if (anchor.proof() != null) {
            Signature signature = provenance.addSignature();
            signature.addType(new Coding(SIGNATURE_TYPES, "1.2.840.10065.1.12.1.5", "Verification Signature"));
            signature.setWhenElement(new InstantType(iso(anchor.recordedAt())));
            signature.setWho(new Reference(organization()));
            signature.setSigFormat(PROOF_FORMAT);
            signature.setDataElement(new Base64BinaryType(anchor.proof()));
        }
        return provenance;
    }

    private static void anchor(java.util.List<Extension> extensions, Anchor anchor) {
        extensions.add(new Extension(BLOCK_HASH, new StringType(anchor.blockHash())));
        extensions.add(new Extension(CHAIN, new StringType(anchor.chain())));
        extensions.add(new Extension(BLOCK_HEIGHT, new UnsignedIntType(Math.toIntExact(anchor.height()))));
        Checkpoint checkpoint = anchor.checkpoint();
        if (checkpoint != null) {
            Extension signed = new Extension(CHECKPOINT);
            signed.addExtension("origin", new StringType(checkpoint.origin()));
            signed.addExtension("size", new UnsignedIntType(Math.toIntExact(checkpoint.size())));
            signed.addExtension("root", new Base64BinaryType(checkpoint.root()));
            extensions.add(signed);
        }
    }

    // ---- access

    /**
     * A grant (the patient's consent that a doctor may read) or a referral (a doctor's, giving
     * another doctor access) as a Consent: active while it lets the doctor read, inactive once it
     * ended, with {@link #REVOKED} when a revocation ended it.
     */
    public void consent(Access access) {
        AccessEvent event = access.event();
        Consent consent = new Consent();
        consent.setStatus(access.active() ? Consent.ConsentState.ACTIVE : Consent.ConsentState.INACTIVE);
        consent.setScope(concept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy",
                "Privacy Consent"));
        consent.addCategory(concept(LOINC, "59284-0", "Patient Consent"));
        consent.setPatient(new Reference(patient()));
        consent.setDateTimeElement(new DateTimeType(iso(event.at())));
        consent.addPerformer(event.kind() == AccessEvent.Kind.REFERRAL
                ? new Reference(practitioner(subjectOf(event.actor())))
                : new Reference(patient()));
        consent.setPolicyRule(concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"));
        Consent.ProvisionComponent provision = consent.getProvision();
        provision.setType(Consent.ConsentProvisionType.PERMIT);
        Period period = new Period().setStartElement(new DateTimeType(iso(event.at())));
        Instant end = access.revokedAt() != null ? access.revokedAt() : event.until();
        if (end != null) {
            period.setEndElement(new DateTimeType(iso(end)));
        }
        provision.setPeriod(period);
        provision.addActor().setRole(concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PRCP",
                "primary information recipient")).setReference(new Reference(practitioner(subjectOf(event.subject()))));
        provision.addAction(concept("http://terminology.hl7.org/CodeSystem/consentaction", "access", "Access"));
        consent.addExtension(BLOCK_HASH, new StringType(access.blockHash()));
        if (access.revokedAt() != null) {
            consent.addExtension(REVOKED, new DateTimeType(iso(access.revokedAt())));
        }
        add(url("consent", access.blockHash()), consent);
    }

    /**
     * An administrator's emergency access as an AuditEvent: who opened the patient's records, who
     * confirmed it (null when the block names nobody), when, and the block that says so.
     */
    public void emergency(AccessEvent event, String confirmedBy, Anchor anchor) {
        AuditEvent audit = new AuditEvent();
        audit.setType(new Coding(DICOM, "110110", "Patient Record"));
        audit.setAction(AuditEvent.AuditEventAction.R);
        audit.setRecordedElement(new InstantType(iso(event.at())));
        audit.setOutcome(AuditEvent.AuditEventOutcome._0);
        audit.addPurposeOfEvent(concept("http://terminology.hl7.org/CodeSystem/v3-ActReason", "ETREAT",
                "Emergency Treatment"));
        audit.addAgent().setRequestor(true).setWho(staff(subjectOf(event.actor())));
        if (confirmedBy != null) {
            audit.addAgent().setRequestor(false).setWho(staff(confirmedBy));
        }
        audit.getSource().setSite(clinicName).setObserver(new Reference(organization()));
        audit.addEntity().setWhat(new Reference(patient()));
        anchor(audit.getExtension(), anchor);
        add(url("audit-event", anchor.blockHash()), audit);
    }

    private Reference staff(String username) {
        return new Reference().setIdentifier(new Identifier().setSystem(usernameSystem()).setValue(username))
                .setDisplay(username);
    }

    // ---- the Bundle

    /** Ends the Bundle (once; again does nothing). The stream given to {@link #start} stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String url, Resource resource) {
        resource.setId(url.substring("urn:uuid:".length()));
        try {
            json.writeStartObject();
            json.writeStringField("fullUrl", url);
            json.writeFieldName("resource");
            json.writeRawValue(parser.encodeResourceToString(resource));
            json.writeEndObject();
            resources++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code fullUrl} of the patient. */
    public String patient() {
        return url("patient", mrn.digits());
    }

    /** The {@code fullUrl} of the doctor with {@code username}. */
    public String practitioner(String username) {
        return url("practitioner", username);
    }

    /** The {@code fullUrl} of a record's Condition (the same for all its versions). */
    public String condition(String recordId) {
        return url("condition", recordId);
    }

    /** The {@code fullUrl} of one attachment of one version. */
    public String document(RecordVersion version, int index) {
        return url("document", version.recordId() + "/" + version.version() + "/" + index);
    }

    /** The {@code fullUrl} of the Provenance of a version ({@code "recordId/version"}) or a deletion ({@code "recordId/deleted"}). */
    public String provenance(String what) {
        return url("provenance", what);
    }

    /** The {@code fullUrl} of the clinic. */
    public String organization() {
        return url("organization", "");
    }

    private String url(String kind, String key) {
        return "urn:uuid:" + uuid(kind, clinic.value() + "/" + key);
    }

    /** A name-based UUID (RFC 9562 version 8, from SHA-256): the same kind and key give the same UUID. */
    static String uuid(String kind, String key) {
        byte[] digest = Sha256.digest((kind + "\n" + key).getBytes(StandardCharsets.UTF_8));
        digest[6] = (byte) ((digest[6] & 0x0f) | 0x80);
        digest[8] = (byte) ((digest[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (digest[i] & 0xff);
            low = (low << 8) | (digest[8 + i] & 0xff);
        }
        return new UUID(high, low).toString();
    }

    private static String subjectOf(String chain) {
        int slash = chain.indexOf('/');
        return slash < 0 ? chain : chain.substring(slash + 1);
    }

    private static ContactPoint contact(String text) {
        ContactPoint.ContactPointSystem system = text.contains("@") ? ContactPoint.ContactPointSystem.EMAIL
                : text.matches("[+0-9 ()./-]{5,}") ? ContactPoint.ContactPointSystem.PHONE
                        : ContactPoint.ContactPointSystem.OTHER;
        return new ContactPoint().setSystem(system).setValue(text);
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display));
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
    }

    /** An instant as FHIR writes it: UTC, to the millisecond. */
    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** HAPI's R4 context, made the first time a Bundle is written (a second or so) and kept. */
    static final class Hapi {
        static final FhirContext CONTEXT = FhirContext.forR4();

        private Hapi() {
        }
    }
}
