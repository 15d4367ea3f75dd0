package org.clinicledger.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.MerkleFrontier;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ChainPosition;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.SignedHead;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore.AuthorKeyRow;
import org.clinicledger.store.ChainStore.ChainStateRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.HeadRow;

/**
 * Appends events to the chains. An event that concerns two parties is written to both chains in
 * one transaction, the two blocks naming each other; every chain an append touched gets a new
 * head signed by this machine's node key in the same transaction.
 */
public final class Ledger {

    private static final byte[] GENESIS_PREVIOUS = new byte[Block.HASH_LENGTH];
    private static final int NODE_FORMAT = 1;

    private final ChainStore store = new ChainStore();
    private final SigningKey nodeKey;
    private final Clock clock;

    /**
     * {@code nodeKey} may be null: the ledger can then be read and proven but not appended to.
     * Every method works inside the unit of work its caller opened, so that what the caller
     * decides from the chains and what it writes beside them commit together with the blocks.
     */
    public Ledger(SigningKey nodeKey, Clock clock) {
        this.nodeKey = nodeKey;
        this.clock = clock;
    }

    /** Whether this copy of the data folder can append: it has this machine's node key. */
    public boolean canAppend() {
        return nodeKey != null;
    }

    /** Starts a chain with its registration block, signed by the key it registers. */
    public AppendedEvent register(UnitOfWork work, PartyKind party, String subject, SigningKey owner, byte[] payload) {
        return register(work, party, subject, owner, payload, List.of()).get(0);
    }

    /**
     * Starts a chain as {@link #register(UnitOfWork, PartyKind, String, SigningKey, byte[])} does and
     * appends {@code following} after it, in order: what a person's first act needs (a patient's
     * consent, signed with the key just registered) is on the ledger exactly when the person is.
     * Every touched chain gets one new signed head, over all of it.
     *
     * @return the registration first, then one appended event per element of {@code following}
     */
    public List<AppendedEvent> register(UnitOfWork work, PartyKind party, String subject, SigningKey owner,
            byte[] payload, List<EventSpec> following) {
        requireAppend(work);
        return startChain(work, new ChainId(party, subject), owner, payload, following);
    }

    private List<AppendedEvent> startChain(UnitOfWork work, ChainId chain, SigningKey owner, byte[] payload,
            List<EventSpec> following) {
        if (store.chainState(work, chain.value()).isPresent()) {
            throw new IllegalArgumentException("The chain " + chain + " exists already");
        }
        if (store.authorKey(work, owner.keyId()).isPresent()) {
            throw new IllegalArgumentException("The key " + owner.keyId() + " is registered already");
        }
        Cursor cursor = new Cursor(chain, 0, GENESIS_PREVIOUS, MerkleFrontier.empty());
        String eventId = UUID.randomUUID().toString();
        Block block = write(work, cursor, BlockKind.REGISTRATION, owner, null, eventId, owner.publicKey(), payload);
        store.insertAuthorKey(work, new AuthorKeyRow(owner.keyId(), owner.publicKey(), chain.value(), 0));
        Map<ChainId, Cursor> cursors = new LinkedHashMap<>();
        cursors.put(chain, cursor);
        List<List<Block>> blocks = new ArrayList<>();
        blocks.add(List.of(block));
        List<String> eventIds = new ArrayList<>();
        eventIds.add(eventId);
        writeEvents(work, cursors, List.copyOf(following), eventIds, blocks);
        return sealAll(work, cursors, eventIds, blocks);
    }

    /**
     * Founds the clinic's ledger, inside the set-up's write: starts the clinic chain with the clinic
     * key's self-signed registration (the root needs no authorization), then this machine's chain,
     * whose key the clinic key authorizes, so that the heads it signs from now on can be trusted.
     *
     * @return the fingerprint of the clinic key: the clinic's identity
     */
    public ClinicFingerprint foundClinic(UnitOfWork work, SigningKey clinicKey, byte[] clinicPayload) {
        requireNodeKey(work);
        if (!store.isEmpty(work)) {
            throw new IllegalStateException("The ledger has chains already; a clinic is founded once");
        }
        ChainId node = nodeChain();
        ObjectNode nodePayload = JsonNodeFactory.instance.objectNode();
        nodePayload.put(RegistrationFields.FORMAT, NODE_FORMAT);
        KeyAuthorization.sign(clinicKey, node, nodeKey.publicKey()).addTo(nodePayload);
        startChain(work, new ChainId(PartyKind.CLINIC, clinicKey.keyId()), clinicKey, clinicPayload, List.of());
        startChain(work, node, nodeKey, CanonicalJson.encode(nodePayload), List.of());
        return ClinicRoot.fingerprint(clinicKey.publicKey());
    }

