package org.clinicledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore.LoginCount;
import org.clinicledger.store.AccountStore.ClinicKeyPurpose;
import org.clinicledger.store.AccountStore.ClinicSettingsRow;
import org.clinicledger.store.AccountStore.SealedKeysRow;
import org.clinicledger.store.TestUnits;
import org.clinicledger.domain.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account tables of {@code V3__accounts.sql} and their DAO, on a real SQLite file. */
class AccountStoreTest {

    @TempDir
    Path temp;

    private Database database;
    private final AccountStore store = new AccountStore();

    @BeforeEach
    void open() throws Exception {
        database = Database.open(DataFolder.open(temp.resolve("data"), true));
    }

    private static AccountRow row(String username) {
        return new AccountRow(username, "doctor", "doctor/" + username, new byte[32], new byte[32],
                new SealedKeysRow(new byte[16], 19 * 1024, 2, 1, new byte[92]), 0, null, 1_000);
    }

    @Test
    void aDatabaseOfTheLedgerVersionMigratesToAccountsAndKeepsItsRows() throws Exception {
        Path file = temp.resolve("old.db");
        Migrations current = Migrations.fromClasspath();
        Migrations ledgerOnly = new Migrations(List.of(
                new Migrations.Migration(1, "V1__clinic.sql", Database.readResource("db/V1__clinic.sql")),
                new Migrations.Migration(2, "V2__ledger.sql", Database.readResource("db/V2__ledger.sql"))));
        Database old = Database.open(file, ledgerOnly);
        assertThat(old.schemaVersion()).isEqualTo(2);
        try (Connection connection = old.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO clinic (id, name, created_at) VALUES (1, 'Old Clinic', '2026-01-01T00:00:00Z')");
        }
        Database migrated = Database.open(file, current);
        assertThat(migrated.schemaVersion()).isEqualTo(current.latestVersion()).isGreaterThanOrEqualTo(3);
        try (Connection connection = migrated.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM clinic")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("Old Clinic");
            assertThat(store.settings(TestUnits.of(connection))).isEmpty();
            assertThat(store.account(TestUnits.of(connection), "anyone")).isEmpty();
        }
    }

    @Test
    void accountsAreUniqueByUsernameAndChain() throws Exception {
        try (Connection connection = database.connect()) {
            assertThat(store.insertAccount(TestUnits.of(connection), row("dr.lee"))).isTrue();
            assertThat(store.insertAccount(TestUnits.of(connection), row("dr.lee"))).as("a taken username changes nothing").isFalse();
            AccountRow sameChain = new AccountRow("dr.kim", "doctor", "doctor/dr.lee", new byte[32], new byte[32],
                    row("dr.kim").sealedKeys(), 0, null, 1_000);
            assertThatThrownBy(() -> store.insertAccount(TestUnits.of(connection), sameChain)).isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
            AccountRow read = store.account(TestUnits.of(connection), "dr.lee").orElseThrow();
            assertThat(read.chain()).isEqualTo("doctor/dr.lee");
            assertThat(read.lockedUntilMillis()).isNull();
            assertThat(read.sealedKeys().memoryKiB()).isEqualTo(19 * 1024);
        }
    }

    @Test
    void theSchemaRefusesWhatNoAccountCanHold() throws Exception {
        try (Connection connection = database.connect()) {
            AccountRow weakCost = new AccountRow("dr.lee", "doctor", "doctor/dr.lee", new byte[32], new byte[32],
                    new SealedKeysRow(new byte[16], 1024, 1, 1, new byte[92]), 0, null, 1_000);
            assertThatThrownBy(() -> store.insertAccount(TestUnits.of(connection), weakCost)).isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
            AccountRow nurse = new AccountRow("nurse", "nurse", "staff/nurse", new byte[32], new byte[32],
                    row("nurse").sealedKeys(), 0, null, 1_000);
            assertThatThrownBy(() -> store.insertAccount(TestUnits.of(connection), nurse)).isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
            store.insertAccount(TestUnits.of(connection), row("dr.lee"));
            assertThatThrownBy(() -> store.insertWrappedKey(TestUnits.of(connection), "dr.lee", ClinicKeyPurpose.DIRECTORY, new byte[10]))
                    .isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
            assertThatThrownBy(() -> store.insertWrappedKey(TestUnits.of(connection), "nobody", ClinicKeyPurpose.DIRECTORY, new byte[92]))
                    .as("foreign keys are on").isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
            assertThatThrownBy(() -> store.insertSettings(TestUnits.of(connection),
                    new ClinicSettingsRow(new byte[32], 1024, 2, 1))).isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
        }
    }

