package org.clinicledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.clinicledger.domain.UnitOfWork;

/**
 * SQL for the ledger tables. Methods take the connection so that the ledger can put several of
 * them in one transaction; {@link Database#write} opens one.
 */
public final class ChainStore {

    /** A row of the derived {@code chains} table. */
    public record ChainStateRow(String chain, long size, byte[] tipHash, byte[] frontier) {
    }

    /** A row of the derived {@code author_keys} table. */
    public record AuthorKeyRow(String keyId, byte[] publicKey, String chain, long height) {
    }

    /** Receives rows one at a time, so a chain of any length is read in constant memory. */
    @FunctionalInterface
    public interface RowConsumer<T> {
        void accept(T row);
    }

    private static final String BLOCK_COLUMNS = "chain_id, height, previous_hash, created_at, kind, author_key_id, "
            + "counterpart_chain, counterpart_height, event_id, subject_key, payload, signature, hash";
    private static final String HEAD_COLUMNS = "chain_id, size, root, signed_at, node_key_id, signature, previous_head, checkpoint_signature";
    private static final String SELECT_BLOCKS_OF_KINDS = "SELECT " + BLOCK_COLUMNS
            + " FROM blocks WHERE kind IN (?, ?) ORDER BY chain_id, height";
    private static final String SELECT_NEWEST_BLOCK_OF_KIND = "SELECT " + BLOCK_COLUMNS
            + " FROM blocks WHERE kind = ? AND chain_id = ? ORDER BY height DESC LIMIT 1";
    private static final String SELECT_NEWEST_BLOCK_NAMING_KEY = "SELECT " + BLOCK_COLUMNS
            + " FROM blocks WHERE kind = ? AND chain_id = ? AND subject_key IS NOT NULL ORDER BY height DESC LIMIT 1";
    private static final String SELECT_HEADS = "SELECT " + HEAD_COLUMNS
            + " FROM signed_heads WHERE chain_id = ? ORDER BY size";
    private static final String SELECT_NEWEST_HEAD = "SELECT " + HEAD_COLUMNS
            + " FROM signed_heads WHERE chain_id = ? ORDER BY size DESC LIMIT 1";
    private static final String SELECT_EVERY_NEWEST_HEAD = "SELECT " + HEAD_COLUMNS
            + " FROM signed_heads WHERE (chain_id, size) IN"
            + " (SELECT chain_id, max(size) FROM signed_heads GROUP BY chain_id) ORDER BY chain_id";
    private static final String SELECT_HEAD = "SELECT " + HEAD_COLUMNS
            + " FROM signed_heads WHERE chain_id = ? AND size = ?";
    private static final String SELECT_FIRST_BLOCKS_OF_KIND_IN_RANGE = "SELECT " + BLOCK_COLUMNS
            + " FROM blocks WHERE kind = ? AND chain_id >= ? AND chain_id < ? AND height = 0 ORDER BY chain_id";