    /**
     * Starts the chain of a replica machine (decision 0022): its key, registered by itself and
     * vouched for by this machine's node key, in the caller's write. Only a machine the clinic key
     * vouched for itself may do so ({@code KeyTrust}), so a replica cannot start another; and the
     * chain is written here first, so this machine's ledger names every machine it started.
     */
    public ChainId startReplica(UnitOfWork work, SigningKey replicaKey) {
        requireAppend(work);
        ChainId chain = new ChainId(PartyKind.NODE, replicaKey.keyId());
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put(RegistrationFields.FORMAT, NODE_FORMAT);
        KeyAuthorization.sign(nodeKey, chain, replicaKey.publicKey()).addTo(payload);
        startChain(work, chain, replicaKey, CanonicalJson.encode(payload), List.of());
        return chain;
    }

    /** This machine's chain, {@code node/<key id>}; empty without a node key. */
    public Optional<ChainId> nodeChainId() {
        return nodeKey == null ? Optional.empty() : Optional.of(nodeChain());
    }

    /**
     * {@code text} as a C2SP signed note by this machine's node key, named as its checkpoints are
     * ({@link Checkpoints#verifierKey}): how what leaves the machine is signed.
     */
    public String signNote(UnitOfWork work, String text) {
        if (nodeKey == null) {
            throw new RefusedException("This computer has no node key for this data folder, so it cannot sign.");
        }
        return SignedNote.sign(text, Checkpoints.verifierKey(clinicFingerprint(work), nodeKey.publicKey()),
                nodeKey::sign);
    }

    /** Whether {@code chain} has been started. */
    public boolean exists(UnitOfWork work, ChainId chain) {
        return store.chainState(work, chain.value()).isPresent();
    }

    /** The registration block that starts {@code chain}, if the chain exists. */
    public Optional<Block> registration(UnitOfWork work, ChainId chain) {
        return store.block(work, chain.value(), 0).flatMap(BlockCodec::readable);
    }

    /**
     * The seal of an account's private keys its chain commits to now ({@link SealCommitment}): the
     * newest password change's or key recovery's, else the registration's; empty for a chain
     * registered before seals were committed to.
     */
    public Optional<String> committedSeal(UnitOfWork work, ChainId chain) {
        Optional<Block> changed = store.newestBlockOfKind(work, chain.value(), BlockKind.PASSWORD_CHANGED.code())
                .flatMap(BlockCodec::readable);
        Optional<Block> recovered = newestRecovery(work, chain);
        if (recovered.isPresent() && (changed.isEmpty() || changed.get().height() < recovered.get().height())) {
            changed = recovered;
        }
        if (changed.isPresent()) {
            // A password change that commits to nothing commits to no seal the row could match.
            return Optional.of(SealCommitment.committedBy(changed.get()).orElse(""));
        }
        return registration(work, chain).flatMap(SealCommitment::committedBy);
    }

    /**
     * The block that names the keys an account holds now: the newest key recovery on its chain
     * (which names the new signing key as its subject key and the new agreement key in its payload,
     * under the same field as a registration), else the registration. Empty when the chain does not exist.
     */
    public Optional<Block> keysBlock(UnitOfWork work, ChainId chain) {
        Optional<Block> recovered = newestRecovery(work, chain);
        return recovered.isPresent() ? recovered : registration(work, chain);
    }

    /** The newest key recovery of {@code chain}'s own keys: the side of the event that names a key. */
    private Optional<Block> newestRecovery(UnitOfWork work, ChainId chain) {
        return store.newestBlockNamingKey(work, chain.value(), BlockKind.KEY_RECOVERED.code())
                .flatMap(BlockCodec::readable);
    }

    /** The blocks of any of {@code kinds} on {@code chain}, oldest first, in one pass; a block that does not read is left to verification. */
    public List<Block> blocksOfKind(UnitOfWork work, ChainId chain, BlockKind... kinds) {
        Set<String> codes = new HashSet<>();
        for (BlockKind kind : kinds) {
            codes.add(kind.code());
        }
        List<Block> blocks = new ArrayList<>();
        store.forEachBlock(work, chain.value(), row -> {
            if (codes.contains(row.kind())) {
                BlockCodec.readable(row).ifPresent(blocks::add);
            }
        });
        return blocks;
    }

