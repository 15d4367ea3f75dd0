package org.clinicledger.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ConsistencyProof;
import org.clinicledger.domain.InclusionProof;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.SignedHead;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.HeadRow;

/**
 * Inclusion proofs (one block is in a chain) and consistency proofs (a newer head extends an older
 * one) over the chains' Merkle trees, and their checks. A check needs only the proof and the node's
 * public key, so a patient's copy can be checked anywhere.
 */
public final class ChainProofs {

    /** A block's payload is at most 64 KiB, written in hex, plus its other fields. */
    public static final int MAX_HASHED_BLOCK = 160 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                .maxStringLength(MAX_HASHED_BLOCK).build());
    }

    private final Database database;
    private final ChainStore store;

    public ChainProofs(Database database, ChainStore store) {
        this.database = database;
        this.store = store;
    }

    /** Proves the block at {@code height} is in the chain as of the signed head over {@code headSize} blocks. */
    public InclusionProof inclusionProof(ChainId chain, long height, long headSize) {
        return database.read("prove a block of " + chain, work -> {
            SignedHead head = head(work, chain, headSize);
            if (height < 0 || height >= headSize) {
                throw new IllegalArgumentException("Block " + height + " is not among the first " + headSize + " blocks");
            }
            List<byte[]> hashes = store.blockHashes(work, chain.value());
            List<byte[]> leaves = hashes.subList(0, (int) headSize).stream().map(MerkleTree::leafHash).toList();
            return new InclusionProof(chain, height, hashes.get((int) height),
                    MerkleTree.inclusionProof(leaves, (int) height, (int) headSize), head);
        });
    }

    /** Proves the head over {@code newSize} blocks extends the head over {@code oldSize} blocks. */
    public ConsistencyProof consistencyProof(ChainId chain, long oldSize, long newSize) {
        if (oldSize > newSize) {
            throw new IllegalArgumentException("The older head must not be larger than the newer one");
        }
        return database.read("prove consistency of " + chain, work -> {
            SignedHead older = head(work, chain, oldSize);
            SignedHead newer = head(work, chain, newSize);
            List<byte[]> leaves = store.blockHashes(work, chain.value()).subList(0, (int) newSize).stream()
                    .map(MerkleTree::leafHash).toList();
            return new ConsistencyProof(chain, older, newer,
                    MerkleTree.consistencyProof(leaves, (int) oldSize, (int) newSize));
        });
    }

    /** The newest signed head of a chain, or null when the chain has none. */
    public SignedHead newestHead(ChainId chain) {
        return database.read("read the heads of " + chain, work -> {
            List<HeadRow> heads = store.heads(work, chain.value());
            return heads.isEmpty() ? null : heads.get(heads.size() - 1).toSignedHead();
        });
    }

    /**
     * The evidence that the block at {@code height} of {@code chain} is in the chain, against the
     * chain's newest head that carries a checkpoint signature.
     *
     * @throws org.clinicledger.domain.RefusedException when no such block exists or no head with a
     *     checkpoint covers it yet
     */
    public BlockEvidence evidence(UnitOfWork work, ChainId chain, long height) {
        BlockRow row = store.block(work, chain.value(), height)
                .orElseThrow(() -> new RefusedException("The chain has no block " + height + "."));
        List<HeadRow> heads = store.heads(work, chain.value());
        HeadRow head = null;
        for (int i = heads.size() - 1; i >= 0 && head == null; i--) {
            if (heads.get(i).checkpointSignature() != null) {
                head = heads.get(i);
            }
        }
        if (head == null || head.size() <= height) {
            throw new RefusedException("No signed checkpoint covers that block yet; the next event on the chain will "
                    + "sign one.");
        }
        ChainStore.AuthorKeyRow node = store.authorKey(work, head.nodeKeyId())
                .orElseThrow(() -> new RefusedException("The node key that signed the chain's head is not registered."));
        BlockRow nodeRegistration = store.block(work, node.chain(), 0)
                .orElseThrow(() -> new RefusedException("The node key's registration is missing."));
        byte[] clinicKey = clinicKey(work);
        byte[] authorization = clinicAuthorization(nodeRegistration, clinicKey)
                .orElseThrow(() -> new RefusedException(RegistrationPayload.parse(nodeRegistration.payload())
                        .flatMap(KeyAuthorization::read).isPresent()
                        ? "The chain's newest checkpoint was signed by a replica machine (" + nodeRegistration.chain()
                                + "), which the clinic key vouches for only through another machine: receipts and proof "
                                + "files are made on the clinic's own machines, once the chain is back there."
                        : "The node key that signed the chain's head is not one the clinic key authorized; run verify."));
        byte[] nodeKey = nodeRegistration.subjectKey();
        ClinicFingerprint fingerprint = ClinicRoot.fingerprint(clinicKey);
        if (!Checkpoints.verifies(nodeKey, fingerprint, head)) {
            throw new RefusedException("The chain's newest checkpoint signature does not verify; run verify.");
        }
        List<byte[]> leaves = store.blockHashes(work, chain.value()).subList(0, (int) head.size()).stream()
                .map(MerkleTree::leafHash).toList();
        return new BlockEvidence(row.toBlock(), BlockCodec.hashedBytes(row),
                Checkpoints.note(fingerprint, head, nodeKey),
                MerkleTree.inclusionProof(leaves, (int) height, (int) head.size()), nodeKey, nodeRegistration.chain(),
                authorization, clinicKey, fingerprint);
    }

    /**
     * The public keys of the clinic's machines: node chains whose registration carries the clinic
     * key's valid authorization. A node chain someone added without the clinic key is not among them.
     */
    public List<byte[]> authorizedNodeKeys(UnitOfWork work) {
        byte[] clinicKey = clinicKey(work);
        List<byte[]> keys = new ArrayList<>();
        store.forEachFirstBlock(work, BlockKind.REGISTRATION.code(), PartyKind.NODE.code() + "/", row -> {
            if (clinicAuthorization(row, clinicKey).isPresent()) {
                keys.add(row.subjectKey());
            }
        });
        return keys;
    }

    /** The clinic key's signature in a node chain's registration, when it authorizes the key the block names. */
    private static Optional<byte[]> clinicAuthorization(BlockRow registration, byte[] clinicKey) {
        if (registration.subjectKey() == null) {
            return Optional.empty();
        }
        return RegistrationPayload.parse(registration.payload()).flatMap(KeyAuthorization::read)
                .map(KeyAuthorization::signature)
                .filter(signature -> authorizes(clinicKey, registration.chain(), registration.subjectKey(), signature));
    }

    /** The clinic key: the subject of the one clinic chain's registration. */
    private byte[] clinicKey(UnitOfWork work) {
        List<Block> clinic = new ArrayList<>();
        store.forEachFirstBlock(work, BlockKind.REGISTRATION.code(), PartyKind.CLINIC.code() + "/",
                clinicRow -> BlockCodec.readable(clinicRow).ifPresent(clinic::add));
        if (clinic.size() != 1 || clinic.get(0).subjectKey() == null) {
            throw new RefusedException("The ledger does not hold exactly one clinic chain; run verify.");
        }
        return clinic.get(0).subjectKey();
    }

    /**
     * How {@code chain} stands today against a checkpoint of {@code size} blocks with {@code root}:
     * a consistency proof from the checkpoint to the chain's newest signed head (whose signature by
     * a registered node key is checked), or why there is none.
     */
    public CheckpointStanding standing(UnitOfWork work, String chain, long size, byte[] root) {
        long today = store.chainState(work, chain).map(ChainStore.ChainStateRow::size).orElse(0L);
        if (today == 0) {
            return new CheckpointStanding(CheckpointStanding.Verdict.NO_SUCH_CHAIN, 0, 0, List.of());
        }
        if (today < size) {
            return new CheckpointStanding(CheckpointStanding.Verdict.ROLLED_BACK, today, 0, List.of());
        }
        HeadRow newest = store.newestHead(work, chain).orElse(null);
        // Each block's hash is computed from its fields, not read from its column: a block whose
        // content was changed while its stored hash was kept is a rewrite too.
        List<byte[]> leaves = new ArrayList<>();
        store.forEachBlock(work, chain, row -> leaves.add(MerkleTree.leafHash(BlockCodec.hash(row))));
        if (newest == null || newest.size() < size || newest.size() > leaves.size() || !signedByNode(work, newest)) {
            boolean same = MessageDigest.isEqual(MerkleTree.root(leaves, (int) size), root);
            return new CheckpointStanding(same ? CheckpointStanding.Verdict.EXTENDS
                    : CheckpointStanding.Verdict.REWRITTEN, today, 0, List.of());
        }
        List<byte[]> path = MerkleTree.consistencyProof(leaves, (int) size, (int) newest.size());
        boolean consistent = MessageDigest.isEqual(MerkleTree.root(leaves, (int) newest.size()), newest.root())
                && MerkleTree.verifyConsistency(size, newest.size(), root, newest.root(), path);
        return new CheckpointStanding(consistent ? CheckpointStanding.Verdict.EXTENDS
                : CheckpointStanding.Verdict.REWRITTEN, today, newest.size(), consistent ? path : List.of());
    }

    /** What a block's hashed bytes say, read by someone who has only those bytes. */
    public record HashedBlock(String chain, long height, String kind, long createdAtMillis, byte[] payload) {
    }

    /**
     * Reads the bytes whose SHA-256 is a block's hash ({@link BlockEvidence#hashedBytes()}): the
     * label {@code clinicledger/block-hash/v1}, a 0x00 byte, then canonical JSON of the block.
     *
     * @throws IllegalArgumentException when they are not such bytes
     */
    public static HashedBlock readHashedBlock(byte[] bytes) {
        byte[] label = (BlockCodec.BLOCK_HASH_DOMAIN + "\0").getBytes(StandardCharsets.US_ASCII);
        if (bytes.length <= label.length || bytes.length > MAX_HASHED_BLOCK
                || !Arrays.equals(bytes, 0, label.length, label, 0, label.length)) {
            throw new IllegalArgumentException("the block bytes are not a ClinicLedger block");
        }
        JsonNode block;
        try {
            block = JSON.readTree(Arrays.copyOfRange(bytes, label.length, bytes.length));
        } catch (IOException notJson) {
            throw new IllegalArgumentException("the block bytes are not JSON");
        }
        if (block == null || !block.isObject()) {
            throw new IllegalArgumentException("the block bytes are not a JSON object");
        }
        if (!block.path("chain").isTextual() || !block.path("height").canConvertToLong()
                || !block.path("kind").isTextual() || !block.path("createdAt").canConvertToLong()
                || !block.path("payload").isTextual()) {
            throw new IllegalArgumentException("the block bytes lack a chain, height, kind, date or payload");
        }
        return new HashedBlock(block.get("chain").textValue(), block.get("height").longValue(),
                block.get("kind").textValue(), block.get("createdAt").longValue(),
                Hex.decode(block.get("payload").textValue()));
    }

    /** Whether the clinic key {@code clinicPublicKey} authorized {@code nodePublicKey} as the key of {@code nodeChain}. */
    public static boolean authorizes(byte[] clinicPublicKey, String nodeChain, byte[] nodePublicKey, byte[] signature) {
        return nodeChain.equals(PartyKind.NODE.code() + "/" + BlockCodec.keyId(nodePublicKey))
                && new KeyAuthorization(BlockCodec.keyId(clinicPublicKey), signature)
                        .verifies(clinicPublicKey, nodeChain, nodePublicKey);
    }

    private boolean signedByNode(UnitOfWork work, HeadRow head) {
        return store.authorKey(work, head.nodeKeyId())
                .filter(key -> key.chain().startsWith(PartyKind.NODE.code() + "/"))
                .map(key -> Ed25519.verify(key.publicKey(), BlockCodec.signedBytes(head), head.signature()))
                .orElse(false);
    }

    /** True when the head is signed by {@code nodePublicKey} and the path leads from the block to its root. */
    public static boolean check(InclusionProof proof, byte[] nodePublicKey) {
        return signedBy(proof.head(), nodePublicKey) && proof.head().chain().equals(proof.chain())
                && MerkleTree.verifyInclusion(MerkleTree.leafHash(proof.blockHash()), proof.height(),
                        proof.head().size(), proof.path(), proof.head().root());
    }

    /** True when both heads are the chain's, signed by {@code nodePublicKey}, and the newer extends the older. */
    public static boolean check(ConsistencyProof proof, byte[] nodePublicKey) {
        return signedBy(proof.older(), nodePublicKey) && signedBy(proof.newer(), nodePublicKey)
                && proof.older().chain().equals(proof.chain()) && proof.newer().chain().equals(proof.chain())
                && MerkleTree.verifyConsistency(proof.older().size(), proof.newer().size(), proof.older().root(),
                        proof.newer().root(), proof.path());
    }

    private static boolean signedBy(SignedHead head, byte[] nodePublicKey) {
        HeadRow row = HeadRow.of(head);
        return BlockCodec.keyId(nodePublicKey).equals(head.nodeKeyId())
                && Ed25519.verify(nodePublicKey, BlockCodec.signedBytes(row), head.signature());
    }

    private SignedHead head(UnitOfWork work, ChainId chain, long size) {
        return store.head(work, chain.value(), size)
                .orElseThrow(() -> new IllegalArgumentException("The chain " + chain + " has no signed head over "
                        + size + " blocks"))
                .toSignedHead();
    }
}
