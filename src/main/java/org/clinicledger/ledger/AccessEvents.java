package org.clinicledger.ledger;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore.AuthorKeyRow;
import org.clinicledger.store.ChainStore;

/**
 * The payloads of the blocks that change who may read a patient's records, and the reading of a
 * patient's chain into the {@link AccessEvent}s that {@link org.clinicledger.domain.AccessPolicy}
 * evaluates.
 *
 * <p>Every access payload is RFC 8785 canonical JSON with {@code "format":"clinicledger/access/v1"}
 * and a {@code "kind"} that repeats the block's kind, naming parties by chain id only:
 * <pre>
 * grant      {"doctor":"doctor/…","format":…,"kind":"grant","patient":"patient/…","until":null | "2027-01-01T00:00:00Z"}
 * revoke     {"doctor":"doctor/…","format":…,"kind":"revoke","patient":"patient/…"}
 * referral   {"format":…,"from":"doctor/…","kind":"referral","patient":"patient/…","to":"doctor/…"}
 * emergency  {"by":"staff/…","confirmation":"…","confirmedBy":"staff/…" | "recovery-sheet","format":…,
 *             "kind":"emergency","patient":"patient/…","reasonHash":"…"}
 * </pre>
 * An emergency access names its second holder and carries their signature
 * ({@link EmergencyConfirmation}); reading refuses one whose confirmation does not verify.
 * {@code until} is the instant a grant ends (exclusive), as ISO-8601 in UTC. The same payload goes on
 * both chains of the event. Members beyond these are ignored when reading, so a later version can
 * add, say, the hash of a sealed reason without older readers refusing the block.
 *
 * <p>Reading fails closed: a malformed access block, one about another patient, or one not signed
 * by the party it names as acting (the patient for a grant or revocation, the referring doctor, the
 * administrator) is refused rather than skipped, because skipping a revocation would widen access.
 */
public final class AccessEvents {

    /** The format of every access payload; a later, incompatible one gets a new name. */
    public static final String FORMAT = "clinicledger/access/v1";

    private final ChainStore store;
    /** The founding block's recovery-sheet key once read: the block cannot change while the ledger verifies. */
    private volatile byte[] recoveryKey;

    public AccessEvents(ChainStore store) {
        this.store = store;
    }

    // ---- writing

    /** The patient grants {@code doctor} access until {@code until} (exclusive), or without end when null. */
    public static byte[] grant(ChainId patient, ChainId doctor, Instant until) {
        ObjectNode payload = base("grant", patient);
        payload.put("doctor", requireParty(doctor, PartyKind.DOCTOR).value());
        if (until == null) {
            payload.putNull("until");
        } else {
            payload.put("until", until.toString());
        }
        return CanonicalJson.encode(payload);
    }

    /** The patient revokes {@code doctor}'s grant (and any referral to them). */
    public static byte[] revoke(ChainId patient, ChainId doctor) {
        ObjectNode payload = base("revoke", patient);
        payload.put("doctor", requireParty(doctor, PartyKind.DOCTOR).value());
        return CanonicalJson.encode(payload);
    }

    /** Doctor {@code from}, who has access, refers the patient to doctor {@code to}. */
    public static byte[] referral(ChainId patient, ChainId from, ChainId to) {
        ObjectNode payload = base("referral", patient);
        payload.put("from", requireParty(from, PartyKind.DOCTOR).value());
        payload.put("to", requireParty(to, PartyKind.DOCTOR).value());
        return CanonicalJson.encode(payload);
    }

    /**
     * A referral that also commits to the SHA-256 (hex) of its reason, sealed with the clinic's
     * directory key and kept off the chain: {@code "reasonHash"}, a member readers ignore.
     */
    public static byte[] referral(ChainId patient, ChainId from, ChainId to, String reasonHash) {
        ObjectNode payload = base("referral", patient);
        payload.put("from", requireParty(from, PartyKind.DOCTOR).value());
        payload.put("reasonHash", requireHash(reasonHash));
        payload.put("to", requireParty(to, PartyKind.DOCTOR).value());
        return CanonicalJson.encode(payload);
    }

    /**
     * An emergency access: the administrator {@code by}, the SHA-256 (hex) of the sealed reason, and
     * the second holder's confirmation ({@link EmergencyConfirmation#sign}).
     */
    public static byte[] emergency(ChainId patient, ChainId by, String reasonHash, String confirmedBy,
            String confirmation) {
        ObjectNode payload = base("emergency", patient);
        payload.put("by", requireParty(by, PartyKind.STAFF).value());
        payload.put("confirmation", confirmation);
        payload.put("confirmedBy", confirmedBy);
        payload.put("reasonHash", requireHash(reasonHash));
        return CanonicalJson.encode(payload);
    }

