package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.Folders;
import org.clinicledger.testing.RawTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables kept beside the chains (the clinic's escrow key, accounts, directory entries,
 * demographics, record versions and attachments, deletions, sealed reasons) are checked against the chains: every change made to
 * them behind the services' back, on a copy of a demo clinic that has every kind of event, is
 * reported by {@code verify}, and the untouched copy is intact.
 */
class TableVerificationTest {

    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    private static Path template;

    @BeforeAll
    static void makeADemoClinic() {
        template = shared.resolve("template");
        try (Workspace workspace = Workspace.open(template, true, Clock.systemUTC(), DemoClinic.passwordCost())) {
            DemoClinic.fill(workspace, new DemoClinic.Plan(6, 3, 2, 11), Clock.systemUTC(), Progress.NONE);
        }
    }

    private Path copy() {
        return Folders.copy(template, temp.resolve("copy"));
    }

    private static List<VerificationProblem> verify(Path folder) {
        try (Workspace workspace = Workspace.open(folder, false)) {
            VerificationReport report = workspace.verify(Progress.NONE);
            return report.problems();
        }
    }

    @Test
    void theUntouchedDemoClinicIsIntact() throws IOException {
        assertThat(verify(copy())).isEmpty();
    }

    static Stream<Arguments> changes() {
        String doctor = "(SELECT username FROM accounts WHERE role = 'doctor' ORDER BY username LIMIT 1)";
        String otherDoctor = "(SELECT username FROM accounts WHERE role = 'doctor' ORDER BY username LIMIT 1 OFFSET 1)";
        String patient = "(SELECT mrn FROM patients ORDER BY mrn LIMIT 1)";
        String otherPatient = "(SELECT mrn FROM patients ORDER BY mrn LIMIT 1 OFFSET 1)";
        String version = "(SELECT record_id FROM record_versions WHERE deleted = 0 ORDER BY record_id LIMIT 1)";
        String amended = "(SELECT record_id FROM record_versions WHERE version = 2 ORDER BY record_id LIMIT 1)";
        String withAttachment = "(SELECT record_id FROM record_attachments ORDER BY record_id LIMIT 1)";
        return Stream.of(
                Arguments.of("the clinic's escrow key", "UPDATE clinic_settings SET escrow_public_key = randomblob(32)",
                        "escrow key in its settings is not the one its founding block commits to"),
                Arguments.of("the clinic's escrow key set to a doctor's", "UPDATE clinic_settings SET escrow_public_key = "
                        + "(SELECT agreement_public_key FROM accounts WHERE username = " + doctor + ")",
                        "escrow key in its settings is not the one its founding block commits to"),
                Arguments.of("a doctor's role", "UPDATE accounts SET role = 'administrator' WHERE username = " + doctor,
                        "role"),
                Arguments.of("a doctor's encryption key", "UPDATE accounts SET agreement_public_key = "
                        + "(SELECT agreement_public_key FROM accounts WHERE username = " + otherDoctor + ") WHERE username = "
                        + doctor, "encryption key"),
                Arguments.of("a doctor's signing key", "UPDATE accounts SET signing_public_key = randomblob(32) "
                        + "WHERE username = " + doctor, "signing key"),
                Arguments.of("a directory entry", "UPDATE account_details SET sealed_details = randomblob(length(sealed_details)) "
                        + "WHERE username = " + doctor, "directory entry was changed"),
                Arguments.of("a directory entry swapped", "UPDATE account_details SET sealed_details = (SELECT "
                        + "sealed_details FROM account_details WHERE username = " + otherDoctor + ") WHERE username = "
                        + doctor, "directory entry was changed"),
                Arguments.of("a directory entry removed", "DELETE FROM account_details WHERE username = " + doctor,
                        "directory entry is missing"),
                Arguments.of("a directory entry added", "INSERT INTO account_details (username, sealed_details) "
                        + "VALUES ('admin', randomblob(60))", "not one its chain commits to"),
                Arguments.of("a patient's demographics swapped", "UPDATE patients SET sealed_demographics = (SELECT "
                        + "sealed_demographics FROM patients WHERE mrn = " + otherPatient + ") WHERE mrn = " + patient,
                        "demographics was changed"),
                Arguments.of("a patient's demographics removed", "DELETE FROM patients WHERE mrn = " + patient,
                        "demographics is missing"),
                Arguments.of("an account removed", "DELETE FROM accounts WHERE username = " + otherDoctor,
                        "account that is missing"),
                Arguments.of("a record hash", "UPDATE record_versions SET record_hash = (SELECT record_hash FROM "
                        + "record_versions WHERE record_id <> " + version + " LIMIT 1) WHERE record_id = " + version,
                        "record hash"),
                Arguments.of("a record's document", "UPDATE record_versions SET document_address = (SELECT "
                        + "document_address FROM record_versions WHERE record_id <> " + version + " LIMIT 1) "
                        + "WHERE record_id = " + version, "encrypted document"),
                Arguments.of("a record's author", "UPDATE record_versions SET author = 'reception' WHERE record_id = "
                        + version, "author"),
                Arguments.of("a record's patient", "UPDATE record_versions SET patient = (SELECT mrn FROM patients "
                        + "WHERE mrn <> record_versions.patient LIMIT 1) WHERE record_id = " + version, "patient"),
                Arguments.of("what an amendment supersedes", "UPDATE record_versions SET supersedes = 0 WHERE "
                        + "version = 2 AND record_id = " + amended, "supersedes"),
                Arguments.of("a record marked deleted", "UPDATE record_versions SET deleted = 1 WHERE record_id = "
                        + version, "marked deleted without a tombstone"),
                Arguments.of("a deleted record unmarked", "UPDATE record_versions SET deleted = 0 WHERE deleted = 1",
                        "has a tombstone but is not marked deleted"),
                Arguments.of("an attachment removed", "DELETE FROM record_attachments WHERE record_id = "
                        + withAttachment, "attachments"),
                Arguments.of("an attachment replaced", "UPDATE record_attachments SET address = (SELECT "
                        + "document_address FROM record_versions LIMIT 1) WHERE record_id = " + withAttachment,
                        "attachments"),
                Arguments.of("a record version removed", "DELETE FROM record_versions WHERE record_id = " + version,
                        "missing from the records"),
                Arguments.of("a record version invented", "INSERT INTO record_versions SELECT 'invented', version, "
                        + "patient, author, supersedes, document_address, record_hash, created_at, deleted FROM "
                        + "record_versions WHERE record_id = " + version + " AND version = 1", "is on no chain"),
                Arguments.of("a deletion's reason", "UPDATE record_deletions SET sealed_reason = randomblob(length(sealed_reason))",
                        "reason for deleting record"),
                Arguments.of("a deletion's reason removed", "DELETE FROM record_deletions",
                        "reason for deleting record"),
                Arguments.of("a deletion invented", "INSERT INTO record_deletions VALUES (" + version + ", " + doctor
                        + ", randomblob(60), 0)", "without a tombstone"),
                Arguments.of("a referral's reason", "UPDATE access_reasons SET sealed_reason = randomblob(length(sealed_reason)) "
                        + "WHERE kind = 'referral'", "was changed"),
                Arguments.of("an emergency's reason removed", "DELETE FROM access_reasons WHERE kind = 'emergency'",
                        "is missing"),
                Arguments.of("a reason's kind", "UPDATE access_reasons SET kind = 'emergency' WHERE kind = 'referral'",
                        "another patient or kind"),
                Arguments.of("a reason's patient", "UPDATE access_reasons SET patient = (SELECT mrn FROM patients "
                        + "WHERE mrn <> access_reasons.patient LIMIT 1) WHERE kind = 'referral'", "another patient"),
                Arguments.of("a referral's doctor", "UPDATE access_reasons SET actor = (SELECT username FROM accounts "
                        + "WHERE role = 'doctor' AND username <> access_reasons.actor LIMIT 1) WHERE kind = 'referral'",
                        "another actor"),
                Arguments.of("an emergency's administrator", "UPDATE access_reasons SET actor = 'reception' "
                        + "WHERE kind = 'emergency'", "another actor"),
                Arguments.of("a deletion's doctor", "UPDATE record_deletions SET deleted_by = (SELECT username FROM "
                        + "accounts WHERE role = 'doctor' AND username <> record_deletions.deleted_by LIMIT 1)",
                        "another doctor than its tombstone"),
                Arguments.of("an attachment's index", "UPDATE record_attachments SET idx = idx + 3 WHERE record_id = "
                        + withAttachment, "attachments"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void everyChangeToATableIsReported(String change, String sql, String expected) throws Exception {
        Path folder = copy();
        try (Connection connection = new RawTables(folder).connect(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            assertThat(statement.executeUpdate(sql)).as("rows changed by " + sql).isPositive();
        }
        List<VerificationProblem> problems = verify(folder);
        assertThat(problems).as(change).isNotEmpty();
        assertThat(problems).as(change).anySatisfy(problem -> assertThat(problem.reason()).contains(expected));
    }
}