    public void insertBlock(UnitOfWork work, BlockRow block) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO blocks (" + BLOCK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, block.chain());
                insert.setLong(2, block.height());
                insert.setBytes(3, block.previousHash());
                insert.setLong(4, block.createdAtMillis());
                insert.setString(5, block.kind());
                insert.setString(6, block.authorKeyId());
                insert.setString(7, block.counterpartChain());
                if (block.counterpartHeight() == null) {
                    insert.setNull(8, Types.INTEGER);
                } else {
                    insert.setLong(8, block.counterpartHeight());
                }
                insert.setString(9, block.eventId());
                insert.setBytes(10, block.subjectKey());
                insert.setBytes(11, block.payload());
                insert.setBytes(12, block.signature());
                insert.setBytes(13, block.hash());
                insert.executeUpdate();
            }
        });
    }

    public void insertHead(UnitOfWork work, HeadRow head) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO signed_heads (" + HEAD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, head.chain());
                insert.setLong(2, head.size());
                insert.setBytes(3, head.root());
                insert.setLong(4, head.signedAtMillis());
                insert.setString(5, head.nodeKeyId());
                insert.setBytes(6, head.signature());
                insert.setBytes(7, head.previousHead());
                insert.setBytes(8, head.checkpointSignature());
                insert.executeUpdate();
            }
        });
    }

    public Optional<ChainStateRow> chainState(UnitOfWork work, String chain) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT chain_id, size, tip_hash, frontier FROM chains WHERE chain_id = ?")) {
                query.setString(1, chain);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(chainState(rows)) : Optional.empty();
                }
            }
        });
    }

    public void putChainState(UnitOfWork work, ChainStateRow state) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO chains (chain_id, size, tip_hash, frontier) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (chain_id) DO UPDATE SET size = excluded.size, tip_hash = excluded.tip_hash, "
                            + "frontier = excluded.frontier")) {
                upsert.setString(1, state.chain());
                upsert.setLong(2, state.size());
                upsert.setBytes(3, state.tipHash());
                upsert.setBytes(4, state.frontier());
                upsert.executeUpdate();
            }
        });
    }

    public void insertAuthorKey(UnitOfWork work, AuthorKeyRow key) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO author_keys (key_id, public_key, chain_id, height) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, key.keyId());
                insert.setBytes(2, key.publicKey());
                insert.setString(3, key.chain());
                insert.setLong(4, key.height());
                insert.executeUpdate();
            }
        });
    }

    public Optional<AuthorKeyRow> authorKey(UnitOfWork work, String keyId) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT key_id, public_key, chain_id, height FROM author_keys WHERE key_id = ?")) {
                query.setString(1, keyId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(authorKey(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Every chain that has at least one block, in id order (from the blocks, not the derived table). */
    /** Whether the ledger has no chain at all: one row looked at, not the list of every chain. */
    public boolean isEmpty(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM chains LIMIT 1");
                 ResultSet rows = query.executeQuery()) {
                return !rows.next();
            }
        });
    }

    public List<String> chainIds(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<String> chains = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT chain_id FROM blocks ORDER BY chain_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    chains.add(rows.getString(1));
                }
            }
            return chains;
        });
    }

    public long blockCount(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM blocks");
                 ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        });
    }

    /** The blocks of one chain in height order. */
    public void forEachBlock(UnitOfWork work, String chain, RowConsumer<BlockRow> consumer) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + BLOCK_COLUMNS + " FROM blocks WHERE chain_id = ? ORDER BY height")) {
                query.setString(1, chain);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        consumer.accept(block(rows));
                    }
                }
            }
        });
    }

    public Optional<BlockRow> block(UnitOfWork work, String chain, long height) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + BLOCK_COLUMNS + " FROM blocks WHERE chain_id = ? AND height = ?")) {
                query.setString(1, chain);
                query.setLong(2, height);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(block(rows)) : Optional.empty();
                }
            }
        });
    }

    /** The blocks, of any chain, whose hash is {@code hash}. */
    public List<BlockRow> blocksWithHash(UnitOfWork work, byte[] hash) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + BLOCK_COLUMNS + " FROM blocks WHERE hash = ? ORDER BY chain_id, height")) {
                query.setBytes(1, hash);
                List<BlockRow> blocks = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        blocks.add(block(rows));
                    }
                }
                return blocks;
            }
        });
    }

    /** The signed heads, of any chain, whose Merkle root is {@code root}. */
    public List<HeadRow> headsWithRoot(UnitOfWork work, byte[] root) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + HEAD_COLUMNS + " FROM signed_heads WHERE root = ? ORDER BY chain_id, size")) {
                query.setBytes(1, root);
                List<HeadRow> heads = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        heads.add(head(rows));
                    }
                }
                return heads;
            }
        });
    }

    /** The newest block of {@code kind} on {@code chain}, if it has one. */
    public Optional<BlockRow> newestBlockOfKind(UnitOfWork work, String chain, String kind) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_NEWEST_BLOCK_OF_KIND)) {
                query.setString(1, kind);
                query.setString(2, chain);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(block(rows)) : Optional.empty();
                }
            }
        });
    }

    /** The newest block of {@code kind} on {@code chain} that names a subject key, if it has one. */
    public Optional<BlockRow> newestBlockNamingKey(UnitOfWork work, String chain, String kind) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_NEWEST_BLOCK_NAMING_KEY)) {
                query.setString(1, kind);
                query.setString(2, chain);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(block(rows)) : Optional.empty();
                }
            }
        });
    }

    /** The block hashes of one chain in height order: the leaves of its Merkle tree. */
    public List<byte[]> blockHashes(UnitOfWork work, String chain) {
        return SqlUnitOfWork.query(work, connection -> {
            List<byte[]> hashes = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT hash FROM blocks WHERE chain_id = ? ORDER BY height")) {
                query.setString(1, chain);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        hashes.add(rows.getBytes(1));
                    }
                }
            }
            return hashes;
        });
    }

    /** Blocks of either of two kinds, across all chains in chain and height order. */
    public void forEachBlockOfKinds(UnitOfWork work, String kind, String otherKind, RowConsumer<BlockRow> consumer) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_BLOCKS_OF_KINDS)) {
                query.setString(1, kind);
                query.setString(2, otherKind);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        consumer.accept(block(rows));
                    }
                }
            }
        });
    }

    /**
     * The first blocks of kind {@code kind} on the chains whose ids start with {@code prefix} (such
     * as {@code "clinic/"}), in chain order: a range of the kind index, not a scan of every chain.
     */
    public void forEachFirstBlock(UnitOfWork work, String kind, String prefix, RowConsumer<BlockRow> consumer) {
        String end = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_FIRST_BLOCKS_OF_KIND_IN_RANGE)) {
                query.setString(1, kind);
                query.setString(2, prefix);
                query.setString(3, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        consumer.accept(block(rows));
                    }
                }
            }
        });
    }

    /** The signed heads of one chain, smallest first. */
    public List<HeadRow> heads(UnitOfWork work, String chain) {
        return SqlUnitOfWork.query(work, connection -> {
            List<HeadRow> heads = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(SELECT_HEADS)) {
                query.setString(1, chain);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        heads.add(head(rows));
                    }
                }
            }
            return heads;
        });
    }

    /** The largest signed head of one chain, if it has any: the one the next head names. */
    public Optional<HeadRow> newestHead(UnitOfWork work, String chain) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_NEWEST_HEAD)) {
                query.setString(1, chain);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(head(rows)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The largest signed head of every chain that has one, by chain, in one query: what
     * {@link #newestHead} gives chain by chain, for opening a folder of thousands of chains.
     */
    public Map<String, HeadRow> newestHeads(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            Map<String, HeadRow> newest = new TreeMap<>();
            try (PreparedStatement query = connection.prepareStatement(SELECT_EVERY_NEWEST_HEAD);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    HeadRow head = head(rows);
                    newest.putIfAbsent(head.chain(), head);
                }
            }
            return newest;
        });
    }

    public Optional<HeadRow> head(UnitOfWork work, String chain, long size) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_HEAD)) {
                query.setString(1, chain);
                query.setLong(2, size);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(head(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Chains named by signed heads: a chain whose every block was deleted still shows here. */
    public List<String> chainIdsWithHeads(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<String> chains = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT chain_id FROM signed_heads ORDER BY chain_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    chains.add(rows.getString(1));
                }
            }
            return chains;
        });
    }

    public List<ChainStateRow> chainStates(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<ChainStateRow> states = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT chain_id, size, tip_hash, frontier FROM chains ORDER BY chain_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.add(chainState(rows));
                }
            }
            return states;
        });
    }

    public List<AuthorKeyRow> authorKeys(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<AuthorKeyRow> keys = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT key_id, public_key, chain_id, height FROM author_keys ORDER BY key_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(authorKey(rows));
                }
            }
            return keys;
        });
    }

    private static BlockRow block(ResultSet rows) throws SQLException {
        Long counterpartHeight = rows.getLong(8);
        if (rows.wasNull()) {
            counterpartHeight = null;
        }
        return new BlockRow(rows.getString(1), rows.getLong(2), rows.getBytes(3), rows.getLong(4), rows.getString(5),
                rows.getString(6), rows.getString(7), counterpartHeight, rows.getString(9), rows.getBytes(10),
                rows.getBytes(11), rows.getBytes(12), rows.getBytes(13));
    }

    private static HeadRow head(ResultSet rows) throws SQLException {
        return new HeadRow(rows.getString(1), rows.getLong(2), rows.getBytes(3), rows.getLong(4), rows.getString(5),
                rows.getBytes(6), rows.getBytes(7), rows.getBytes(8));
    }

    private static ChainStateRow chainState(ResultSet rows) throws SQLException {
        return new ChainStateRow(rows.getString(1), rows.getLong(2), rows.getBytes(3), rows.getBytes(4));
    }

    private static AuthorKeyRow authorKey(ResultSet rows) throws SQLException {
        return new AuthorKeyRow(rows.getString(1), rows.getBytes(2), rows.getString(3), rows.getLong(4));
    }
}
