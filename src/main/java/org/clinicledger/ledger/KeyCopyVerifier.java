package org.clinicledger.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.RecordStore.KeyCopyRow;
import org.clinicledger.store.RecordStore.VersionRow;

/**
 * Checks who holds a copy of each record key against what the patient's chain admits, as
 * {@link org.clinicledger.custody} hands them out: every object (document and attachments) of every
 * live version is wrapped for the patient, the version's author, the clinic's escrow key, each
 * doctor with standing access now (a running grant, a referral) and each administrator within an
 * emergency access; nobody else holds one, and a deleted record's keys are gone. A copy for anyone
 * else, or a missing copy, is a problem. The copies of a doctor whose grant ended by itself, or of
 * an administrator whose emergency window closed, stay until the data folder is next opened to work
 * in; they are reported apart, as upkeep that is due rather than as a change.
 *
 * <p>The access events are read from the blocks as they stand; a block that does not decode is
 * skipped here, since {@link ChainVerifier} names it.
 */
final class KeyCopyVerifier {

    private final ChainStore chains;
    private final RecordStore records;

    KeyCopyVerifier(ChainStore chains, RecordStore records) {
        this.chains = chains;
        this.records = records;
    }

    /**
     * Who may hold a patient's keys now (doctors with standing access, administrators within an
     * emergency), and whose ended grant or emergency still awaits the removal of their copies.
     */
    private record PatientKeys(Set<String> standing, Set<String> emergency, Map<String, EndedGrant> ended) {
    }

    /** A grant that ended by itself: its block and its end. */
    private record EndedGrant(long height, Instant until) {
    }

    /** An access event with the height of its block on the patient's chain. */
    private record Placed(long height, AccessEvent event) {
    }

    /**
     * @param recordHeights the height of each version's record block on the patient's chain, by
     *     {@link RecordStore#versionKey}
     * @param now the time the access policy is evaluated at; a chain with a later event is evaluated at that event
     */
    List<VerificationProblem> verify(UnitOfWork work, Map<String, Long> recordHeights, Instant now) {
        Map<String, PatientKeys> patients = accessByPatient(work, now);
        Map<String, VersionRow> versions = new HashMap<>();
        records.forEachVersion(work, row -> versions.put(RecordStore.versionKey(row.recordId(), row.version()), row));
        Map<String, List<String>> attachments = records.allAttachmentAddresses(work);
        Check check = new Check(patients, versions, attachments, recordHeights);
        records.forEachKeyCopy(work, check::accept);
        check.finish();
        return check.problems;
    }

    // ---- the access policy, per patient

    private Map<String, PatientKeys> accessByPatient(UnitOfWork work, Instant now) {
        Map<String, List<Placed>> events = new HashMap<>();
        ChainStore.RowConsumer<org.clinicledger.store.BlockRow> collect = row -> {
            Optional<Block> readable = BlockCodec.readable(row);
            if (readable.isEmpty() || readable.get().chain().party() != PartyKind.PATIENT) {
                return;
            }
            Block block = readable.get();
            try {
                AccessEvent event = AccessEvents.decode(block);
                events.computeIfAbsent(block.chain().value(), chain -> new ArrayList<>())
                        .add(new Placed(block.height(), event));
            } catch (IllegalArgumentException malformed) {
                // See the class comment.
            }
        };
        chains.forEachBlockOfKinds(work, BlockKind.ACCESS_GRANTED.code(), BlockKind.ACCESS_REVOKED.code(), collect);
        chains.forEachBlockOfKinds(work, BlockKind.REFERRAL.code(), BlockKind.EMERGENCY_ACCESS.code(), collect);
        Map<String, PatientKeys> patients = new HashMap<>();
        events.forEach((patient, placed) -> {
            placed.sort(Comparator.comparingLong(Placed::height));
            List<AccessEvent> inOrder = placed.stream().map(Placed::event).toList();
            Instant at = now;
            for (AccessEvent event : inOrder) {
                // A block dated after this machine's clock shows the clock is behind the one that wrote it.
                at = event.at().isAfter(at) ? event.at() : at;
            }
            AccessState state = AccessPolicy.evaluate(patient, inOrder, at);
            Set<String> standing = new HashSet<>();
            state.standingDoctors().forEach(doctor -> standing.add(doctor.doctor().value()));
            Set<String> emergency = new HashSet<>();
            state.emergencyReaders().forEach(administrator -> emergency.add(administrator.value()));
            Map<String, EndedGrant> latestGrants = new HashMap<>();
            for (Placed event : placed) {
                AccessEvent access = event.event();
                if (access.kind() == AccessEvent.Kind.EMERGENCY) {
                    latestGrants.put(access.subject(), new EndedGrant(event.height(),
                            access.at().plus(AccessPolicy.EMERGENCY_WINDOW)));
                    continue;
                }
                if (!access.actor().equals(patient)) {
                    continue;
                }
                if (access.kind() == AccessEvent.Kind.GRANT) {
                    latestGrants.put(access.subject(), new EndedGrant(event.height(), access.until()));
                } else if (access.kind() == AccessEvent.Kind.REVOKE) {
                    latestGrants.remove(access.subject());
                }
            }
            Map<String, EndedGrant> ended = new HashMap<>();
            Instant evaluated = at;
            latestGrants.forEach((doctor, grant) -> {
                if (grant.until() != null && !grant.until().isAfter(evaluated) && !standing.contains(doctor)
                        && !emergency.contains(doctor)) {
                    ended.put(doctor, grant);
                }
            });
            patients.put(patient, new PatientKeys(standing, emergency, ended));
        });
        return patients;
    }

    // ---- the copies, version by version

