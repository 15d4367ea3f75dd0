package org.clinicledger.ledger;

import static org.clinicledger.ledger.PayloadFields.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;

/**
 * The payload of a {@link BlockKind#PATIENT_MERGED} event, and the rules a clinic's merges keep
 * together. A receptionist or an administrator found that a patient was registered twice and merged
 * the duplicate into the patient who stays (the survivor). Chains cannot be rewritten, so nothing
 * moves: the duplicate's chain keeps its records, grants and history, readable and verifiable, and
 * from this block on it takes no new record, grant or referral. The same payload goes on the
 * duplicate's chain and the signer's; it is RFC 8785 canonical JSON and holds no plaintext:
 * <pre>
 * {"by":"staff/…","format":"clinicledger/patient-merged/v1","into":"patient/…","patient":"patient/…","reason":"hex"}
 * </pre>
 * {@code reason} is the reason sealed with the clinic's directory key, bound to the duplicate's
 * chain (staff read it, nobody else). The merge lives in the blocks alone: no table or column holds
 * it (decision 0033).
 */
public final class PatientMerges {

    /** The format of the payload; a later, incompatible one gets a new name. */
    public static final String FORMAT = "clinicledger/patient-merged/v1";

    /** The longest sealed reason a payload carries, in bytes: far above what a reason of the limit seals to. */
    static final int MAX_SEALED_REASON = 8 * 1024;

    /** Kinds a merged patient's chain no longer takes after the merge: whatever would put new care on it. */
    private static final Set<String> CLOSED_KINDS = Set.of(BlockKind.RECORD_ADDED.code(),
            BlockKind.ACCESS_GRANTED.code(), BlockKind.REFERRAL.code());

    private PatientMerges() {
    }

    /**
     * What a patient-merged payload says.
     *
     * @param patient the duplicate, merged away
     * @param into the survivor
     * @param by the receptionist or administrator who merged them
     * @param sealedReason the reason as sealed with the directory key
     */
    public record Merge(ChainId patient, ChainId into, ChainId by, byte[] sealedReason) {
    }

    /** A merge as its block on the duplicate's chain records it. */
    public record Merged(Merge merge, java.time.Instant at, long height) {
    }

