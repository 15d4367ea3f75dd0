package org.clinicledger.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;

/**
 * Reads a data folder's tables behind the application's back, as an auditor or an attacker with
 * the file would: what tests use to prove what is (and is not) stored.
 */
public final class RawTables {

    private final Path database;

    public RawTables(Path dataFolder) {
        this.database = dataFolder.resolve("clinicledger.db");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + database);
    }

    /** The payload of the newest block of {@code kind} on {@code chain}, as JSON. */
    public JsonNode latestPayload(ChainId chain, BlockKind kind) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT payload FROM blocks WHERE chain_id = ? AND kind = ? ORDER BY height DESC LIMIT 1")) {
            query.setString(1, chain.value());
            query.setString(2, kind.code());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no " + kind.code() + " block on " + chain);
                }
                return new ObjectMapper().readTree(rows.getBytes(1));
            }
        }
    }

    /** How many blocks of {@code kind} {@code chain} has. */
    public long blockCount(ChainId chain, BlockKind kind) throws SQLException {
        return count("SELECT count(*) FROM blocks WHERE chain_id = ? AND kind = ?", chain.value(), kind.code());
    }

    /** The first column of the first row of {@code sql} as a number, with text parameters. */
    /** How many rows {@code sql} counts; each parameter is bound as its text (a record id, an MRN…). */
    public long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, String.valueOf(parameters[i]));
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The one blob the query selects. */
    public byte[] bytes(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("No row for " + sql);
                }
                return rows.getBytes(1);
            }
        }
    }

    /** Changes rows behind the application's back, as anyone who can write the data folder could; returns how many. */
    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    /**
     * Rewrites the blocks of {@code kind} on {@code chain} into {@code newKind} with {@code payload},
     * without anyone's key, as someone who can write the data folder could (the trigger that keeps
     * blocks unchanged is dropped first); returns how many.
     */
    public int rewriteBlocks(ChainId chain, BlockKind kind, BlockKind newKind, byte[] payload) throws SQLException {
        try (Connection connection = connect(); java.sql.Statement statement = connection.createStatement();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE blocks SET kind = ?, payload = ? WHERE chain_id = ? AND kind = ?")) {
            statement.executeUpdate("DROP TRIGGER IF EXISTS blocks_are_never_updated");
            update.setString(1, newKind.code());
            update.setBytes(2, payload);
            update.setString(3, chain.value());
            update.setString(4, kind.code());
            return update.executeUpdate();
        }
    }

    /** Who holds a wrapped key for any object of the record (chain ids, or {@code escrow}). */
    public List<String> keyHolders(Object recordId, String extraCondition, Object... extraParameters)
            throws SQLException {
        List<String> principals = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT DISTINCT principal FROM record_keys WHERE record_id = ? " + extraCondition)) {
            query.setString(1, String.valueOf(recordId));
            for (int i = 0; i < extraParameters.length; i++) {
                query.setObject(i + 2, extraParameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    principals.add(rows.getString(1));
                }
            }
        }
        return principals;
    }
}