    private static String requireHash(String hash) {
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Expected a SHA-256 in lower-case hex, not " + hash);
        }
        return hash;
    }

    private static ObjectNode base(String kind, ChainId patient) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("format", FORMAT);
        payload.put("kind", kind);
        payload.put("patient", requireParty(patient, PartyKind.PATIENT).value());
        return payload;
    }

    private static ChainId requireParty(ChainId chain, PartyKind party) {
        if (chain == null || chain.party() != party) {
            throw new IllegalArgumentException("Expected a " + party.code() + " chain, not " + chain);
        }
        return chain;
    }

    // ---- reading

    /** The SHA-256 (hex) of the sealed reason a referral or emergency payload commits to, if it names one. */
    public static Optional<String> reasonHash(byte[] payload) {
        JsonNode value = parse(payload).get("reasonHash");
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /** Whether blocks of {@code kind} carry an access payload. */
    public static boolean isAccessKind(BlockKind kind) {
        return kind == BlockKind.ACCESS_GRANTED || kind == BlockKind.ACCESS_REVOKED || kind == BlockKind.REFERRAL
                || kind == BlockKind.EMERGENCY_ACCESS;
    }

    /**
     * The access event one block records, from its kind, payload and time alone: no check of who
     * signed it (see {@link #fromPatientChain}).
     *
     * @throws IllegalArgumentException saying what is wrong with a block that is not a well-formed access event
     */
    public static AccessEvent decode(Block block) {
        if (!isAccessKind(block.kind())) {
            throw new IllegalArgumentException("a " + block.kind().code() + " block records no access event");
        }
        JsonNode payload = parse(block.payload());
        text(payload, "format", FORMAT);
        String kind = text(payload, "kind", null);
        ChainId patient = chain(payload, "patient", PartyKind.PATIENT);
        Instant at = block.createdAt();
        return switch (block.kind()) {
            case ACCESS_GRANTED -> {
                expectKind(kind, "grant");
                yield new AccessEvent(AccessEvent.Kind.GRANT, patient.value(),
                        chain(payload, "doctor", PartyKind.DOCTOR).value(), at, until(payload));
            }
            case ACCESS_REVOKED -> {
                expectKind(kind, "revoke");
                yield new AccessEvent(AccessEvent.Kind.REVOKE, patient.value(),
                        chain(payload, "doctor", PartyKind.DOCTOR).value(), at, null);
            }
            case REFERRAL -> {
                expectKind(kind, "referral");
                ChainId from = chain(payload, "from", PartyKind.DOCTOR);
                ChainId to = chain(payload, "to", PartyKind.DOCTOR);
                if (from.equals(to)) {
                    throw new IllegalArgumentException("the referral refers a doctor to themselves");
                }
                yield new AccessEvent(AccessEvent.Kind.REFERRAL, from.value(), to.value(), at, null);
            }
            case EMERGENCY_ACCESS -> {
                expectKind(kind, "emergency");
                ChainId by = chain(payload, "by", PartyKind.STAFF);
                requireHash(text(payload, "reasonHash", null));
                EmergencyConfirmation.read(payload, by);
                yield new AccessEvent(AccessEvent.Kind.EMERGENCY, by.value(), by.value(), at, null);
            }
            default -> throw new IllegalArgumentException("a " + block.kind().code() + " block records no access event");
        };
    }

    /**
     * Who an emergency payload says confirmed it: the second administrator's chain, or empty for the
     * recovery sheet. Whether the confirmation holds is verification's question.
     *
     * @throws IllegalArgumentException when the payload is not a well-formed emergency access
     */
    public static Optional<ChainId> confirmedBy(byte[] payload) {
        EmergencyConfirmation.Claim claim = confirmationOf(payload);
        return claim.bySheet() ? Optional.empty() : Optional.of(ChainId.parse(claim.confirmedBy()));
    }

    /** The second holder's claim of a well-formed emergency payload. */
    static EmergencyConfirmation.Claim confirmationOf(byte[] payload) {
        JsonNode node = parse(payload);
        return EmergencyConfirmation.read(node, chain(node, "by", PartyKind.STAFF));
    }

    /**
     * The patient a well-formed access payload is about (a referral's doctor-to-doctor side names
     * the patient only here).
     *
     * @throws IllegalArgumentException when the payload names no patient
     */
    public static ChainId patientOf(byte[] payload) {
        return chain(parse(payload), "patient", PartyKind.PATIENT);
    }

    /**
     * The access events of {@code patient}'s chain, in chain order, each checked against the chain:
     * it names this patient, and it is signed, with a valid signature, by a key of the chain of the
     * party it names as acting (for a grant or revocation, the patient's key current at that height,
     * after any key recovery an administrator signed before it).
     * Empty when the chain does not exist.
     *
     * @throws RefusedException naming the block when any access block fails these checks
     */
    public List<AccessEvent> fromPatientChain(UnitOfWork work, ChainId patient) {
        requireParty(patient, PartyKind.PATIENT);
        List<AccessEvent> events = new ArrayList<>();
        OwnerKey owner = new OwnerKey();
        store.forEachBlock(work, patient.value(), row -> {
            BlockKind kind;
            try {
                kind = BlockKind.fromCode(row.kind());
            } catch (IllegalArgumentException e) {
                throw untrusted(patient, row, "its kind is unknown");
            }
            if (kind == BlockKind.KEY_RECOVERED && row.subjectKey() != null) {
                checkRecovery(work, patient, row);
            }
            if (kind.carriesSubjectKey() && row.subjectKey() != null) {
                // The key named here signs the chain's later blocks; it does not sign its own access events yet.
                owner.pending = row.subjectKey();
            }
            if (isAccessKind(kind)) {
                events.add(checked(work, patient, row, owner));
            }
            owner.advance();
        });
        return events;
    }

    /**
     * A key recovery on the patient's chain names the key that signs the patient's later grants and
     * revocations, so it must be what an administrator wrote: about this patient, naming the key it
     * gives, signed with a valid signature by a key of an administrator's chain, who vouches for the
     * new key. Anything else would let whoever can write the folder hand the patient's consent to a
     * key of their own.
     */
    private void checkRecovery(UnitOfWork work, ChainId patient, BlockRow row) {
        KeyRecoveries.Recovery recovery;
        try {
            recovery = KeyRecoveries.read(row.payload());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw untrustedRecovery(patient, row, e.getMessage());
        }
        if (!recovery.chain().equals(patient) || !MessageDigest.isEqual(recovery.signingKey(), row.subjectKey())) {
            throw untrustedRecovery(patient, row, "it is about another person or key");
        }
        byte[] signer = store.authorKey(work, row.authorKeyId())
                .filter(found -> found.chain().equals(recovery.by().value())
                        && BlockCodec.keyId(found.publicKey()).equals(found.keyId()))
                .map(AuthorKeyRow::publicKey)
                .orElseThrow(() -> untrustedRecovery(patient, row, "it is not signed by " + recovery.by()));
        boolean administrator = store.block(work, recovery.by().value(), 0)
                .flatMap(registration -> RegistrationPayload.parse(registration.payload()))
                .map(fields -> Role.ADMINISTRATOR.code().equals(fields.path(RegistrationFields.ROLE).asText()))
                .orElse(false);
        if (!administrator) {
            throw untrustedRecovery(patient, row, recovery.by() + " is not an administrator");
        }
        if (!Ed25519.verify(signer, BlockCodec.signedBytes(row), row.signature())) {
            throw untrustedRecovery(patient, row, "its signature does not verify");
        }
        boolean vouched = recovery.authorization()
                .filter(made -> made.keyId().equals(row.authorKeyId()))
                .map(made -> made.verifies(signer, patient.value(), row.subjectKey()))
                .orElse(false);
        if (!vouched) {
            throw untrustedRecovery(patient, row, "the administrator does not vouch for the new key");
        }
    }

    private static RefusedException untrustedRecovery(ChainId patient, BlockRow row, String reason) {
        return new RefusedException("Block " + row.height() + " of " + patient + " records a key recovery that "
                + "cannot be trusted (" + reason + "), so no one's access is decided from this chain. "
                + "Verify the data folder and restore it from a backup.");
    }

    /**
     * The patient's signing key at the block being read: from the registration, then each key
     * rotation and key recovery.
     */
    private static final class OwnerKey {
        byte[] current;
        byte[] pending;

        void advance() {
            if (pending != null) {
                current = pending;
                pending = null;
            }
        }
    }

    private AccessEvent checked(UnitOfWork work, ChainId patient, BlockRow row, OwnerKey owner) {
        AccessEvent event;
        try {
            event = decode(row.toBlock());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw untrusted(patient, row, e.getMessage());
        }
        if (!patientOf(row.payload()).equals(patient)) {
            throw untrusted(patient, row, "it is about another patient");
        }
        byte[] authorKey = authorKey(work, patient, row, event, owner)
                .orElseThrow(() -> untrusted(patient, row, "it is not signed by " + event.actor()));
        if (!Ed25519.verify(authorKey, BlockCodec.signedBytes(row), row.signature())) {
            throw untrusted(patient, row, "its signature does not verify");
        }
        if (event.kind() == AccessEvent.Kind.EMERGENCY) {
            EmergencyConfirmation.Claim claim = confirmationOf(row.payload());
            List<byte[]> confirmerKeys = store.authorKeys(work).stream()
                    .filter(key -> key.chain().equals(claim.confirmedBy())).map(AuthorKeyRow::publicKey).toList();
            EmergencyConfirmation.problem(claim, patient, ChainId.parse(event.actor()),
                    reasonHash(row.payload()).orElseThrow(), confirmerKeys,
                    claim.bySheet() ? foundingRecoveryKey(work) : null)
                    .ifPresent(problem -> {
                        throw untrusted(patient, row, problem);
                    });
        }
        return event;
    }

    /** The recovery sheet's public key as the one founding block commits to it, or null; read once. */
    private byte[] foundingRecoveryKey(UnitOfWork work) {
        byte[] known = recoveryKey;
        if (known == null) {
            known = recoveryKey(store, work);
            recoveryKey = known;
        }
        return known;
    }

    /** The recovery sheet's public key that the one staff registration naming it commits to, or null when not exactly one does. */
    static byte[] recoveryKey(ChainStore store, UnitOfWork work) {
        List<String> found = new ArrayList<>();
        String kind = BlockKind.REGISTRATION.code();
        store.forEachBlockOfKinds(work, kind, kind, row -> {
            if (row.height() != 0 || !row.chain().startsWith(PartyKind.STAFF.code() + "/")) {
                return;
            }
            JsonNode fields = RegistrationPayload.parse(row.payload()).orElse(null);
            JsonNode key = fields == null ? null : fields.get(RegistrationFields.FOUNDING_RECOVERY_KEY);
            if (key != null) {
                found.add(key.isTextual() ? key.textValue() : "");
            }
        });
        if (found.size() != 1 || !found.get(0).matches("[0-9a-f]{64}")) {
            return null;
        }
        return Hex.decode(found.get(0));
    }

    /** The public key that signed {@code row}, if it belongs to the chain of the party the event names as acting. */
    private Optional<byte[]> authorKey(UnitOfWork work, ChainId patient, BlockRow row, AccessEvent event,
            OwnerKey owner) {
        if (event.actor().equals(patient.value())) {
            boolean ownersKey = owner.current != null && BlockCodec.keyId(owner.current).equals(row.authorKeyId());
            return ownersKey ? Optional.of(owner.current) : Optional.empty();
        }
        Optional<AuthorKeyRow> key = store.authorKey(work, row.authorKeyId());
        return key.filter(found -> found.chain().equals(event.actor())
                        && BlockCodec.keyId(found.publicKey()).equals(found.keyId()))
                .map(AuthorKeyRow::publicKey);
    }

    private static RefusedException untrusted(ChainId patient, BlockRow row, String reason) {
        return new RefusedException("Block " + row.height() + " of " + patient + " records a change of access that "
                + "cannot be trusted (" + reason + "), so no one's access is decided from this chain. "
                + "Verify the data folder and restore it from a backup.");
    }

    // ---- payload fields

    private static JsonNode parse(byte[] payload) {
        return CanonicalPayload.read(payload);
    }

    private static String text(JsonNode payload, String field, String expected) {
        JsonNode value = payload.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("its payload has no " + field);
        }
        if (expected != null && !expected.equals(value.asText())) {
            throw new IllegalArgumentException("its payload is not in the format " + expected);
        }
        return value.asText();
    }

    private static void expectKind(String kind, String expected) {
        if (!expected.equals(kind)) {
            throw new IllegalArgumentException("its payload says '" + kind + "' but the block is a " + expected);
        }
    }

    private static ChainId chain(JsonNode payload, String field, PartyKind party) {
        String value = text(payload, field, null);
        ChainId chain;
        try {
            chain = ChainId.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + field + " is not a chain id");
        }
        if (chain.party() != party) {
            throw new IllegalArgumentException("its " + field + " is not a " + party.code() + "'s chain");
        }
        return chain;
    }

    private static Instant until(JsonNode payload) {
        JsonNode value = payload.get("until");
        if (value == null) {
            throw new IllegalArgumentException("its payload has no until");
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("its until is not a time");
        }
        try {
            Instant until = Instant.parse(value.asText());
            if (!until.toString().equals(value.asText())) {
                throw new IllegalArgumentException("its until is not written in the one form of a UTC instant");
            }
            return until;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("its until is not a time");
        }
    }
}