    /** The payload of {@code by} merging {@code patient} into {@code into}. */
    public static byte[] payload(ChainId patient, ChainId into, ChainId by, byte[] sealedReason) {
        if (patient.party() != PartyKind.PATIENT || into.party() != PartyKind.PATIENT || patient.equals(into)
                || by.party() != PartyKind.STAFF || sealedReason == null || sealedReason.length == 0) {
            throw new IllegalArgumentException("A member of staff merges one patient into another, with a reason");
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("by", by.value());
        payload.put(RegistrationFields.FORMAT, FORMAT);
        payload.put("into", into.value());
        payload.put("patient", patient.value());
        payload.put("reason", Hex.encode(sealedReason));
        return CanonicalJson.encode(payload);
    }

    /**
     * Reads a patient-merged payload, strictly: canonical form, every field present and of its
     * shape, two different patients and a member of staff.
     *
     * @throws IllegalArgumentException saying what is wrong with a payload that is not one
     */
    public static Merge read(byte[] payload) {
        JsonNode node = CanonicalPayload.read(payload);
        if (!FORMAT.equals(node.path(RegistrationFields.FORMAT).asText(null))) {
            throw new IllegalArgumentException("its payload is not in the format " + FORMAT);
        }
        ChainId patient = chain(node, "patient");
        ChainId into = chain(node, "into");
        ChainId by = chain(node, "by");
        if (patient.party() != PartyKind.PATIENT || into.party() != PartyKind.PATIENT) {
            throw new IllegalArgumentException("its patient and into are not both patients' chains");
        }
        if (patient.equals(into)) {
            throw new IllegalArgumentException("it merges " + patient + " into themselves");
        }
        if (by.party() != PartyKind.STAFF) {
            throw new IllegalArgumentException("its by is not a member of staff's chain");
        }
        JsonNode value = node.get("reason");
        byte[] sealed;
        try {
            sealed = value != null && value.isTextual() ? Hex.decode(value.textValue()) : new byte[0];
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its reason is not hex");
        }
        if (sealed.length == 0 || sealed.length > MAX_SEALED_REASON) {
            throw new IllegalArgumentException("its reason is not a sealed reason");
        }
        if (node.size() != 5) {
            throw new IllegalArgumentException("its payload has members a patient merge does not have");
        }
        return new Merge(patient, into, by, sealed);
    }

    /** What a patient-merged payload says, if it reads as one. */
    public static Optional<Merge> readable(byte[] payload) {
        try {
            return Optional.of(read(payload));
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Why the block {@code row} (of this kind) does not fit the chains it is on and the key that
     * signed it: it names the duplicate and the member of staff whose chains carry it, and that
     * member of staff signed it; empty when it fits.
     */
    static Optional<String> payloadProblem(BlockRow row, String authorChain) {
        Merge merge = read(row.payload());
        String patient = merge.patient().value();
        String by = merge.by().value();
        if (row.counterpartChain() == null
                || !Set.of(row.chain(), row.counterpartChain()).equals(Set.of(patient, by))) {
            return Optional.of("the payload names " + by + " merging " + patient
                    + ", which are not the chains it is written on");
        }
        if (authorChain != null && !authorChain.equals(by)) {
            return Optional.of("the payload says " + by + " acted, but the block is signed with a key of "
                    + authorChain);
        }
        return Optional.empty();
    }

    /**
     * The merges of the clinic, by the duplicate's chain: the first readable patient-merged block
     * on each patient's own chain (a second is {@link #verify}'s problem). Read through the kind
     * index; the signatures are {@code verify}'s.
     */
    static Map<ChainId, Merged> merges(ChainStore store, UnitOfWork work) {
        Map<ChainId, Merged> merges = new HashMap<>();
        store.forEachBlockOfKinds(work, BlockKind.PATIENT_MERGED.code(), BlockKind.PATIENT_MERGED.code(), row ->
                readable(row.payload()).filter(merge -> merge.patient().value().equals(row.chain()))
                        .ifPresent(merge -> merges.putIfAbsent(merge.patient(),
                                new Merged(merge, java.time.Instant.ofEpochMilli(row.createdAtMillis()), row.height()))));
        return merges;
    }

    /**
     * The rules merges keep across chains, which no single block shows: a patient is merged once;
     * into a patient the ledger registers, who was not merged themselves by then; and a merged
     * patient's chain takes no new record, grant or referral after the merge. Each broken rule is a
     * {@link ProblemCode#MERGE} problem at the block that breaks it.
     */
    static List<VerificationProblem> verify(ChainStore store, UnitOfWork work) {
        List<VerificationProblem> problems = new ArrayList<>();
        List<BlockRow> rows = new ArrayList<>();
        store.forEachBlockOfKinds(work, BlockKind.PATIENT_MERGED.code(), BlockKind.PATIENT_MERGED.code(), rows::add);
        Map<String, Merged> first = new HashMap<>();
        rows.sort(Comparator.comparing(BlockRow::chain).thenComparingLong(BlockRow::height));
        for (BlockRow row : rows) {
            Optional<Merge> readable = readable(row.payload());
            if (readable.isEmpty() || !readable.get().patient().value().equals(row.chain())) {
                continue; // an unreadable payload is PayloadCheck's; the signer's side repeats the duplicate's
            }
            Merged merged = new Merged(readable.get(), java.time.Instant.ofEpochMilli(row.createdAtMillis()), row.height());
            if (first.putIfAbsent(row.chain(), merged) != null) {
                problems.add(new VerificationProblem(row.chain(), row.height(), ProblemCode.MERGE,
                        "the patient is merged a second time; a patient is merged once"));
            }
        }
        for (Merged merged : first.values()) {
            String chain = merged.merge().patient().value();
            String into = merged.merge().into().value();
            if (store.block(work, into, 0).filter(block -> BlockKind.REGISTRATION.code().equals(block.kind())).isEmpty()) {
                problems.add(new VerificationProblem(chain, merged.height(), ProblemCode.MERGE,
                        "the patient is merged into " + into + ", which the ledger does not register"));
            }
            Merged survivor = first.get(into);
            if (survivor != null && !survivor.at().isAfter(merged.at())) {
                problems.add(new VerificationProblem(chain, merged.height(), ProblemCode.MERGE,
                        "the patient is merged into " + into + ", who had been merged into another patient already"));
            }
            store.forEachBlock(work, chain, row -> {
                if (row.height() > merged.height() && CLOSED_KINDS.contains(row.kind())) {
                    problems.add(new VerificationProblem(chain, row.height(), ProblemCode.MERGE,
                            "the patient's chain takes " + row.kind() + " after the patient was merged into " + into));
                }
            });
        }
        return problems;
    }
}
