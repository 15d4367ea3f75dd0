package org.clinicledger.clinic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.custody.DirectorySeal;
import org.clinicledger.custody.Labels;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ChartEvent;
import org.clinicledger.domain.DirectoryMatch;
import org.clinicledger.domain.DoctorChart;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.MyPatient;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.RecordEvents;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.RecordStore.DeletionRow;

/**
 * What the Doctor tab opens on: the doctor's own patients, and one patient's chart as a timeline.
 * Both are read from the chains the ledger keeps (the doctor's for who they are, the patient's for
 * what happened and who may read now) and the names from the directory; what a record says is read
 * only through {@link RecordService#listChart}, which decides per version and logs the reading, so
 * this class never opens a record itself.
 */
public final class DoctorDesk {

    /** How far back a record written or a referral made keeps a patient on "My patients". */
    public static final Duration RECENTLY = Duration.ofDays(90);

    private static final Logger LOG = LoggerFactory.getLogger(DoctorDesk.class);

    private final Database database;
    private final ChainStore chains;
    private final Ledger ledger;
    private final RecordStore records;
    private final RegistrationService registrations;
    private final AccountService accounts;
    private final RecordService recordService;
    private final Clock clock;

    DoctorDesk(Database database, ChainStore chains, Ledger ledger, RegistrationService registrations,
            AccountService accounts, RecordService recordService, Clock clock) {
        this.database = database;
        this.chains = chains;
        this.ledger = ledger;
        this.records = new RecordStore();
        this.registrations = registrations;
        this.accounts = accounts;
        this.recordService = recordService;
        this.clock = clock;
    }

    /**
     * The signed-in doctor's patients, by name: those they have standing access to now (a grant that
     * has not ended, a referral to them), those they referred elsewhere or whose records they wrote
     * within {@link #RECENTLY}. A revoked grant takes the patient off unless one of the others holds.
     * A deactivated doctor has no patients (decision 0028). The candidates are the patients the
     * doctor's own chain names; whether access stands is decided from each patient's chain.
     *
     * @throws RefusedException for a session that is not a doctor's
     */
    public List<MyPatient> myPatients(Session doctor) {
        Instant now = clock.instant();
        doctor.use(now);
        requireDoctor(doctor);
        if (!accounts.isActive(doctor.username())) {
            return List.of();
        }
        String me = doctor.chain().value();
        Instant since = now.minus(RECENTLY);
        record Found(Map<String, Instant> seen, Map<String, AccessEvent> referredTo, Map<String, AccessState> states,
                Map<String, AccessEvent> referredBy) {
        }
        Found found = database.read("read your patients", work -> {
            Set<String> candidates = new HashSet<>();
            Map<String, Instant> seen = new HashMap<>();
            chains.forEachBlock(work, me, row -> {
                BlockKind kind = kindOf(row.kind());
                if (kind == null || row.counterpartChain() == null) {
                    return;
                }
                String patient = patientOf(row, kind);
                if (patient == null) {
                    return;
                }
                Instant at = Instant.ofEpochMilli(row.createdAtMillis());
                if (AccessEvents.isAccessKind(kind)) {
                    candidates.add(patient);
                } else if (written(kind) && !at.isBefore(since)) {
                    candidates.add(patient);
                    seen.merge(patient, at, (a, b) -> a.isAfter(b) ? a : b);
                }
            });
            Map<String, AccessState> states = new HashMap<>();
            Map<String, AccessEvent> referredTo = new HashMap<>();
            Map<String, AccessEvent> referredBy = new HashMap<>();
            for (String patient : candidates) {
                List<AccessEvent> events = events(work, patient);
                states.put(patient, AccessPolicy.evaluate(new ChainId(PartyKind.PATIENT, patient).value(), events, now));
                for (AccessEvent event : events) {
                    if (event.kind() == AccessEvent.Kind.REFERRAL && event.subject().equals(me)) {
                        referredBy.put(patient, event);
                    } else if (event.kind() == AccessEvent.Kind.REFERRAL && event.actor().equals(me)
                            && !event.at().isBefore(since)) {
                        referredTo.put(patient, event);
                    }
                }
            }
            return new Found(seen, referredTo, states, referredBy);
        });
        Map<String, String> doctors = doctorNames(doctor);
        Map<String, PatientSummary> directory = new HashMap<>();
        for (DirectoryMatch match : registrations.directorySearch(doctor, "")) {
            directory.put(match.patient().mrn().digits(), match.patient());
        }
        List<MyPatient> mine = new ArrayList<>();
        found.states().forEach((patient, state) -> {
            PatientSummary summary = directory.get(patient);
            if (summary == null) {
                return;
            }
            Instant seen = found.seen().get(patient);
            AccessPolicy.Reason reason = state.readers().get(me);
            MyPatient.Why why;
            Instant until = null;
            String other = null;
            if (reason == AccessPolicy.Reason.GRANT) {
                why = MyPatient.Why.GRANTED;
                until = state.ends().get(me);
            } else if (reason == AccessPolicy.Reason.REFERRAL) {
                why = MyPatient.Why.REFERRED_BY;
                AccessEvent referral = found.referredBy().get(patient);
                other = referral == null ? null : name(doctors, referral.actor());
            } else if (found.referredTo().containsKey(patient)) {
                why = MyPatient.Why.REFERRED_TO;
                other = name(doctors, found.referredTo().get(patient).subject());
            } else if (seen != null) {
                why = MyPatient.Why.SEEN;
            } else {
                return;
            }
            mine.add(new MyPatient(summary, why, until, other, seen));
        });
        mine.sort(Comparator.comparing((MyPatient entry) -> entry.patient().name())
                .thenComparing(entry -> entry.patient().mrn().digits()));
        return List.copyOf(mine);
    }