    /**
     * Every account's status that a block sets, by the account's chain: the newest account-status
     * block on that account's own chain (the administrator's side of the event is not the
     * administrator's status). Read from the blocks, the one place the status lives, and each
     * block's signature checked here under the key it says signed it, which must be of the chain its
     * payload names as acting: a status edited in the table is {@link AccountStatuses.Standing#trusted()
     * untrusted}, not believed (the rest is {@code verify}'s).
     */
    public Map<ChainId, AccountStatuses.Standing> accountStatuses(UnitOfWork work) {
        Map<ChainId, AccountStatuses.Standing> newest = new HashMap<>();
        store.forEachBlockOfKinds(work, BlockKind.ACCOUNT_STATUS.code(), BlockKind.ACCOUNT_STATUS.code(), row -> {
            ChainId chain;
            try {
                chain = ChainId.parse(row.chain());
            } catch (IllegalArgumentException notAChain) {
                return;
            }
            AccountStatuses.Standing standing = standing(work, chain, row);
            if (standing != null) {
                newest.merge(chain, standing, (older, newer) -> newer.height() > older.height() ? newer : older);
            }
        });
        return newest;
    }

    /** What one account-status block on {@code chain} says of it, or null for the administrator's side. */
    private AccountStatuses.Standing standing(UnitOfWork work, ChainId chain, BlockRow row) {
        AccountStatuses.Status status;
        try {
            status = AccountStatuses.read(row.payload());
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            return new AccountStatuses.Standing(chain, false, Instant.ofEpochMilli(row.createdAtMillis()), null,
                    Optional.empty(), row.height(), false);
        }
        if (!status.account().equals(chain)) {
            return null;
        }
        boolean signed = store.authorKey(work, row.authorKeyId())
                .filter(key -> key.chain().equals(status.by().value()))
                .map(key -> Ed25519.verify(key.publicKey(), BlockCodec.signedBytes(row), row.signature()))
                .orElse(false)
                && java.security.MessageDigest.isEqual(BlockCodec.hash(row), row.hash());
        return new AccountStatuses.Standing(chain, status.active(), Instant.ofEpochMilli(row.createdAtMillis()),
                status.by(), status.sealedReason(), row.height(), signed);
    }

    /**
     * Every merge of a duplicate patient into another, by the duplicate's chain: read from the
     * blocks, the one place a merge lives (decision 0033). A merge block that someone edited still
     * closes the duplicate's chain here; whether it holds is {@code verify}'s to say.
     */
    public Map<ChainId, PatientMerges.Merged> patientMerges(UnitOfWork work) {
        return PatientMerges.merges(store, work);
    }

    /** The registration blocks of every chain of {@code party}, in chain order. */
    public List<Block> registrations(UnitOfWork work, PartyKind party) {
        List<Block> blocks = new ArrayList<>();
        store.forEachFirstBlock(work, BlockKind.REGISTRATION.code(), party.code() + "/",
                row -> BlockCodec.readable(row).ifPresent(blocks::add));
        return blocks;
    }

    /**
     * The access events of a patient's chain, checked against who signed them: what
     * {@link org.clinicledger.domain.AccessPolicy#evaluate} decides from. See {@link AccessEvents}.
     */
    public List<AccessEvent> accessEvents(UnitOfWork work, ChainId patient) {
        return new AccessEvents(store).fromPatientChain(work, patient);
    }

    /**
     * The patients with a grant or an emergency access that ended by {@code now}: the chains whose
     * keys may need removing. A grant block that does not decode is left to {@link ChainVerifier} to report.
     */
    public Set<ChainId> patientsWithGrantsEndedBy(UnitOfWork work, Instant now) {
        Set<ChainId> patients = new TreeSet<>(Comparator.comparing(ChainId::value));
        store.forEachBlockOfKinds(work, BlockKind.ACCESS_GRANTED.code(), BlockKind.EMERGENCY_ACCESS.code(), row -> {
            Optional<Block> readable = BlockCodec.readable(row);
            if (readable.isEmpty() || readable.get().chain().party() != PartyKind.PATIENT) {
                return;
            }
            Block block = readable.get();
            try {
                Instant until = block.kind() == BlockKind.EMERGENCY_ACCESS
                        ? block.createdAt().plus(AccessPolicy.EMERGENCY_WINDOW) : AccessEvents.decode(block).until();
                if (until != null && !until.isAfter(now)) {
                    patients.add(block.chain());
                }
            } catch (IllegalArgumentException malformed) {
                // Not a grant this ledger wrote; verification says so.
            }
        });
        return patients;
    }

