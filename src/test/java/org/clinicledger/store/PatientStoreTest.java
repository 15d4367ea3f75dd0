package org.clinicledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore.SealedKeysRow;
import org.clinicledger.store.PatientStore.PatientRow;
import org.clinicledger.store.TestUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code patients} table of {@code V4__patients.sql} and its DAO, on a real SQLite file. */
class PatientStoreTest {

    @TempDir
    Path temp;

    private Database database;
    private final AccountStore accounts = new AccountStore();
    private final PatientStore patients = new PatientStore();

    @BeforeEach
    void open() throws Exception {
        database = Database.open(DataFolder.open(temp.resolve("data"), true));
    }

    private void account(Connection connection, String username) throws SQLException {
        accounts.insertAccount(TestUnits.of(connection), new AccountRow(username, "patient", "patient/" + username, new byte[32],
                new byte[32], new SealedKeysRow(new byte[16], 19 * 1024, 2, 1, new byte[92]), 0, null, 1_000));
    }

    @Test
    void patientsAreStoredOncePerMrnAndReadInMrnOrder() throws Exception {
        try (Connection connection = database.connect()) {
            account(connection, "223456784");
            account(connection, "123456782");
            assertThat(patients.insert(TestUnits.of(connection), new PatientRow("223456784", new byte[40]))).isTrue();
            byte[] smallest = new byte[29];
            smallest[0] = 1;
            smallest[1] = 2;
            smallest[2] = 3;
            assertThat(patients.insert(TestUnits.of(connection), new PatientRow("123456782", smallest))).isTrue();
            assertThat(patients.insert(TestUnits.of(connection), new PatientRow("123456782", new byte[40])))
                    .as("a taken MRN changes nothing").isFalse();
            List<PatientRow> all = patients.all(TestUnits.of(connection));
            assertThat(all).extracting(PatientRow::mrn).containsExactly("123456782", "223456784");
            assertThat(all.get(0).sealedDemographics()).hasSize(29).startsWith(1, 2, 3);
            assertThat(patients.find(TestUnits.of(connection), "223456784")).isPresent();
            assertThat(patients.find(TestUnits.of(connection), "999999999")).isEmpty();
        }
    }

    @Test
    void theSchemaRefusesAPatientWithoutAnAccountOrWithAnotherKindOfId() throws Exception {
        try (Connection connection = database.connect()) {
            assertThatThrownBy(() -> patients.insert(TestUnits.of(connection), new PatientRow("123456782", new byte[40])))
                    .as("no account").isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
            account(connection, "dr.lee");
            assertThatThrownBy(() -> patients.insert(TestUnits.of(connection), new PatientRow("dr.lee", new byte[40])))
                    .as("not nine digits").isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
            account(connection, "123456782");
            assertThatThrownBy(() -> patients.insert(TestUnits.of(connection), new PatientRow("123456782", new byte[28])))
                    .as("shorter than any seal").isInstanceOf(SqlFailure.class).hasCauseInstanceOf(SQLException.class);
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO patients VALUES ('123456782', 'text')"))
                        .as("a strict table takes bytes only").isInstanceOf(SQLException.class);
            }
            assertThat(patients.all(TestUnits.of(connection))).isEmpty();
        }
    }
}
