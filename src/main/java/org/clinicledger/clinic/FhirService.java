package org.clinicledger.clinic;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.FhirExport;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.exchange.FhirBundle;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.BlockEvidence;
import org.clinicledger.ledger.ChainProofs;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.RecordEvents;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.RecordStore.VersionRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A patient's records as an HL7 FHIR R4 Bundle ({@link FhirBundle}, {@code docs/formats/fhir.md}),
 * for the patient or a doctor with standing access: the current version of each record the reader
 * may read, its attachments, the hashes and proofs of the versions amendments replaced (nothing of
 * them decrypted), the deleted records as tombstones, the grants and referrals, the emergency
 * accesses, and for each event where it stands on the patient's chain.
 *
 * <p>One write decides and logs: it checks who may export, appends a record-viewed block for each
 * version the Bundle will hold (an export is a reading), and gathers the evidence of each block. The
 * Bundle is then written one record at a time, each opened in its own read, so that memory holds one
 * record and one attachment at a time however large the patient's file is.
 */
public final class FhirService {

    private static final Logger LOG = LoggerFactory.getLogger(FhirService.class);

    private final Database database;
    private final Ledger ledger;
    private final RecordService records;
    private final PatientAccess access;
    private final ChainProofs proofs;
    private final ClinicService clinic;
    private final AccountService accounts;
    private final RegistrationService registrations;
    private final Clock clock;
    private final ChainStore chains = new ChainStore();
    private final RecordStore recordStore = new RecordStore();

    FhirService(Database database, Ledger ledger, RecordService records, PatientAccess access, ChainProofs proofs,
            ClinicService clinic, AccountService accounts, RegistrationService registrations, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.records = records;
        this.access = access;
        this.proofs = proofs;
        this.clinic = clinic;
        this.accounts = accounts;
        this.registrations = registrations;
        this.clock = clock;
    }

    /** The file name an export is offered under: the patient's MRN and the day. */
    public String suggestedFileName(MedicalRecordNumber patient) {
        return "patient-" + patient.digits() + "-" + clock.instant().atZone(clock.getZone()).toLocalDate() + ".fhir.json";
    }

    /**
     * Writes the Bundle of {@code patient} for {@code reader} to {@code out}, with each attachment's
     * bytes when {@code attachments} (otherwise described and hashed only). The reading is logged on
     * the patient's chain (and the doctor's) before anything is written; a failure while writing
     * leaves that record of an attempted reading.
     *
     * @throws RefusedException when the reader is neither the patient nor a doctor with standing
     *     access now, or there is no such patient
     */
    public FhirExport export(Session reader, MedicalRecordNumber patient, boolean attachments, OutputStream out) {
        Instant now = clock.instant();
        reader.use(now);
        Plan plan = database.write("export the patient's records as FHIR", work -> plan(work, reader, patient, now));
        LOG.info("{} exported patient {}'s records as FHIR: {} records", reader.username(), patient, plan.versions().size());
        Names names = names(reader, patient, plan);
        String clinicName = clinic.profile().map(ClinicProfile::name).orElse("");
        Counting counting = new Counting(out);
        int included = 0;
        int documents = 0;
        int earlierVersions = 0;
        FhirBundle bundle = FhirBundle.start(counting, new FhirBundle.Clinic(clinicName, plan.fingerprint()), patient,
                now);
        bundle.patient(names.patient());
        names.doctors().forEach(bundle::practitioner);
        for (Exported exported : plan.versions()) {
            VersionRow row = exported.row();
            RecordVersion version = database.read("read a record to export", work -> records.open(work, reader, row));
            documents += version.attachments().size();
            FhirBundle.AttachmentSource source = null;
            if (attachments) {
                source = index -> database.read("read an attachment to export",
                        work -> records.openAttachment(work, reader, row, index));
                included += version.attachments().size();
            }
            bundle.record(version, version.icd10() == null ? null : Icd10Catalog.standard()
                    .find(version.icd10().value()).map(Icd10Catalog.Entry::title).orElse(null), exported.anchor(),
                    source);
            for (Exported replaced : exported.earlier()) {
                VersionRow earlier = replaced.row();
                bundle.earlierVersion(earlier.recordId(), earlier.version(), earlier.supersedes(), earlier.author(),
                        Instant.ofEpochMilli(earlier.createdAtMillis()), row.version(), replaced.anchor());
                earlierVersions++;
            }
        }
        for (Tombstone tombstone : plan.deletions()) {
            bundle.deletion(tombstone.recordId(), tombstone.deletedBy(), tombstone.anchor());
        }
        plan.consents().forEach(bundle::consent);
        for (Emergency emergency : plan.emergencies()) {
            bundle.emergency(emergency.event(), emergency.confirmedBy(), emergency.anchor());
        }
        bundle.close();
        return new FhirExport(patient, plan.versions().size(), earlierVersions, documents, included, plan.deletions().size(),
                plan.consents().size(), plan.emergencies().size(), bundle.resources(), counting.count,
                plan.anchored());
    }

