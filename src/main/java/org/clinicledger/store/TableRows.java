package org.clinicledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.clinicledger.domain.UnitOfWork;

/**
 * The tables that move between machines, column by column, and the one place their rows are read
 * and written as plain values ({@link String}, {@link Long}, {@code byte[]} or null) — so that an
 * export carries exactly the stored bytes and an import writes them back through prepared
 * statements. The list is the order rows are written in (parents before the rows that refer to
 * them); {@code TableRowsTest} holds it against the schema, so a column a migration adds fails the
 * build until it is listed here or named as staying behind.
 */
public final class TableRows {

    /** How a column's values are stored. */
    public enum Type { TEXT, INTEGER, BLOB }

    public record Column(String name, Type type, boolean nullable) {
    }

    /** A table and its key columns (the primary key, or the one row of a one-row table). */
    public record Table(String name, List<Column> columns, List<String> key) {

        public Table {
            columns = List.copyOf(columns);
            key = List.copyOf(key);
        }

        public int index(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("No column " + column + " in " + name);
        }

        private String columnList() {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }
    }

    /** What an insert does when a row with the same key is there already. */
    public enum OnConflict {
        /** Leave the row that is there. */
        KEEP,
        /** Replace every column but the key and those named as kept. */
        REPLACE
    }

    private static Column text(String name) {
        return new Column(name, Type.TEXT, false);
    }

    private static Column integer(String name) {
        return new Column(name, Type.INTEGER, false);
    }

    private static Column blob(String name) {
        return new Column(name, Type.BLOB, false);
    }

    private static Column nullable(Column column) {
        return new Column(column.name(), column.type(), true);
    }

    public static final Table CLINIC = new Table("clinic",
            List.of(integer("id"), text("name"), text("created_at")), List.of("id"));
    public static final Table CLINIC_SETTINGS = new Table("clinic_settings",
            List.of(integer("id"), blob("escrow_public_key"), integer("password_memory_kib"),
                    integer("password_iterations"), integer("password_parallelism")), List.of("id"));
    public static final Table BLOCKS = new Table("blocks",
            List.of(text("chain_id"), integer("height"), blob("previous_hash"), integer("created_at"), text("kind"),
                    text("author_key_id"), nullable(text("counterpart_chain")), nullable(integer("counterpart_height")),
                    text("event_id"), nullable(blob("subject_key")), blob("payload"), blob("signature"), blob("hash")),
            List.of("chain_id", "height"));
    public static final Table SIGNED_HEADS = new Table("signed_heads",
            List.of(text("chain_id"), integer("size"), blob("root"), integer("signed_at"), text("node_key_id"),
                    blob("signature"), nullable(blob("previous_head")), nullable(blob("checkpoint_signature"))),
            List.of("chain_id", "size"));
    public static final Table CHAINS = new Table("chains",
            List.of(text("chain_id"), integer("size"), blob("tip_hash"), blob("frontier")), List.of("chain_id"));
    public static final Table AUTHOR_KEYS = new Table("author_keys",
            List.of(text("key_id"), blob("public_key"), text("chain_id"), integer("height")), List.of("key_id"));
    public static final Table COSIGNATURES = new Table("cosignatures",
            List.of(text("chain_id"), integer("size"), blob("root"), text("witness_node_key_id"),
                    blob("witness_public_key"), blob("witness_authorization"), integer("cosigned_at"), blob("signature")),
            List.of("chain_id", "size", "witness_node_key_id"));
    public static final Table ACCOUNTS = new Table("accounts",
            List.of(text("username"), text("role"), text("chain_id"), blob("signing_public_key"),
                    blob("agreement_public_key"), blob("key_salt"), integer("key_memory_kib"), integer("key_iterations"),
                    integer("key_parallelism"), blob("sealed_keys"), integer("failed_logins"),
                    nullable(integer("locked_until")), integer("created_at")),
            List.of("username"));
    public static final Table ACCOUNT_DETAILS = new Table("account_details",
            List.of(text("username"), blob("sealed_details")), List.of("username"));
    public static final Table WRAPPED_CLINIC_KEYS = new Table("wrapped_clinic_keys",
            List.of(text("username"), text("purpose"), blob("wrapped_key")), List.of("username", "purpose"));
    public static final Table PATIENTS = new Table("patients",
            List.of(text("mrn"), blob("sealed_demographics")), List.of("mrn"));
    public static final Table RECORD_VERSIONS = new Table("record_versions",
            List.of(text("record_id"), integer("version"), text("patient"), text("author"), integer("supersedes"),
                    text("document_address"), text("record_hash"), integer("created_at"), integer("deleted")),
            List.of("record_id", "version"));
    public static final Table RECORD_ATTACHMENTS = new Table("record_attachments",
            List.of(text("record_id"), integer("version"), integer("idx"), text("address")),
            List.of("record_id", "version", "idx"));
    public static final Table RECORD_KEYS = new Table("record_keys",
            List.of(text("record_id"), integer("version"), integer("object"), text("principal"), blob("wrapped_key")),
            List.of("record_id", "version", "object", "principal"));
    public static final Table RECORD_DELETIONS = new Table("record_deletions",
            List.of(text("record_id"), text("deleted_by"), blob("sealed_reason"), integer("deleted_at")),
            List.of("record_id"));
    public static final Table ACCESS_REASONS = new Table("access_reasons",
            List.of(text("reason_hash"), text("kind"), text("patient"), text("actor"), blob("sealed_reason"),
                    integer("created_at")),
            List.of("reason_hash"));

