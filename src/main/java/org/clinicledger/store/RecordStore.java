package org.clinicledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.clinicledger.domain.UnitOfWork;

/**
 * SQL for records ({@code db/V5__records.sql}, {@code db/V6__access_reasons.sql}): versions, attachments' vault addresses, wrapped
 * content keys and deletion reasons. Rows hold ids, hashes, addresses and ciphertext only;
 * encryption happens above this layer. Methods take the connection so that the services can put
 * them and the blocks that record them in one transaction.
 */
public final class RecordStore {

    /** The record document's key is stored under this object number; attachments use their index. */
    public static final int DOCUMENT = -1;

    /** The principal of the copy of a record key wrapped for the clinic's escrow key. */
    public static final String ESCROW_PRINCIPAL = "escrow";

    /** A row of {@code record_versions}. */
    public record VersionRow(String recordId, int version, String patient, String author, int supersedes,
            String documentAddress, String recordHash, long createdAtMillis, boolean deleted) {
    }

    /** A row of {@code record_keys}. */
    public record KeyRow(String recordId, int version, int object, String principal, byte[] wrappedKey) {
    }

    private static final String VERSION_COLUMNS = "record_id, version, patient, author, supersedes, document_address, "
            + "record_hash, created_at, deleted";
    private static final String INSERT_VERSION = "INSERT INTO record_versions (" + VERSION_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_VERSIONS = "SELECT " + VERSION_COLUMNS
            + " FROM record_versions WHERE record_id = ? ORDER BY version";
    private static final String SELECT_VERSIONS_OF_PATIENT = "SELECT " + VERSION_COLUMNS
            + " FROM record_versions WHERE patient = ? ORDER BY record_id, version";
    private static final String SELECT_VERSIONS_WITH_HASH = "SELECT " + VERSION_COLUMNS
            + " FROM record_versions WHERE record_hash = ? ORDER BY record_id, version";
    private static final String SELECT_ALL_VERSIONS = "SELECT " + VERSION_COLUMNS
            + " FROM record_versions ORDER BY record_id, version";