    /**
     * One patient's chart for the signed-in doctor: the records {@link RecordService#listChart} lists
     * (and logs reading), and the patient's chain as a timeline, newest first: each record version
     * written, each deletion with its reason, and each change of who may read. A doctor without
     * standing access sees the record events of the records they may see only, and the access
     * changes that name them; the current version of a record carries what it diagnoses when the
     * chart read it, older versions say they were replaced.
     *
     * @throws RefusedException for a session that is not a doctor's, or no such patient
     */
    public DoctorChart chart(Session doctor, MedicalRecordNumber patient) {
        doctor.use(clock.instant());
        requireDoctor(doctor);
        List<RecordSummary> chart = recordService.listChart(doctor, patient);
        boolean mayWrite = recordService.mayWrite(doctor, patient);
        Map<String, RecordSummary> visible = new HashMap<>();
        chart.forEach(summary -> visible.put(summary.recordId().value(), summary));
        String me = doctor.chain().value();
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient.digits());
        record Read(List<Block> blocks, List<AccessEvent> events, AccessState state, Map<String, DeletionRow> deletions) {
        }
        Read read = database.read("read the patient's chart", work -> {
            List<Block> blocks = new ArrayList<>();
            chains.forEachBlock(work, patientChain.value(), row -> {
                BlockKind kind = kindOf(row.kind());
                if (kind != null && (written(kind) || AccessEvents.isAccessKind(kind))) {
                    try {
                        blocks.add(row.toBlock());
                    } catch (IllegalArgumentException unreadable) {
                        // Verification reports a row no block could hold; the timeline leaves it out.
                    }
                }
            });
            List<AccessEvent> events = events(work, patient.digits());
            Map<String, DeletionRow> deletions = new HashMap<>();
            for (DeletionRow row : records.deletions(work)) {
                if (visible.containsKey(row.recordId())) {
                    deletions.put(row.recordId(), row);
                }
            }
            return new Read(blocks, events, AccessPolicy.evaluate(patientChain.value(), events, clock.instant()), deletions);
        });
        boolean standing = read.state().isStanding(me);
        Map<String, String> names = doctorNames(doctor);
        String patientName = registrations.patientDetails(doctor, patient).map(details -> details.name())
                .orElse(patient.toString());
        names.put(patientChain.value(), patientName);
        List<ChartEvent> timeline = new ArrayList<>();
        byte[] directoryKey = doctor.directoryKey();
        try {
            for (Block block : read.blocks()) {
                ChartEvent event = event(block, visible, read.deletions(), names, me, standing, directoryKey);
                if (event != null) {
                    timeline.add(event);
                }
            }
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
        timeline.sort(Comparator.comparing(ChartEvent::at).reversed());
        return new DoctorChart(chart, timeline, mayWrite);
    }

