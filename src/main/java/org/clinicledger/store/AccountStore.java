package org.clinicledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clinicledger.domain.UnitOfWork;

/**
 * SQL for accounts and the clinic's keys ({@code db/V3__accounts.sql}). Methods take the
 * connection so that the services can put several of them, and a chain's registration, in one
 * transaction. Rows hold bytes and numbers only; sealing and unsealing happen above this layer.
 */
public final class AccountStore {

    /** The one row of {@code clinic_settings}. */
    public record ClinicSettingsRow(byte[] escrowPublicKey, int passwordMemoryKiB, int passwordIterations,
            int passwordParallelism) {
    }

    /**
     * A row of {@code accounts}. {@code lockedUntilMillis} is the end of its sign-in delay, null when none was set.
     */
    public record AccountRow(String username, String role, String chain, byte[] signingPublicKey,
            byte[] agreementPublicKey, SealedKeysRow sealedKeys, int failedLogins, Long lockedUntilMillis,
            long createdAtMillis) {
    }

    /** An account's private keys as sealed under its password, with the salt and cost that open them. */
    public record SealedKeysRow(byte[] salt, int memoryKiB, int iterations, int parallelism, byte[] sealed) {
    }

    /** Which clinic key a wrapped key holds. Codes are stored: never rename one. */
    public enum ClinicKeyPurpose {
        DIRECTORY("directory"),
        /** One administrator's share of the escrow private key (schema 11; earlier schemas held it whole as "escrow"). */
        ESCROW_SHARE("escrow-share"),
        /** The clinic key's Ed25519 seed, held by administrators. */
        CLINIC_SIGNING("clinic-signing");

        private final String code;