    /** Every table that moves, in the order rows are written. */
    public static final List<Table> ALL = List.of(CLINIC, CLINIC_SETTINGS, BLOCKS, SIGNED_HEADS, CHAINS, AUTHOR_KEYS,
            COSIGNATURES, ACCOUNTS, ACCOUNT_DETAILS, WRAPPED_CLINIC_KEYS, PATIENTS, RECORD_VERSIONS, RECORD_ATTACHMENTS, RECORD_KEYS,
            RECORD_DELETIONS, ACCESS_REASONS);

    /** Tables and columns that stay on their machine, each with its reason; the test holds the schema to both lists. */
    public static final List<String> STAYING = List.of(
            "unknown_logins: sign-in delays for names without an account belong to the machine that counted them");

    /** The table called {@code name}, if it moves. */
    public static Optional<Table> named(String name) {
        return ALL.stream().filter(table -> table.name().equals(name)).findFirst();
    }

    /** Every row of {@code table}, in key order. */
    public void forEach(UnitOfWork work, Table table, Consumer<Object[]> sink) {
        select(work, table, "", List.of(), sink);
    }

    /** The rows of {@code table} whose {@code column} holds {@code value}, in key order. */
    public void forEachWhere(UnitOfWork work, Table table, String column, Object value, Consumer<Object[]> sink) {
        table.index(column);
        select(work, table, " WHERE " + column + " = ?", List.of(value), sink);
    }

    /** The row of {@code table} whose key columns hold {@code key}, in the order of {@link Table#key}. */
    public Optional<Object[]> find(UnitOfWork work, Table table, Object... key) {
        List<Object[]> found = new ArrayList<>(1);
        String where = table.key().stream().map(column -> column + " = ?").collect(Collectors.joining(" AND "));
        select(work, table, " WHERE " + where, Arrays.asList(key), found::add);
        return found.stream().findFirst();
    }

    private static void select(UnitOfWork work, Table table, String where, List<Object> values, Consumer<Object[]> sink) {
        String sql = "SELECT " + table.columnList() + " FROM " + table.name() + where + " ORDER BY "
                + String.join(", ", table.key());
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    bind(select, i + 1, values.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(read(table, rows));
                    }
                }
            }
        });
    }

    /**
     * Writes {@code row} into {@code table}; with {@link OnConflict#REPLACE} a row with the same key
     * takes the new values except in {@code kept} columns. Returns whether a row was inserted or changed.
     */
    public boolean insert(UnitOfWork work, Table table, Object[] row, OnConflict onConflict, String... kept) {
        if (row.length != table.columns().size()) {
            throw new IllegalArgumentException(table.name() + " has " + table.columns().size() + " columns, not " + row.length);
        }
        List<String> keep = List.of(kept);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" (").append(table.columnList())
                .append(") VALUES (").append(String.join(", ", java.util.Collections.nCopies(row.length, "?")))
                .append(") ON CONFLICT (").append(String.join(", ", table.key())).append(") DO ");
        List<String> updated = table.columns().stream().map(Column::name)
                .filter(name -> !table.key().contains(name) && !keep.contains(name)).toList();
        if (onConflict == OnConflict.KEEP || updated.isEmpty()) {
            sql.append("NOTHING");
        } else {
            sql.append("UPDATE SET ").append(updated.stream().map(name -> name + " = excluded." + name)
                    .collect(Collectors.joining(", ")));
        }
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < row.length; i++) {
                    bind(insert, i + 1, row[i]);
                }
                return insert.executeUpdate() > 0;
            }
        });
    }

    /** Removes the rows of {@code table} whose {@code column} holds {@code value}; returns how many. */
    public int deleteWhere(UnitOfWork work, Table table, String column, Object value) {
        table.index(column);
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table.name() + " WHERE " + column + " = ?")) {
                bind(delete, 1, value);
                return delete.executeUpdate();
            }
        });
    }

    /** Whether {@code value} may stand in {@code column}: the type it is stored as, and null only where allowed. */
    public static boolean fits(Column column, Object value) {
        if (value == null) {
            return column.nullable();
        }
        return switch (column.type()) {
            case TEXT -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case BLOB -> value instanceof byte[];
        };
    }

    private static Object[] read(Table table, ResultSet rows) throws SQLException {
        Object[] row = new Object[table.columns().size()];
        for (int i = 0; i < row.length; i++) {
            Column column = table.columns().get(i);
            row[i] = switch (column.type()) {
                case TEXT -> rows.getString(i + 1);
                case INTEGER -> {
                    long value = rows.getLong(i + 1);
                    yield rows.wasNull() ? null : value;
                }
                case BLOB -> rows.getBytes(i + 1);
            };
        }
        return row;
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setLong(index, number);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else {
            throw new IllegalArgumentException("Cannot store a " + value.getClass().getSimpleName());
        }
    }
}