    /** Walks the key copies in version order and compares each version's holders with those it should have. */
    private static final class Check {
        private final Map<String, PatientKeys> patients;
        private final Map<String, VersionRow> versions;
        private final Map<String, List<String>> attachments;
        private final Map<String, Long> recordHeights;
        private final List<VerificationProblem> problems = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        /** Copies of ended grants by patient chain, then doctor: how many. */
        private final Map<String, Map<String, Integer>> awaiting = new TreeMap<>();
        private String current;
        private KeyCopyRow first;
        private Map<String, Set<Integer>> held = new LinkedHashMap<>();

        Check(Map<String, PatientKeys> patients, Map<String, VersionRow> versions, Map<String, List<String>> attachments,
                Map<String, Long> recordHeights) {
            this.patients = patients;
            this.versions = versions;
            this.attachments = attachments;
            this.recordHeights = recordHeights;
        }

        void accept(KeyCopyRow row) {
            String key = RecordStore.versionKey(row.recordId(), row.version());
            if (!key.equals(current)) {
                flush();
                current = key;
                first = row;
                held = new LinkedHashMap<>();
            }
            held.computeIfAbsent(row.principal(), principal -> new LinkedHashSet<>()).add(row.object());
        }

        void finish() {
            flush();
            versions.forEach((key, version) -> {
                if (!seen.contains(key) && !version.deleted()) {
                    check(version, Map.of());
                }
            });
            awaiting.forEach((patient, doctors) -> doctors.forEach((doctor, copies) -> {
                EndedGrant grant = patients.get(patient).ended().get(doctor);
                problems.add(new VerificationProblem(patient, grant.height(), ProblemCode.RECORD_KEY_AWAITING_REMOVAL,
                        (copies == 1 ? "1 key copy" : copies + " key copies") + " of " + doctor + ", whose "
                                + (doctor.startsWith(PartyKind.STAFF.code() + "/") ? "emergency access" : "grant")
                                + " ended "
                                + grant.until() + (copies == 1 ? ", awaits removal: it is" : ", await removal: they are")
                                + " destroyed the next time the data folder is opened to work in"));
            }));
        }

        private void flush() {
            if (current == null) {
                return;
            }
            seen.add(current);
            VersionRow version = versions.get(current);
            if (version == null) {
                held.keySet().forEach(principal -> problems.add(new VerificationProblem("record " + first.recordId(), -1,
                        ProblemCode.RECORD_KEY_UNAUTHORIZED, "a key of record " + first.recordId() + " version "
                                + first.version() + ", which the records do not hold, is wrapped for " + principal)));
            } else if (version.deleted()) {
                held.keySet().forEach(principal -> problems.add(problem(version, ProblemCode.RECORD_KEY_UNAUTHORIZED,
                        "a key of " + name(version) + ", which was deleted, is still wrapped for " + principal)));
            } else {
                check(version, held);
            }
            current = null;
        }

        private void check(VersionRow version, Map<String, Set<Integer>> holders) {
            String patient = PartyKind.PATIENT.code() + "/" + version.patient();
            PatientKeys access = patients.getOrDefault(patient, new PatientKeys(Set.of(), Set.of(), Map.of()));
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put(patient, "the patient");
            expected.put(PartyKind.DOCTOR.code() + "/" + version.author(), "its author");
            expected.put(RecordStore.ESCROW_PRINCIPAL, "the clinic's escrow key");
            access.standing().forEach(doctor -> expected.putIfAbsent(doctor, "a doctor with access"));
            access.emergency().forEach(administrator -> expected.putIfAbsent(administrator,
                    "an administrator within an emergency access"));
            Set<Integer> objects = new LinkedHashSet<>();
            objects.add(RecordStore.DOCUMENT);
            int attached = attachments.getOrDefault(RecordStore.versionKey(version.recordId(), version.version()),
                    List.of()).size();
            for (int index = 0; index < attached; index++) {
                objects.add(index);
            }
            holders.forEach((principal, held) -> {
                if (!expected.containsKey(principal)) {
                    if (access.ended().containsKey(principal)) {
                        awaiting.computeIfAbsent(patient, chain -> new TreeMap<>()).merge(principal, held.size(),
                                Integer::sum);
                    } else {
                        problems.add(problem(version, ProblemCode.RECORD_KEY_UNAUTHORIZED, "a key of " + name(version)
                                + " is wrapped for " + principal + ", whom the patient's chain does not admit"));
                    }
                    return;
                }
                Set<Integer> extra = new LinkedHashSet<>(held);
                extra.removeAll(objects);
                if (!extra.isEmpty()) {
                    problems.add(problem(version, ProblemCode.RECORD_KEY_UNAUTHORIZED, "keys of objects " + extra
                            + ", which " + name(version) + " does not have, are wrapped for " + principal));
                }
            });
            expected.forEach((principal, who) -> {
                Set<Integer> missing = new LinkedHashSet<>(objects);
                missing.removeAll(holders.getOrDefault(principal, Set.of()));
                if (!missing.isEmpty()) {
                    problems.add(problem(version, ProblemCode.RECORD_KEY_MISSING, principal + " (" + who + ") lacks "
                            + (missing.size() == objects.size() ? "the keys" : "some keys") + " of " + name(version)));
                }
            });
        }

        private VerificationProblem problem(VersionRow version, ProblemCode code, String reason) {
            Long height = recordHeights.get(RecordStore.versionKey(version.recordId(), version.version()));
            return new VerificationProblem(PartyKind.PATIENT.code() + "/" + version.patient(), height == null ? -1 : height,
                    code, reason);
        }

        private static String name(VersionRow version) {
            return "record " + version.recordId() + " version " + version.version();
        }
    }
}