        ClinicKeyPurpose(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final String ACCOUNT_COLUMNS = "username, role, chain_id, signing_public_key, agreement_public_key, "
            + "key_salt, key_memory_kib, key_iterations, key_parallelism, sealed_keys, failed_logins, locked_until, "
            + "created_at";
    private static final String INSERT_ACCOUNT = "INSERT INTO accounts (" + ACCOUNT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING";

    public Optional<ClinicSettingsRow> settings(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT escrow_public_key, password_memory_kib, "
                    + "password_iterations, password_parallelism FROM clinic_settings WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClinicSettingsRow(rows.getBytes(1), rows.getInt(2), rows.getInt(3), rows.getInt(4)));
            }
        });
    }

    /** Inserts the settings; returns false, changing nothing, when they exist already. */
    public boolean insertSettings(UnitOfWork work, ClinicSettingsRow settings) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO clinic_settings (id, "
                    + "escrow_public_key, password_memory_kib, password_iterations, password_parallelism) "
                    + "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setBytes(1, settings.escrowPublicKey());
                insert.setInt(2, settings.passwordMemoryKiB());
                insert.setInt(3, settings.passwordIterations());
                insert.setInt(4, settings.passwordParallelism());
                return insert.executeUpdate() == 1;
            }
        });
    }

    public void updatePasswordCost(UnitOfWork work, int memoryKiB, int iterations, int parallelism) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE clinic_settings SET password_memory_kib = ?, "
                    + "password_iterations = ?, password_parallelism = ? WHERE id = 1")) {
                update.setInt(1, memoryKiB);
                update.setInt(2, iterations);
                update.setInt(3, parallelism);
                update.executeUpdate();
            }
        });
    }

    public Optional<AccountRow> account(UnitOfWork work, String username) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE username = ?")) {
                query.setString(1, username);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(accountRow(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Every account, in username order. */
    public List<AccountRow> accounts(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<AccountRow> accounts = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ACCOUNT_COLUMNS + " FROM accounts ORDER BY username");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    accounts.add(accountRow(rows));
                }
            }
            return accounts;
        });
    }

    private static AccountRow accountRow(ResultSet rows) throws SQLException {
        long lockedUntil = rows.getLong(12);
        Long locked = rows.wasNull() ? null : lockedUntil;
        return new AccountRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBytes(4),
                rows.getBytes(5),
                new SealedKeysRow(rows.getBytes(6), rows.getInt(7), rows.getInt(8), rows.getInt(9), rows.getBytes(10)),
                rows.getInt(11), locked, rows.getLong(13));
    }

    /** Inserts a new account; returns false, changing nothing, when the username is taken. */
    public boolean insertAccount(UnitOfWork work, AccountRow account) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ACCOUNT)) {
                SealedKeysRow keys = account.sealedKeys();
                insert.setString(1, account.username());
                insert.setString(2, account.role());
                insert.setString(3, account.chain());
                insert.setBytes(4, account.signingPublicKey());
                insert.setBytes(5, account.agreementPublicKey());
                insert.setBytes(6, keys.salt());
                insert.setInt(7, keys.memoryKiB());
                insert.setInt(8, keys.iterations());
                insert.setInt(9, keys.parallelism());
                insert.setBytes(10, keys.sealed());
                insert.setInt(11, account.failedLogins());
                setNullableLong(insert, 12, account.lockedUntilMillis());
                insert.setLong(13, account.createdAtMillis());
                return insert.executeUpdate() == 1;
            }
        });
    }

    /**
     * How many wrong passwords in a row the throttle has counted for an account or a name without
     * one, and until when (milliseconds since the epoch) its sign-in delay runs; null when never set.
     */
    public record LoginCount(int wrongInARow, Long delayedUntilMillis) {
    }

    /** The throttle's count for an account; empty when there is no such account. */
    public Optional<LoginCount> loginCount(UnitOfWork work, String username) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT failed_logins, locked_until FROM accounts WHERE username = ?")) {
                query.setString(1, username);
                return loginCount(query);
            }
        });
    }

    /** Stores the throttle's count for an account. */
    public void putLoginCount(UnitOfWork work, String username, LoginCount count) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE username = ?")) {
                update.setInt(1, count.wrongInARow());
                setNullableLong(update, 2, count.delayedUntilMillis());
                update.setString(3, username);
                update.executeUpdate();
            }
        });
    }

    /**
     * Forgets an account's wrong passwords and sign-in delay; writes nothing when there were none.
     *
     * @return whether there was anything to forget
     */
    public boolean clearFailedLogins(UnitOfWork work, String username) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET failed_logins = 0, "
                    + "locked_until = NULL WHERE username = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")) {
                update.setString(1, username);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The throttle's count for a name without an account, keyed by the name's hash; empty when none is kept. */
    public Optional<LoginCount> unknownLoginCount(UnitOfWork work, String nameHash) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT failed_logins, locked_until FROM unknown_logins WHERE name_hash = ?")) {
                query.setString(1, nameHash);
                return loginCount(query);
            }
        });
    }

    /**
     * Stores the throttle's count for a name without an account (at least one wrong login), noting
     * {@code nowMillis} as its last; first forgets every name whose last wrong login is before
     * {@code forgetBeforeMillis} and whose delay has ended by {@code nowMillis}.
     */
    public void putUnknownLoginCount(UnitOfWork work, String nameHash, LoginCount count, long nowMillis,
            long forgetBeforeMillis) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM unknown_logins "
                    + "WHERE last_failed_at < ? AND (locked_until IS NULL OR locked_until <= ?)")) {
                prune.setLong(1, forgetBeforeMillis);
                prune.setLong(2, nowMillis);
                prune.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO unknown_logins (name_hash, "
                    + "failed_logins, locked_until, last_failed_at) VALUES (?, ?, ?, ?) ON CONFLICT (name_hash) "
                    + "DO UPDATE SET failed_logins = excluded.failed_logins, locked_until = excluded.locked_until, "
                    + "last_failed_at = excluded.last_failed_at")) {
                upsert.setString(1, nameHash);
                upsert.setInt(2, count.wrongInARow());
                setNullableLong(upsert, 3, count.delayedUntilMillis());
                upsert.setLong(4, nowMillis);
                upsert.executeUpdate();
            }
        });
    }

    private static Optional<LoginCount> loginCount(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            int wrong = rows.getInt(1);
            long until = rows.getLong(2);
            return Optional.of(new LoginCount(wrong, rows.wasNull() ? null : until));
        }
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }

    /**
     * Replaces an account's sealed keys, but only if they are still {@code expected}: a password
     * changed meanwhile elsewhere is not overwritten with a seal under the older password.
     */
    public boolean replaceSealedKeys(UnitOfWork work, String username, byte[] expected, SealedKeysRow keys) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET key_salt = ?, key_memory_kib = ?, "
                    + "key_iterations = ?, key_parallelism = ?, sealed_keys = ? WHERE username = ? AND sealed_keys = ?")) {
                update.setBytes(1, keys.salt());
                update.setInt(2, keys.memoryKiB());
                update.setInt(3, keys.iterations());
                update.setInt(4, keys.parallelism());
                update.setBytes(5, keys.sealed());
                update.setString(6, username);
                update.setBytes(7, expected);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Replaces an account's public keys and sealed private keys, but only if its signing key is still
     * {@code expectedSigningKey}: a recovery done meanwhile elsewhere is not overwritten.
     */
    public boolean replaceKeys(UnitOfWork work, String username, byte[] expectedSigningKey, byte[] signingPublicKey,
            byte[] agreementPublicKey, SealedKeysRow keys) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET signing_public_key = ?, "
                    + "agreement_public_key = ?, key_salt = ?, key_memory_kib = ?, key_iterations = ?, "
                    + "key_parallelism = ?, sealed_keys = ? WHERE username = ? AND signing_public_key = ?")) {
                update.setBytes(1, signingPublicKey);
                update.setBytes(2, agreementPublicKey);
                update.setBytes(3, keys.salt());
                update.setInt(4, keys.memoryKiB());
                update.setInt(5, keys.iterations());
                update.setInt(6, keys.parallelism());
                update.setBytes(7, keys.sealed());
                update.setString(8, username);
                update.setBytes(9, expectedSigningKey);
                return update.executeUpdate() == 1;
            }
        });
    }

    public void insertDetails(UnitOfWork work, String username, byte[] sealedDetails) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO account_details (username, sealed_details) VALUES (?, ?)")) {
                insert.setString(1, username);
                insert.setBytes(2, sealedDetails);
                insert.executeUpdate();
            }
        });
    }

    /** Every account's sealed directory entry, by username. */
    public Map<String, byte[]> allDetails(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            Map<String, byte[]> details = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT username, sealed_details FROM account_details");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    details.put(rows.getString(1), rows.getBytes(2));
                }
            }
            return details;
        });
    }

    public Optional<byte[]> details(UnitOfWork work, String username) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT sealed_details FROM account_details WHERE username = ?")) {
                query.setString(1, username);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    public void insertWrappedKey(UnitOfWork work, String username, ClinicKeyPurpose purpose, byte[] wrappedKey) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO wrapped_clinic_keys (username, purpose, wrapped_key) VALUES (?, ?, ?)")) {
                insert.setString(1, username);
                insert.setString(2, purpose.code());
                insert.setBytes(3, wrappedKey);
                insert.executeUpdate();
            }
        });
    }

    /** Stores a wrapped clinic key for {@code username}, replacing the copy of that purpose they held. */
    public void putWrappedKey(UnitOfWork work, String username, ClinicKeyPurpose purpose, byte[] wrappedKey) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wrapped_clinic_keys "
                    + "(username, purpose, wrapped_key) VALUES (?, ?, ?) "
                    + "ON CONFLICT (username, purpose) DO UPDATE SET wrapped_key = excluded.wrapped_key")) {
                insert.setString(1, username);
                insert.setString(2, purpose.code());
                insert.setBytes(3, wrappedKey);
                insert.executeUpdate();
            }
        });
    }

    public Optional<byte[]> wrappedKey(UnitOfWork work, String username, ClinicKeyPurpose purpose) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT wrapped_key FROM wrapped_clinic_keys WHERE username = ? AND purpose = ?")) {
                query.setString(1, username);
                query.setString(2, purpose.code());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** A row of {@code wrapped_clinic_keys} without the key itself: whose copy of which clinic key. */
    public record ClinicKeyCopyRow(String username, String purpose) {
    }

    /** Who holds a copy of which clinic key, in username and purpose order. */
    public List<ClinicKeyCopyRow> clinicKeyCopies(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<ClinicKeyCopyRow> copies = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT username, purpose FROM wrapped_clinic_keys ORDER BY username, purpose");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    copies.add(new ClinicKeyCopyRow(rows.getString(1), rows.getString(2)));
                }
            }
            return copies;
        });
    }

    /** The usernames of every account with the role {@code role} (its stored code), in username order. */
    public List<String> usernamesWithRole(UnitOfWork work, String role) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT username FROM accounts WHERE role = ? ORDER BY username")) {
                query.setString(1, role);
                try (ResultSet rows = query.executeQuery()) {
                    List<String> usernames = new ArrayList<>();
                    while (rows.next()) {
                        usernames.add(rows.getString(1));
                    }
                    return usernames;
                }
            }
        });
    }
}