    public AppendedEvent append(UnitOfWork work, EventSpec event) {
        return appendAll(work, List.of(event)).get(0);
    }

    /**
     * Appends the events in order inside the caller's write; the chains get one new head each. The
     * rows the events describe (a record's versions and keys) are written by the caller in the same
     * unit of work, so they are stored exactly when the blocks are.
     */
    public List<AppendedEvent> appendAll(UnitOfWork work, List<EventSpec> events) {
        requireAppend(work);
        Map<ChainId, Cursor> cursors = new LinkedHashMap<>();
        List<String> eventIds = new ArrayList<>();
        List<List<Block>> blocks = new ArrayList<>();
        writeEvents(work, cursors, events, eventIds, blocks);
        return sealAll(work, cursors, eventIds, blocks);
    }

    /** Writes each event's one or two blocks, moving the cursors on; adds each event's id and blocks to the lists. */
    private void writeEvents(UnitOfWork work, Map<ChainId, Cursor> cursors, List<EventSpec> events,
            List<String> eventIds, List<List<Block>> blocks) {
        Map<String, Boolean> knownAuthors = new HashMap<>();
        for (EventSpec event : events) {
            SigningKey author = event.author();
            boolean registered = knownAuthors.computeIfAbsent(author.keyId(), id -> isRegistered(work, id));
            if (!registered) {
                throw new IllegalArgumentException("The key " + author.keyId() + " is not registered");
            }
            Cursor first = cursor(work, cursors, event.chain());
            Cursor second = event.counterpartChain() == null ? null
                    : cursor(work, cursors, event.counterpartChain());
            String eventId = UUID.randomUUID().toString();
            List<Block> written = new ArrayList<>(2);
            long firstHeight = first.size;
            written.add(write(work, first, event.kind(), author,
                    second == null ? null : new ChainPosition(second.chain, second.size), eventId,
                    event.subjectKey(), event.payload()));
            if (second != null) {
                written.add(write(work, second, event.kind(), author,
                        new ChainPosition(first.chain, firstHeight), eventId, null, event.counterpartPayload()));
            }
            if (event.kind() == BlockKind.KEY_ROTATED || event.kind() == BlockKind.KEY_RECOVERED) {
                byte[] newKey = event.subjectKey();
                store.insertAuthorKey(work, new AuthorKeyRow(BlockCodec.keyId(newKey), newKey,
                        event.chain().value(), firstHeight));
                knownAuthors.put(BlockCodec.keyId(newKey), true);
            }
            eventIds.add(eventId);
            blocks.add(written);
        }
    }

    /** Signs one head per touched chain, over everything written to it, and pairs each event with its heads. */
    private List<AppendedEvent> sealAll(UnitOfWork work, Map<ChainId, Cursor> cursors, List<String> eventIds,
            List<List<Block>> blocks) {
        Map<ChainId, SignedHead> heads = new HashMap<>();
        ClinicFingerprint clinic = clinicFingerprint(work);
        for (Cursor cursor : cursors.values()) {
            heads.put(cursor.chain, seal(work, cursor, clinic));
        }
        List<AppendedEvent> appended = new ArrayList<>(eventIds.size());
        for (int i = 0; i < eventIds.size(); i++) {
            List<SignedHead> touched = new ArrayList<>();
            for (Block block : blocks.get(i)) {
                touched.add(heads.get(block.chain()));
            }
            appended.add(new AppendedEvent(eventIds.get(i), blocks.get(i), touched));
        }
        return appended;
    }

    private boolean isRegistered(UnitOfWork work, String keyId) {
        return store.authorKey(work, keyId).isPresent();
    }

    private Cursor cursor(UnitOfWork work, Map<ChainId, Cursor> cursors, ChainId chain) {
        Cursor cursor = cursors.get(chain);
        if (cursor == null) {
            ChainStateRow state = store.chainState(work, chain.value())
                    .orElseThrow(() -> new IllegalArgumentException("There is no chain " + chain));
            cursor = new Cursor(chain, state.size(), state.tipHash(), MerkleFrontier.decode(state.frontier(), state.size()));
            cursors.put(chain, cursor);
        }
        return cursor;
    }

