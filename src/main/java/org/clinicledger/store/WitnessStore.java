package org.clinicledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.clinicledger.domain.UnitOfWork;

/**
 * The SQL of {@code cosignatures} ({@code db/V13}): the machines' cosignatures of signed heads, kept
 * as raw rows so that verification can check rows whose values no valid cosignature holds.
 */
public final class WitnessStore {

    private static final String COLUMNS = "chain_id, size, root, witness_node_key_id, witness_public_key, "
            + "witness_authorization, cosigned_at, signature";
    private static final String SELECT_OF_CHAIN = "SELECT " + COLUMNS
            + " FROM cosignatures WHERE chain_id = ? ORDER BY size, witness_node_key_id";
    private static final String SELECT_NEWEST_BY_WITNESS = "SELECT " + COLUMNS
            + " FROM cosignatures WHERE chain_id = ? AND witness_node_key_id = ? ORDER BY size DESC LIMIT 1";
    private static final String SELECT_ALL = "SELECT " + COLUMNS
            + " FROM cosignatures ORDER BY chain_id, size, witness_node_key_id";

    /**
     * A row of {@code cosignatures} as stored.
     *
     * @param witnessNodeKeyId the node key of the machine that cosigned
     * @param witnessAuthorization the node key's signature over the witness key
     * @param cosignedAt the cosignature's time, POSIX seconds
     */
    public record CosignatureRow(String chain, long size, byte[] root, String witnessNodeKeyId,
            byte[] witnessPublicKey, byte[] witnessAuthorization, long cosignedAt, byte[] signature) {
    }

    /** Adds a cosignature; a second one by the same machine of the same size of a chain is refused by the key. */
    public void insert(UnitOfWork work, CosignatureRow row) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO cosignatures (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, row.chain());
                insert.setLong(2, row.size());
                insert.setBytes(3, row.root());
                insert.setString(4, row.witnessNodeKeyId());
                insert.setBytes(5, row.witnessPublicKey());
                insert.setBytes(6, row.witnessAuthorization());
                insert.setLong(7, row.cosignedAt());
                insert.setBytes(8, row.signature());
                insert.executeUpdate();
            }
        });
    }

    /** The cosignatures of {@code chain}, by size and then witness. */
    public List<CosignatureRow> ofChain(UnitOfWork work, String chain) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_OF_CHAIN)) {
                query.setString(1, chain);
                return rows(query);
            }
        });
    }

    /** The newest cosignature {@code witnessNodeKeyId}'s machine made of {@code chain}: its largest size. */
    public Optional<CosignatureRow> newestBy(UnitOfWork work, String chain, String witnessNodeKeyId) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_NEWEST_BY_WITNESS)) {
                query.setString(1, chain);
                query.setString(2, witnessNodeKeyId);
                return rows(query).stream().findFirst();
            }
        });
    }

    /** A machine's witness key as its cosignatures name it, with the node key's authorization of it. */
    public record WitnessKeyRow(String witnessNodeKeyId, byte[] witnessPublicKey, byte[] witnessAuthorization) {
    }

    /** The witness keys the cosignatures name, one row per distinct machine, key and authorization. */
    public List<WitnessKeyRow> witnessKeys(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT witness_node_key_id, "
                    + "witness_public_key, witness_authorization FROM cosignatures ORDER BY witness_node_key_id");
                 ResultSet result = query.executeQuery()) {
                List<WitnessKeyRow> keys = new ArrayList<>();
                while (result.next()) {
                    keys.add(new WitnessKeyRow(result.getString(1), result.getBytes(2), result.getBytes(3)));
                }
                return keys;
            }
        });
    }

    /** Every cosignature, by chain, size and witness: what verification checks and an export carries. */
    public List<CosignatureRow> all(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_ALL)) {
                return rows(query);
            }
        });
    }

    private static List<CosignatureRow> rows(PreparedStatement query) throws SQLException {
        List<CosignatureRow> rows = new ArrayList<>();
        try (ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.add(new CosignatureRow(result.getString(1), result.getLong(2), result.getBytes(3),
                        result.getString(4), result.getBytes(5), result.getBytes(6), result.getLong(7),
                        result.getBytes(8)));
            }
        }
        return rows;
    }
}