    private ChartEvent event(Block block, Map<String, RecordSummary> visible, Map<String, DeletionRow> deletions,
            Map<String, String> names, String me, boolean standing, byte[] directoryKey) {
        String hash = Hex.encode(block.hash());
        String counterpart = block.counterpart() == null ? null : block.counterpart().chain().value();
        try {
            switch (block.kind()) {
                case RECORD_ADDED, RECORD_AMENDED -> {
                    RecordEvents.Written written = RecordEvents.readWritten(block.payload());
                    RecordSummary summary = visible.get(written.recordId());
                    if (summary == null) {
                        return null;
                    }
                    boolean current = !summary.deleted() && summary.latestVersion() == written.version();
                    RecordSummary.Diagnosis diagnosis = current ? summary.diagnosis() : null;
                    String detail = summary.deleted() ? "Deleted since"
                            : current ? "" : "Replaced by version " + summary.latestVersion();
                    return new ChartEvent(block.createdAt(), block.kind(), name(names, counterpart), written.recordId(),
                            written.version(), diagnosis == null ? null : diagnosis.icd10(),
                            diagnosis == null ? null : diagnosis.text(), detail, hash);
                }
                case RECORD_DELETED -> {
                    RecordEvents.Deleted deleted = RecordEvents.readDeleted(block.payload());
                    if (!visible.containsKey(deleted.recordId())) {
                        return null;
                    }
                    return new ChartEvent(block.createdAt(), block.kind(), name(names, counterpart), deleted.recordId(),
                            0, null, null, deletionReason(deletions.get(deleted.recordId()), deleted, directoryKey), hash);
                }
                default -> {
                    AccessEvent access = AccessEvents.decode(block);
                    if (!standing && !access.subject().equals(me) && !access.actor().equals(me)) {
                        return null;
                    }
                    return new ChartEvent(block.createdAt(), block.kind(), name(names, access.actor()), null, 0, null,
                            null, accessDetail(access, names, clock), hash);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // A payload that is not what its kind says: verification reports it; the timeline leaves it out.
            return null;
        }
    }

    /** A change of access in words; a grant's end as its last day, the day before the instant it ends at. */
    private static String accessDetail(AccessEvent access, Map<String, String> names, Clock clock) {
        return switch (access.kind()) {
            case GRANT -> "Access for " + name(names, access.subject()) + (access.until() == null ? ", no end"
                    : " until " + access.until().minusMillis(1).atZone(clock.getZone()).toLocalDate());
            case REVOKE -> "Access of " + name(names, access.subject()) + " ended";
            case REFERRAL -> "Referred to " + name(names, access.subject());
            case EMERGENCY -> "Emergency access";
        };
    }

    /**
     * The reason a record was deleted, opened with the directory key, when its sealed bytes are the
     * ones the tombstone commits to; otherwise a sentence that says it does not check.
     */
    private static String deletionReason(DeletionRow row, RecordEvents.Deleted deleted, byte[] directoryKey) {
        if (row == null) {
            return "The reason is not in this data folder.";
        }
        if (!MessageDigest.isEqual(Hex.encode(Sha256.digest(row.sealedReason())).getBytes(StandardCharsets.US_ASCII),
                deleted.reasonHash().getBytes(StandardCharsets.US_ASCII))) {
            return "The reason fails its check against the chain.";
        }
        Optional<byte[]> plaintext = DirectorySeal.open(directoryKey, row.sealedReason(),
                Labels.bind(Labels.DELETION_REASON, deleted.recordId()));
        if (plaintext.isEmpty()) {
            return "The reason does not open.";
        }
        String reason = new String(plaintext.get(), StandardCharsets.UTF_8);
        Arrays.fill(plaintext.get(), (byte) 0);
        return "Reason: " + reason;
    }

    /** The patient's access events, checked; a chain whose events do not check gives nobody standing access. */
    private List<AccessEvent> events(UnitOfWork work, String patient) {
        try {
            return ledger.accessEvents(work, new ChainId(PartyKind.PATIENT, patient));
        } catch (RefusedException untrusted) {
            LOG.warn("The access events of patient {} do not check: {}", patient, untrusted.getMessage());
            return List.of();
        }
    }

    /** Every doctor's and administrator's chain id with their name (the directory's, else the username). */
    private Map<String, String> doctorNames(Session reader) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Role role : List.of(Role.DOCTOR, Role.ADMINISTRATOR)) {
            for (StaffMember member : accounts.staff(reader, role)) {
                accounts.account(member.username()).ifPresent(account ->
                        names.put(account.chain().value(), member.displayName()));
            }
        }
        return names;
    }

    private static String name(Map<String, String> names, String chain) {
        if (chain == null) {
            return "";
        }
        String known = names.get(chain);
        if (known != null) {
            return known;
        }
        try {
            return ChainId.parse(chain).subject();
        } catch (IllegalArgumentException notAChain) {
            return chain;
        }
    }

    /**
     * The patient a block of the doctor's chain is about: the other party, or for a referral's
     * side between two doctors, the patient its payload names; null for anything else.
     */
    private static String patientOf(BlockRow row, BlockKind kind) {
        String patients = PartyKind.PATIENT.code() + "/";
        if (row.counterpartChain().startsWith(patients)) {
            return row.counterpartChain().substring(patients.length());
        }
        if (kind == BlockKind.REFERRAL) {
            try {
                return AccessEvents.patientOf(row.payload()).subject();
            } catch (IllegalArgumentException | NullPointerException malformed) {
                return null;
            }
        }
        return null;
    }

    private static BlockKind kindOf(String code) {
        try {
            return BlockKind.fromCode(code);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static boolean written(BlockKind kind) {
        return kind == BlockKind.RECORD_ADDED || kind == BlockKind.RECORD_AMENDED || kind == BlockKind.RECORD_DELETED;
    }

    private static void requireDoctor(Session session) {
        if (session.role() != Role.DOCTOR) {
            throw new RefusedException("Only doctors have patients and charts.");
        }
    }
}