    /** Signs, hashes and stores the next block of {@code cursor}'s chain, and moves the cursor on. */
    private Block write(UnitOfWork work, Cursor cursor, BlockKind kind, SigningKey author,
            ChainPosition counterpart, String eventId, byte[] subjectKey, byte[] payload) {
        BlockRow unsigned = new BlockRow(cursor.chain.value(), cursor.size, cursor.tip, clock.millis(), kind.code(),
                author.keyId(), counterpart == null ? null : counterpart.chain().value(),
                counterpart == null ? null : counterpart.height(), eventId, subjectKey, payload, new byte[0], new byte[0]);
        byte[] signature = author.sign(BlockCodec.signedBytes(unsigned));
        BlockRow signed = withSignature(unsigned, signature, new byte[0]);
        BlockRow row = withSignature(signed, signature, BlockCodec.hash(signed));
        store.insertBlock(work, row);
        cursor.size++;
        cursor.tip = row.hash();
        cursor.frontier.append(MerkleTree.leafHash(row.hash()));
        return row.toBlock();
    }

    private static BlockRow withSignature(BlockRow row, byte[] signature, byte[] hash) {
        return new BlockRow(row.chain(), row.height(), row.previousHash(), row.createdAtMillis(), row.kind(),
                row.authorKeyId(), row.counterpartChain(), row.counterpartHeight(), row.eventId(), row.subjectKey(),
                row.payload(), signature, hash);
    }

    /** Stores the chain's derived state and a head over its current size, signed by the node key in its own form and as a checkpoint of {@code clinic}'s. */
    private SignedHead seal(UnitOfWork work, Cursor cursor, ClinicFingerprint clinic) {
        store.putChainState(work, new ChainStateRow(cursor.chain.value(), cursor.size, cursor.tip,
                cursor.frontier.encoded()));
        byte[] previous = store.newestHead(work, cursor.chain.value()).map(BlockCodec::headHash).orElse(null);
        HeadRow unsigned = new HeadRow(cursor.chain.value(), cursor.size, cursor.frontier.root(), clock.millis(),
                nodeKey.keyId(), new byte[0], previous, null);
        HeadRow head = new HeadRow(unsigned.chain(), unsigned.size(), unsigned.root(), unsigned.signedAtMillis(),
                unsigned.nodeKeyId(), nodeKey.sign(BlockCodec.signedBytes(unsigned)), previous,
                Checkpoints.sign(nodeKey, clinic, unsigned));
        store.insertHead(work, head);
        return head.toSignedHead();
    }

    /**
     * The fingerprint of the clinic key, read from the clinic's chain in the same unit of work (so
     * that the founding write, which starts that chain, signs its heads' checkpoints under it).
     */
    public ClinicFingerprint clinicFingerprint(UnitOfWork work) {
        List<Block> clinic = registrations(work, PartyKind.CLINIC);
        if (clinic.size() != 1 || clinic.get(0).subjectKey() == null) {
            throw new RefusedException("The ledger does not hold exactly one clinic chain, so nothing can be added to it; "
                    + "run verify to see what was changed.");
        }
        return ClinicRoot.fingerprint(clinic.get(0).subjectKey());
    }

    private void requireAppend(UnitOfWork work) {
        requireNodeKey(work);
        if (store.chainState(work, nodeChain().value()).isEmpty()) {
            throw new RefusedException(store.isEmpty(work)
                    ? "The clinic has not been set up yet, so nothing can be added to its ledger."
                    : "This computer's node key is not one the clinic has authorized, so it can verify the ledger "
                            + "but not add to it.");
        }
    }

    private void requireNodeKey(UnitOfWork work) {
        if (!work.writes()) {
            throw new IllegalArgumentException("Appending needs a write, not a read");
        }
        if (nodeKey == null) {
            throw new RefusedException("This computer has no node key for this data folder, so it can verify "
                    + "the ledger but not add to it.");
        }
    }

    private ChainId nodeChain() {
        return new ChainId(PartyKind.NODE, nodeKey.keyId());
    }

    /** Where a chain stands while an append is being written. */
    private static final class Cursor {
        final ChainId chain;
        long size;
        byte[] tip;
        final MerkleFrontier frontier;

        Cursor(ChainId chain, long size, byte[] tip, MerkleFrontier frontier) {
            this.chain = chain;
            this.size = size;
            this.tip = tip;
            this.frontier = frontier;
        }
    }
}