    // ---- deciding, logging and gathering, in one write

    /** A current version to export, and the earlier versions of its record the reader may read. */
    private record Exported(VersionRow row, FhirBundle.Anchor anchor, List<Exported> earlier) {
    }

    private record Tombstone(String recordId, String deletedBy, FhirBundle.Anchor anchor) {
    }

    private record Emergency(AccessEvent event, String confirmedBy, FhirBundle.Anchor anchor) {
    }

    private record Plan(ClinicFingerprint fingerprint, List<Exported> versions,
            List<Tombstone> deletions, List<FhirBundle.Access> consents, List<Emergency> emergencies,
            Set<String> doctors, boolean anchored) {
    }

    /** A block of the patient's chain as the Bundle points at it. */
    private record Found(long height, String hash, Instant at, String counterpart) {
    }

    private Plan plan(UnitOfWork work, Session reader, MedicalRecordNumber patient, Instant now) {
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient.digits());
        if (reader.role() == Role.PATIENT ? !reader.chain().equals(patientChain) : reader.role() != Role.DOCTOR) {
            throw new RefusedException(PatientAccess.ACCESS_DENIED + ": only the patient and the doctors they gave "
                    + "access can export their records.");
        }
        access.requireActive(work, reader);
        access.requireRegistered(work, patient);
        AccessState state = access.state(work, patient.digits());
        if (reader.role() == Role.DOCTOR && !state.isStanding(reader.chain().value())) {
            throw new RefusedException(PatientAccess.ACCESS_DENIED + ": " + reader.username()
                    + " has no access to patient " + patient.formatted() + "'s records now.");
        }
        Map<String, Found> written = new HashMap<>();
        Map<String, Found> deleted = new LinkedHashMap<>();
        List<Block> accessBlocks = new ArrayList<>();
        chains.forEachBlock(work, patientChain.value(), row -> {
            BlockKind kind = kindOf(row);
            try {
                if (kind == BlockKind.RECORD_ADDED || kind == BlockKind.RECORD_AMENDED) {
                    written.putIfAbsent(RecordEvents.readWritten(row.payload()).recordHash(), found(row));
                } else if (kind == BlockKind.RECORD_DELETED) {
                    deleted.put(RecordEvents.readDeleted(row.payload()).recordId(), found(row));
                } else if (kind != null && AccessEvents.isAccessKind(kind)) {
                    Block block = row.toBlock();
                    AccessEvents.decode(block);
                    accessBlocks.add(block);
                }
            } catch (IllegalArgumentException unreadable) {
                throw unreadable(patient, row.height());
            }
        });
        Map<String, List<VersionRow>> byRecord = new LinkedHashMap<>();
        recordStore.versionsOfPatient(work, patient.digits())
                .forEach(row -> byRecord.computeIfAbsent(row.recordId(), id -> new ArrayList<>()).add(row));
        List<VersionRow> readable = new ArrayList<>();
        Map<String, List<VersionRow>> earlierReadable = new HashMap<>();
        List<String> tombstones = new ArrayList<>();
        byRecord.forEach((recordId, versions) -> {
            VersionRow latest = versions.get(versions.size() - 1);
            boolean visible = versions.stream()
                    .anyMatch(version -> PatientAccess.readReason(state, reader, version.author()).isPresent());
            if (latest.deleted() && visible && deleted.containsKey(recordId)) {
                tombstones.add(recordId);
            } else if (!latest.deleted() && PatientAccess.readReason(state, reader, latest.author()).isPresent()) {
                readable.add(latest);
                earlierReadable.put(recordId, versions.subList(0, versions.size() - 1).stream()
                        .filter(version -> PatientAccess.readReason(state, reader, version.author()).isPresent())
                        .toList());
            }
        });
        List<EventSpec> views = readable.stream().map(row -> RecordService.viewing(reader, row)).toList();
        if (!views.isEmpty()) {
            ledger.appendAll(work, views);
        }
        Anchors anchors = new Anchors(work, patientChain);
        Set<String> doctors = new LinkedHashSet<>();
        List<Exported> versions = new ArrayList<>();
        for (VersionRow row : readable) {
            List<Exported> earlier = new ArrayList<>();
            for (VersionRow replaced : earlierReadable.get(row.recordId())) {
                earlier.add(new Exported(replaced, anchors.of(block(written, replaced), replaced), List.of()));
                doctors.add(replaced.author());
            }
            versions.add(new Exported(row, anchors.of(block(written, row), row), earlier));
            doctors.add(row.author());
        }
        List<Tombstone> deletions = new ArrayList<>();
        for (String recordId : tombstones) {
            Found block = deleted.get(recordId);
            String by = ChainId.parse(block.counterpart()).subject();
            deletions.add(new Tombstone(recordId, by, anchors.of(block, null)));
            doctors.add(by);
        }
        List<FhirBundle.Access> consents = consents(accessBlocks, patientChain.value(), now);
        consents.forEach(consent -> {
            doctors.add(ChainId.parse(consent.event().subject()).subject());
            if (consent.event().kind() == AccessEvent.Kind.REFERRAL) {
                doctors.add(ChainId.parse(consent.event().actor()).subject());
            }
        });
        List<Emergency> emergencies = new ArrayList<>();
        for (Block block : accessBlocks) {
            if (block.kind() == BlockKind.EMERGENCY_ACCESS) {
                String confirmedBy;
                try {
                    confirmedBy = AccessEvents.confirmedBy(block.payload()).map(ChainId::subject).orElse(null);
                } catch (IllegalArgumentException unreadable) {
                    throw unreadable(patient, block.height());
                }
                Found found = new Found(block.height(), Hex.encode(block.hash()), block.createdAt(), null);
                emergencies.add(new Emergency(AccessEvents.decode(block), confirmedBy, anchors.of(found, null)));
            }
        }
        return new Plan(ledger.clinicFingerprint(work), versions, deletions, consents, emergencies, doctors,
                anchors.complete);
    }

    /** The block of the patient's chain that wrote version {@code row}. */
    private static Found block(Map<String, Found> written, VersionRow row) {
        Found block = written.get(row.recordHash());
        if (block == null) {
            throw new RefusedException("The patient's chain has no block for version " + row.version() + " of record "
                    + row.recordId() + "; run verify.");
        }
        return block;
    }

    /** The refusal for a block of the patient's chain that is not what its kind says: only verify can say more. */
    private static RefusedException unreadable(MedicalRecordNumber patient, long height) {
        return new RefusedException("Block " + height + " of patient " + patient.formatted() + "'s chain cannot be "
                + "read, so their records cannot be exported; run verify.");
    }

    /** Where blocks stand: their checkpoint and, for a record version, its proof file. */
    private final class Anchors {
        private final UnitOfWork work;
        private final ChainId chain;
        private boolean complete = true;

        Anchors(UnitOfWork work, ChainId chain) {
            this.work = work;
            this.chain = chain;
        }

        FhirBundle.Anchor of(Found block, VersionRow row) {
            String recordHash = row == null ? null : row.recordHash();
            try {
                BlockEvidence evidence = proofs.evidence(work, chain, block.height());
                return new FhirBundle.Anchor(chain.value(), block.height(), block.hash(), block.at(), recordHash,
                        evidence.checkpoint(), row == null ? null : ReceiptService.proofFile(evidence, row));
            } catch (RefusedException notHere) {
                // A replica cannot vouch for its checkpoints under the clinic key; the hashes still tie the copy.
                complete = false;
                return new FhirBundle.Anchor(chain.value(), block.height(), block.hash(), block.at(), recordHash, null,
                        null);
            }
        }
    }

    /**
     * Each grant and each referral that took effect, in chain order, with whether it lets its doctor
     * read now and when a revocation ended it: {@link AccessPolicy#evaluate}'s rules, kept per event.
     */
    static List<FhirBundle.Access> consents(List<Block> blocks, String patient, Instant now) {
        record Standing(AccessEvent event, String hash, boolean emergency) {
        }
        Map<String, Standing> standing = new HashMap<>();
        Map<String, Instant> revoked = new HashMap<>();
        List<Standing> given = new ArrayList<>();
        for (Block block : blocks) {
            AccessEvent event = AccessEvents.decode(block);
            if (event.at().isAfter(now)) {
                break;
            }
            String hash = Hex.encode(block.hash());
            switch (event.kind()) {
                case GRANT -> {
                    if (event.actor().equals(patient)) {
                        Standing grant = new Standing(event, hash, false);
                        standing.put(event.subject(), grant);
                        given.add(grant);
                    }
                }
                case REVOKE -> {
                    Standing ended = event.actor().equals(patient) ? standing.remove(event.subject()) : null;
                    if (ended != null && !ended.emergency()) {
                        revoked.put(ended.hash(), event.at());
                    }
                }
                case REFERRAL -> {
                    Standing referrer = standing.get(event.actor());
                    if (referrer != null && !referrer.emergency() && activeAt(referrer.event(), event.at())
                            && !standing.containsKey(event.subject())) {
                        Standing referral = new Standing(event, hash, false);
                        standing.put(event.subject(), referral);
                        given.add(referral);
                    }
                }
                case EMERGENCY -> standing.put(event.subject(), new Standing(event, hash, true));
            }
        }
        List<FhirBundle.Access> consents = new ArrayList<>();
        for (Standing entry : given) {
            Standing current = standing.get(entry.event().subject());
            boolean active = current == entry && activeAt(entry.event(), now);
            consents.add(new FhirBundle.Access(entry.event(), entry.hash(), active, revoked.get(entry.hash())));
        }
        return consents;
    }

    private static boolean activeAt(AccessEvent event, Instant time) {
        return event.until() == null || time.isBefore(event.until());
    }

    // ---- names, as the reader may read them

    private record Names(PatientDetails patient, Map<String, AccountDetails> doctors) {
    }

    /**
     * The patient's details and the doctors' names, licences and specialties, from the directory
     * when the reader is staff. A patient cannot read the directory: their Bundle gives their details
     * from their own copy on their chain ({@link RegistrationService#ownDetails}; the MRN alone
     * when there is none) and names each doctor by username.
     */
    private Names names(Session reader, MedicalRecordNumber patient, Plan plan) {
        Map<String, AccountDetails> doctors = new LinkedHashMap<>();
        plan.doctors().forEach(username -> doctors.put(username, AccountDetails.NONE));
        if (!reader.hasDirectoryAccess()) {
            return new Names(reader.role() == Role.PATIENT ? registrations.ownDetails(reader).orElse(null) : null,
                    doctors);
        }
        for (StaffMember member : accounts.staff(reader, Role.DOCTOR)) {
            doctors.computeIfPresent(member.username(), (username, none) -> member.details());
        }
        Optional<PatientDetails> details = registrations.patientDetails(reader, patient);
        return new Names(details.orElse(null), doctors);
    }

    private static Found found(BlockRow row) {
        return new Found(row.height(), Hex.encode(row.hash()), Instant.ofEpochMilli(row.createdAtMillis()),
                row.counterpartChain());
    }

    private static BlockKind kindOf(BlockRow row) {
        try {
            return BlockKind.fromCode(row.kind());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Counts what passes through, for the summary. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