    public void insertVersion(UnitOfWork work, VersionRow row) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_VERSION)) {
                insert.setString(1, row.recordId());
                insert.setInt(2, row.version());
                insert.setString(3, row.patient());
                insert.setString(4, row.author());
                insert.setInt(5, row.supersedes());
                insert.setString(6, row.documentAddress());
                insert.setString(7, row.recordHash());
                insert.setLong(8, row.createdAtMillis());
                insert.setInt(9, row.deleted() ? 1 : 0);
                insert.executeUpdate();
            }
        });
    }

    public void insertAttachment(UnitOfWork work, String recordId, int version, int index, String address) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO record_attachments (record_id, version, idx, address) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, recordId);
                insert.setInt(2, version);
                insert.setInt(3, index);
                insert.setString(4, address);
                insert.executeUpdate();
            }
        });
    }

    public void insertKey(UnitOfWork work, KeyRow row) {
        insertKey(work, row, "INSERT INTO record_keys");
    }

    /** Every version of a record, oldest first; empty when there is no such record. */
    public List<VersionRow> versions(UnitOfWork work, String recordId) {
        return SqlUnitOfWork.query(work, connection -> {
            return versionRows(connection, SELECT_VERSIONS, recordId);
        });
    }

    /** Every version of every record, by record and version. */
    public void forEachVersion(UnitOfWork work, ChainStore.RowConsumer<VersionRow> consumer) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_ALL_VERSIONS);
                 ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    consumer.accept(versionRow(result));
                }
            }
        });
    }

    /** How many missing indexes a version's attachment list is padded with at most, whatever a row claims. */
    private static final int MAX_ATTACHMENT_GAP = 1_000;

    /** The attachment addresses of every version, each at its index, by {@link #versionKey}. */
    public Map<String, List<String>> allAttachmentAddresses(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            Map<String, List<String>> addresses = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT record_id, version, idx, address FROM record_attachments ORDER BY record_id, version, idx");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    List<String> list = addresses.computeIfAbsent(versionKey(rows.getString(1), rows.getInt(2)),
                            key -> new ArrayList<>());
                    // Each address at its index, gaps left empty: a changed index then shows as a changed list.
                    long index = rows.getLong(3);
                    while (list.size() < index && list.size() < MAX_ATTACHMENT_GAP) {
                        list.add(null);
                    }
                    list.add(rows.getString(4));
                }
            }
            return addresses;
        });
    }

    /** One string naming a record version, for maps. */
    public static String versionKey(String recordId, int version) {
        return recordId + "#" + version;
    }

    /** A row of {@code record_deletions}. */
    public record DeletionRow(String recordId, String deletedBy, byte[] sealedReason, long deletedAtMillis) {
    }

    public List<DeletionRow> deletions(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<DeletionRow> deletions = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT record_id, deleted_by, sealed_reason, deleted_at FROM record_deletions ORDER BY record_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    deletions.add(new DeletionRow(rows.getString(1), rows.getString(2), rows.getBytes(3), rows.getLong(4)));
                }
            }
            return deletions;
        });
    }

    /** A row of {@code access_reasons}. */
    public record AccessReasonRow(String reasonHash, String kind, String patient, String actor, byte[] sealedReason,
            long createdAtMillis) {
    }

    public List<AccessReasonRow> accessReasons(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<AccessReasonRow> reasons = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT reason_hash, kind, patient, actor, "
                    + "sealed_reason, created_at FROM access_reasons ORDER BY reason_hash");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reasons.add(new AccessReasonRow(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getBytes(5), rows.getLong(6)));
                }
            }
            return reasons;
        });
    }

    /** The vault addresses of a version's attachments, in index order. */
    public List<String> attachmentAddresses(UnitOfWork work, String recordId, int version) {
        return SqlUnitOfWork.query(work, connection -> {
            List<String> addresses = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT address FROM record_attachments WHERE record_id = ? AND version = ? ORDER BY idx")) {
                query.setString(1, recordId);
                query.setInt(2, version);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        addresses.add(result.getString(1));
                    }
                }
            }
            return addresses;
        });
    }

    /** The key of one object of a version wrapped for {@code principal}, if it holds one. */
    public Optional<byte[]> wrappedKey(UnitOfWork work, String recordId, int version, int object,
            String principal) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT wrapped_key FROM record_keys "
                    + "WHERE record_id = ? AND version = ? AND object = ? AND principal = ?")) {
                query.setString(1, recordId);
                query.setInt(2, version);
                query.setInt(3, object);
                query.setString(4, principal);
                try (ResultSet result = query.executeQuery()) {
                    return result.next() ? Optional.of(result.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** Destroys every wrapped key of every version and attachment of a record; returns how many. */
    public int deleteKeys(UnitOfWork work, String recordId) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM record_keys WHERE record_id = ?")) {
                delete.setString(1, recordId);
                return delete.executeUpdate();
            }
        });
    }

    /**
     * The vault addresses the rows of records that are not deleted name: their documents and
     * attachments. Every other file in the vault is a leftover (see {@link Vault#leftovers}).
     */
    public Set<String> liveAddresses(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            Set<String> addresses = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT document_address FROM record_versions "
                    + "WHERE deleted = 0 UNION SELECT a.address FROM record_attachments a JOIN record_versions v "
                    + "ON v.record_id = a.record_id AND v.version = a.version WHERE v.deleted = 0");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    addresses.add(rows.getString(1));
                }
            }
            return addresses;
        });
    }

    public void markDeleted(UnitOfWork work, String recordId) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE record_versions SET deleted = 1 WHERE record_id = ?")) {
                update.setString(1, recordId);
                update.executeUpdate();
            }
        });
    }

    public void insertDeletion(UnitOfWork work, String recordId, String deletedBy, byte[] sealedReason,
            long deletedAtMillis) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO record_deletions "
                    + "(record_id, deleted_by, sealed_reason, deleted_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, recordId);
                insert.setString(2, deletedBy);
                insert.setBytes(3, sealedReason);
                insert.setLong(4, deletedAtMillis);
                insert.executeUpdate();
            }
        });
    }

    /**
     * The keys {@code holder} holds to the live (not deleted) versions and attachments of a
     * patient's records, in record, version and object order.
     */
    public List<KeyRow> liveKeysOfPatient(UnitOfWork work, String patient, String holder) {
        return SqlUnitOfWork.query(work, connection -> {
            List<KeyRow> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT k.record_id, k.version, k.object, "
                    + "k.principal, k.wrapped_key FROM record_keys k JOIN record_versions v "
                    + "ON v.record_id = k.record_id AND v.version = k.version "
                    + "WHERE v.patient = ? AND v.deleted = 0 AND k.principal = ? "
                    + "ORDER BY k.record_id, k.version, k.object")) {
                query.setString(1, patient);
                query.setString(2, holder);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(new KeyRow(result.getString(1), result.getInt(2), result.getInt(3), result.getString(4),
                                result.getBytes(5)));
                    }
                }
            }
            return rows;
        });
    }

    /** Which object of which version a wrapped key opens, and for whom: a row of {@code record_keys} without the key. */
    public record KeyCopyRow(String recordId, int version, int object, String principal) {
    }

    /** Every wrapped record key's place and principal (not the key), by record, version, object and principal. */
    public void forEachKeyCopy(UnitOfWork work, ChainStore.RowConsumer<KeyCopyRow> consumer) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT record_id, version, object, principal "
                    + "FROM record_keys ORDER BY record_id, version, object, principal");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(new KeyCopyRow(rows.getString(1), rows.getInt(2), rows.getInt(3), rows.getString(4)));
                }
            }
        });
    }

    /** Every key copy {@code principal} holds, of any patient's records, in record, version and object order. */
    public List<KeyRow> keysHeldBy(UnitOfWork work, String principal) {
        return SqlUnitOfWork.query(work, connection -> {
            List<KeyRow> keys = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT record_id, version, object, principal, "
                    + "wrapped_key FROM record_keys WHERE principal = ? ORDER BY record_id, version, object")) {
                query.setString(1, principal);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new KeyRow(rows.getString(1), rows.getInt(2), rows.getInt(3), rows.getString(4),
                                rows.getBytes(5)));
                    }
                }
            }
            return keys;
        });
    }

    /** Replaces the wrapped key of a copy the principal holds; true when there was one to replace. */
    public boolean replaceKey(UnitOfWork work, KeyRow row) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE record_keys SET wrapped_key = ? "
                    + "WHERE record_id = ? AND version = ? AND object = ? AND principal = ?")) {
                update.setBytes(1, row.wrappedKey());
                update.setString(2, row.recordId());
                update.setInt(3, row.version());
                update.setInt(4, row.object());
                update.setString(5, row.principal());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Stores a wrapped key unless the principal holds one for that object already; true when stored. */
    public boolean insertKeyIfAbsent(UnitOfWork work, KeyRow row) {
        return insertKey(work, row, "INSERT OR IGNORE INTO record_keys");
    }

    private static boolean insertKey(UnitOfWork work, KeyRow row, String insertInto) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(insertInto
                    + " (record_id, version, object, principal, wrapped_key) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, row.recordId());
                insert.setInt(2, row.version());
                insert.setInt(3, row.object());
                insert.setString(4, row.principal());
                insert.setBytes(5, row.wrappedKey());
                return insert.executeUpdate() == 1;
            }
        });
    }

    /**
     * Destroys every key {@code principal} holds to a patient's record versions, except those of
     * versions {@code author} wrote (an author keeps their own); returns how many.
     */
    public int deleteKeysOfPatient(UnitOfWork work, String patient, String principal, String author) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM record_keys WHERE principal = ? "
                    + "AND EXISTS (SELECT 1 FROM record_versions v WHERE v.record_id = record_keys.record_id "
                    + "AND v.version = record_keys.version AND v.patient = ? AND v.author <> ?)")) {
                delete.setString(1, principal);
                delete.setString(2, patient);
                delete.setString(3, author);
                return delete.executeUpdate();
            }
        });
    }

    /**
     * The doctors' and staff's principals (chain ids {@code doctor/…}, {@code staff/…}) that hold any
     * key to a patient's records.
     */
    public List<String> readerHolders(UnitOfWork work, String patient) {
        return SqlUnitOfWork.query(work, connection -> {
            List<String> holders = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT k.principal FROM record_keys k "
                    + "JOIN record_versions v ON v.record_id = k.record_id AND v.version = k.version "
                    + "WHERE v.patient = ? AND (k.principal LIKE 'doctor/%' OR k.principal LIKE 'staff/%') ORDER BY k.principal")) {
                query.setString(1, patient);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        holders.add(result.getString(1));
                    }
                }
            }
            return holders;
        });
    }

    /** Stores the sealed reason of a referral or an emergency access, under the SHA-256 hex its blocks name. */
    public void insertAccessReason(UnitOfWork work, String reasonHash, String kind, String patient,
            String actor, byte[] sealedReason, long createdAtMillis) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO access_reasons "
                    + "(reason_hash, kind, patient, actor, sealed_reason, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, reasonHash);
                insert.setString(2, kind);
                insert.setString(3, patient);
                insert.setString(4, actor);
                insert.setBytes(5, sealedReason);
                insert.setLong(6, createdAtMillis);
                insert.executeUpdate();
            }
        });
    }

    /** The sealed reason stored under {@code reasonHash}, if any. */
    public Optional<byte[]> accessReason(UnitOfWork work, String reasonHash) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT sealed_reason FROM access_reasons WHERE reason_hash = ?")) {
                query.setString(1, reasonHash);
                try (ResultSet result = query.executeQuery()) {
                    return result.next() ? Optional.of(result.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every version of every record of a patient, by record id and then version; ids, hashes and times only. */
    public List<VersionRow> versionsOfPatient(UnitOfWork work, String patient) {
        return SqlUnitOfWork.query(work, connection -> {
            return versionRows(connection, SELECT_VERSIONS_OF_PATIENT, patient);
        });
    }

    /** The versions, of any record, whose record hash is {@code recordHash} (lower-case hex). */
    public List<VersionRow> versionsWithHash(UnitOfWork work, String recordHash) {
        return SqlUnitOfWork.query(work, connection -> {
            return versionRows(connection, SELECT_VERSIONS_WITH_HASH, recordHash);
        });
    }

    /** The version rows {@code query} (one of the constants above) selects with its one parameter. */
    private static List<VersionRow> versionRows(Connection connection, String query, String parameter)
            throws SQLException {
        List<VersionRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(versionRow(result));
                }
            }
        }
        return rows;
    }

    /** A row read with {@link #VERSION_COLUMNS}. */
    private static VersionRow versionRow(ResultSet row) throws SQLException {
        return new VersionRow(row.getString(1), row.getInt(2), row.getString(3), row.getString(4), row.getInt(5),
                row.getString(6), row.getString(7), row.getLong(8), row.getInt(9) != 0);
    }
}
