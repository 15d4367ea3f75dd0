package org.clinicledger.ledger;

import java.util.UUID;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.MerkleFrontier;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.ChainStore.AuthorKeyRow;
import org.clinicledger.store.ChainStore.ChainStateRow;
import org.clinicledger.store.Database;
import org.clinicledger.store.HeadRow;

/**
 * Writes blocks as someone holding the node key, some person's key and write access to the data
 * folder could: every field as they choose, yet hashed, signed, added to the derived tables and
 * covered by a new head the node key signs and chains to the one before. What such a block gets
 * wrong only the verifier's rules about content can catch, not its hash or signature checks.
 */
final class Forger {

    private final Database database;
    private final SigningKey nodeKey;
    private final ChainStore store = new ChainStore();
    private final ClinicFingerprint clinic;

    Forger(Workspace workspace) {
        this.database = workspace.database();
        this.nodeKey = NodeIdentity.load(workspace.root()).orElseThrow();
        this.clinic = workspace.database().read("read the clinic", workspace.ledger()::clinicFingerprint);
    }

    /** A block to forge; {@link #next} fills in what an honest append would, the withers change one thing. */
    record Draft(String chain, long height, byte[] previousHash, long createdAt, String kind, SigningKey author,
            String counterpartChain, Long counterpartHeight, String eventId, byte[] subjectKey, byte[] payload,
            long headSignedAt) {

        Draft height(long value) {
            return new Draft(chain, value, previousHash, createdAt, kind, author, counterpartChain, counterpartHeight,
                    eventId, subjectKey, payload, headSignedAt);
        }

        Draft previousHash(byte[] value) {
            return new Draft(chain, height, value, createdAt, kind, author, counterpartChain, counterpartHeight,
                    eventId, subjectKey, payload, headSignedAt);
        }

        Draft createdAt(long value) {
            return new Draft(chain, height, previousHash, value, kind, author, counterpartChain, counterpartHeight,
                    eventId, subjectKey, payload, headSignedAt);
        }

        Draft kind(String value) {
            return new Draft(chain, height, previousHash, createdAt, value, author, counterpartChain, counterpartHeight,
                    eventId, subjectKey, payload, headSignedAt);
        }

        Draft counterpart(String otherChain, Long otherHeight, String event) {
            return new Draft(chain, height, previousHash, createdAt, kind, author, otherChain, otherHeight, event,
                    subjectKey, payload, headSignedAt);
        }

        Draft subjectKey(byte[] value) {
            return new Draft(chain, height, previousHash, createdAt, kind, author, counterpartChain, counterpartHeight,
                    eventId, value, payload, headSignedAt);
        }

        Draft headSignedAt(long value) {
            return new Draft(chain, height, previousHash, createdAt, kind, author, counterpartChain, counterpartHeight,
                    eventId, subjectKey, payload, value);
        }
    }

    /** What an honest append of {@code kind} by {@code author} on {@code chain} would write next. */
    Draft next(ChainId chain, BlockKind kind, SigningKey author, byte[] payload) {
        return database.read("read the chain", work -> {
            ChainStateRow state = store.chainState(work, chain.value()).orElse(null);
            long size = state == null ? 0 : state.size();
            byte[] tip = state == null ? new byte[Block.HASH_LENGTH] : state.tipHash();
            long last = size == 0 ? 1_790_000_000_000L
                    : store.block(work, chain.value(), size - 1).orElseThrow().createdAtMillis();
            long headAt = store.newestHead(work, chain.value()).map(HeadRow::signedAtMillis).orElse(last);
            return new Draft(chain.value(), size, tip, last + 1_000, kind.code(), author, null, null,
                    UUID.randomUUID().toString(), kind.carriesSubjectKey() ? author.publicKey() : null, payload,
                    Math.max(last, headAt) + 2_000);
        });
    }

    /** Writes the draft: the block, the chain's row, the key it registers if any, and a new signed head. */
    BlockRow write(Draft draft) {
        return database.write("forge a block", work -> {
            BlockRow unsigned = new BlockRow(draft.chain(), draft.height(), draft.previousHash(), draft.createdAt(),
                    draft.kind(), draft.author().keyId(), draft.counterpartChain(), draft.counterpartHeight(),
                    draft.eventId(), draft.subjectKey(), draft.payload(), new byte[0], new byte[0]);
            byte[] signature = draft.author().sign(BlockCodec.signedBytes(unsigned));
            BlockRow signed = withSignature(unsigned, signature, new byte[0]);
            BlockRow row = withSignature(signed, signature, BlockCodec.hash(signed));
            store.insertBlock(work, row);
            ChainStateRow state = store.chainState(work, draft.chain()).orElse(null);
            MerkleFrontier frontier = state == null ? MerkleFrontier.empty()
                    : MerkleFrontier.decode(state.frontier(), state.size());
            frontier.append(MerkleTree.leafHash(row.hash()));
            store.putChainState(work, new ChainStateRow(draft.chain(), frontier.size(), row.hash(), frontier.encoded()));
            boolean registers = BlockKind.REGISTRATION.code().equals(row.kind())
                    || BlockKind.KEY_ROTATED.code().equals(row.kind()) || BlockKind.KEY_RECOVERED.code().equals(row.kind());
            if (registers && row.subjectKey() != null
                    && store.authorKey(work, BlockCodec.keyId(row.subjectKey())).isEmpty()) {
                store.insertAuthorKey(work, new AuthorKeyRow(BlockCodec.keyId(row.subjectKey()), row.subjectKey(),
                        row.chain(), row.height()));
            }
            byte[] previous = store.newestHead(work, draft.chain()).map(BlockCodec::headHash).orElse(null);
            HeadRow unsignedHead = new HeadRow(draft.chain(), frontier.size(), frontier.root(), draft.headSignedAt(),
                    nodeKey.keyId(), new byte[0], previous, null);
            store.insertHead(work, new HeadRow(unsignedHead.chain(), unsignedHead.size(), unsignedHead.root(),
                    unsignedHead.signedAtMillis(), unsignedHead.nodeKeyId(),
                    nodeKey.sign(BlockCodec.signedBytes(unsignedHead)), previous,
                    Checkpoints.sign(nodeKey, clinic, unsignedHead)));
            return row;
        });
    }

    private static BlockRow withSignature(BlockRow row, byte[] signature, byte[] hash) {
        return new BlockRow(row.chain(), row.height(), row.previousHash(), row.createdAtMillis(), row.kind(),
                row.authorKeyId(), row.counterpartChain(), row.counterpartHeight(), row.eventId(), row.subjectKey(),
                row.payload(), signature, hash);
    }
}