    @Test
    void theThrottlesCountsAreStoredAndCleared() throws Exception {
        try (Connection connection = database.connect()) {
            UnitOfWork work = TestUnits.of(connection);
            store.insertAccount(work, row("dr.lee"));
            assertThat(store.loginCount(work, "dr.lee")).contains(new LoginCount(0, null));
            assertThat(store.loginCount(work, "nobody")).isEmpty();
            assertThat(store.clearFailedLogins(work, "dr.lee")).as("nothing to clear").isFalse();
            store.putLoginCount(work, "dr.lee", new LoginCount(4, 5_000L));
            assertThat(store.account(work, "dr.lee").orElseThrow().lockedUntilMillis()).isEqualTo(5_000);
            assertThat(store.loginCount(work, "dr.lee")).contains(new LoginCount(4, 5_000L));
            assertThat(store.clearFailedLogins(work, "dr.lee")).isTrue();
            AccountRow cleared = store.account(work, "dr.lee").orElseThrow();
            assertThat(cleared.failedLogins()).isZero();
            assertThat(cleared.lockedUntilMillis()).isNull();

            String hash = "ab".repeat(32);
            String old = "cd".repeat(32);
            store.putUnknownLoginCount(work, old, new LoginCount(1, 1_000L), 1_000, 0);
            store.putUnknownLoginCount(work, hash, new LoginCount(1, 2_000L), 2_000, 0);
            store.putUnknownLoginCount(work, hash, new LoginCount(3, 9_000L), 8_000, 0);
            assertThat(store.unknownLoginCount(work, hash)).contains(new LoginCount(3, 9_000L));
            assertThat(store.unknownLoginCount(work, old)).contains(new LoginCount(1, 1_000L));
            // A name whose last wrong login is before the cut and whose delay has ended is forgotten.
            store.putUnknownLoginCount(work, hash, new LoginCount(4, 20_000L), 10_000, 5_000);
            assertThat(store.unknownLoginCount(work, old)).isEmpty();
            assertThat(store.unknownLoginCount(work, hash)).contains(new LoginCount(4, 20_000L));
        }
    }

    @Test
    void sealedKeysAreReplacedOnlyWhenStillTheOnesExpected() throws Exception {
        try (Connection connection = database.connect()) {
            store.insertAccount(TestUnits.of(connection), row("dr.lee"));
            byte[] stale = new byte[92];
            stale[0] = 1;
            SealedKeysRow next = new SealedKeysRow(new byte[16], 24 * 1024, 3, 1, new byte[] {9, 9, 9});
            assertThat(store.replaceSealedKeys(TestUnits.of(connection), "dr.lee", stale, next)).isFalse();
            assertThat(store.replaceSealedKeys(TestUnits.of(connection), "dr.lee", new byte[92], next)).isTrue();
            SealedKeysRow stored = store.account(TestUnits.of(connection), "dr.lee").orElseThrow().sealedKeys();
            assertThat(stored.sealed()).containsExactly(9, 9, 9);
            assertThat(stored.iterations()).isEqualTo(3);
        }
    }

    @Test
    void clinicSettingsAreOneRowWhoseCostCanBeRaised() throws Exception {
        try (Connection connection = database.connect()) {
            assertThat(store.insertSettings(TestUnits.of(connection), new ClinicSettingsRow(new byte[32], 19 * 1024, 2, 1))).isTrue();
            assertThat(store.insertSettings(TestUnits.of(connection), new ClinicSettingsRow(new byte[32], 64 * 1024, 2, 1))).isFalse();
            store.updatePasswordCost(TestUnits.of(connection), 32 * 1024, 3, 1);
            ClinicSettingsRow settings = store.settings(TestUnits.of(connection)).orElseThrow();
            assertThat(settings.passwordMemoryKiB()).isEqualTo(32 * 1024);
            assertThat(settings.passwordIterations()).isEqualTo(3);
        }
    }
}
