package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffAccount;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deactivating and reactivating accounts against a real clinic (real SQLite files and cryptography
 * at the minimum Argon2id cost): the signed blocks, who may do it, what a deactivated doctor keeps
 * (nothing: no sign-in, no session that still acts, no grant or referral, no standing access),
 * and an account-status block edited in the folder is caught by verify and not believed at sign-in.
 */
class StaffStatusTest {

    private static final String REASON = "Left the clinic in November";

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Workspace workspace;
    private AccountService accounts;
    private RawTables raw;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        workspace = clinic.workspace;
        accounts = workspace.accounts();
        raw = new RawTables(workspace.root());
    }

    @Test
    void aDeactivatedDoctorCannotSignInUntilReactivatedAndTheChainsSayBoth() throws Exception {
        assertThat(accounts.isActive("dr.lee")).isTrue();
        try (Session admin = admin()) {
            accounts.deactivate(admin, "dr.lee", REASON);
        }
        assertThat(accounts.isActive("dr.lee")).isFalse();
        assertThatThrownBy(clinic::lee).isInstanceOf(LoginFailedException.class)
                .hasMessage("The account dr.lee has been deactivated by an administrator, so it cannot sign in. "
                        + "Ask an administrator to reactivate it.");
        // A wrong password says nothing of the status.
        assertThatThrownBy(() -> clinic.login("dr.lee", "not lee's password"))
                .hasMessage(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        ChainId lee = new ChainId(PartyKind.DOCTOR, "dr.lee");
        assertThat(raw.blockCount(lee, BlockKind.ACCOUNT_STATUS)).isEqualTo(1);
        assertThat(raw.blockCount(new ChainId(PartyKind.STAFF, "admin"), BlockKind.ACCOUNT_STATUS)).isEqualTo(1);
        assertThat(raw.latestPayload(lee, BlockKind.ACCOUNT_STATUS).path("active").asBoolean(true)).isFalse();
        assertThat(raw.latestPayload(lee, BlockKind.ACCOUNT_STATUS).toString()).doesNotContain("November");

        try (Session admin = admin()) {
            accounts.reactivate(admin, "dr.lee");
        }
        try (Session session = clinic.lee()) {
            assertThat(session.username()).isEqualTo("dr.lee");
        }
        assertThat(accounts.isActive("dr.lee")).isTrue();
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aDeactivatedDoctorKeepsNoAccessAndIsNeitherGrantedNorReferredTo() {
        RecordId record;
        try (Session lee = clinic.lee()) {
            record = workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma", null, "", List.of()))
                    .recordId();
        }
        try (Session lee = clinic.lee()) {
            try (Session admin = admin()) {
                accounts.deactivate(admin, "dr.lee", REASON);
                accounts.deactivate(admin, "dr.kim", REASON);
            }
            // A session begun before the deactivation acts no more: the standing grant is not used.
            assertThatThrownBy(() -> workspace.records().showRecord(lee, record))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("deactivated");
            assertThatThrownBy(() -> workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Eczema", null, "", List.of()))).hasMessageContaining("deactivated");
            assertThatThrownBy(() -> workspace.access().refer(lee, clinic.mrn, "dr.kim", "Second opinion"))
                    .hasMessageContaining("deactivated");
        }
        try (Session patient = clinic.patient()) {
            assertThat(accounts.doctors(patient)).as("not offered to choose from")
                    .extracting(org.clinicledger.domain.StaffMember::username).doesNotContain("dr.kim", "dr.lee");
            assertThatThrownBy(() -> workspace.access().grant(patient, "dr.kim", null))
                    .isInstanceOf(RefusedException.class)
                    .hasMessage("dr.kim's account is deactivated, so they cannot be given access to a patient's records.");
        }
        try (Session admin = admin()) {
            accounts.reactivate(admin, "dr.lee");
            assertThat(accounts.doctors(admin)).extracting(org.clinicledger.domain.StaffMember::username)
                    .contains("dr.lee").doesNotContain("dr.kim");
        }
        try (Session lee = clinic.lee()) {
            assertThat(workspace.records().showRecord(lee, record)).isNotNull();
            assertThatThrownBy(() -> workspace.access().refer(lee, clinic.mrn, "dr.kim", "Second opinion"))
                    .hasMessage("dr.kim's account is deactivated, so they cannot be given access to a patient's records.");
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aDeactivatedDoctorIsNoFirstDoctorAtRegistrationAndADeactivatedDeskRegistersNobody() {
        try (Session admin = admin()) {
            accounts.deactivate(admin, "dr.kim", REASON);
        }
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            assertThatThrownBy(() -> workspace.registrations().registerPatient(desk, new org.clinicledger.domain
                    .PatientDetails("Grace Hopper", java.time.LocalDate.of(1906, 12, 9), null, null),
                    "patient passphrase 2".toCharArray(), "dr.kim")).isInstanceOf(RefusedException.class)
                    .hasMessage("dr.kim's account is deactivated, so the patient cannot consent to them: choose "
                            + "another doctor, or none.");
            try (Session admin = admin()) {
                accounts.deactivate(admin, "desk", REASON);
            }
            assertThatThrownBy(() -> workspace.registrations().registerPatient(desk, new org.clinicledger.domain
                    .PatientDetails("Grace Hopper", java.time.LocalDate.of(1906, 12, 9), null, null),
                    "patient passphrase 2".toCharArray(), null)).hasMessageContaining("deactivated");
            assertThatThrownBy(() -> accounts.addAccount(desk, Role.DOCTOR, "dr.new", "doctor password 9".toCharArray(),
                    AccountDetails.NONE)).hasMessageContaining("deactivated");
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void onlyAnAdministratorDeactivatesNeverTheirOwnAccountNorTheLastActiveAdministrator() {
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            assertThatThrownBy(() -> accounts.deactivate(desk, "dr.lee", REASON))
                    .isInstanceOf(RefusedException.class).hasMessage("Only an administrator can deactivate an account.");
        }
        try (Session admin = admin()) {
            assertThatThrownBy(() -> accounts.deactivate(admin, "admin", REASON))
                    .hasMessage("Nobody can deactivate their own account: ask another administrator.");
            assertThatThrownBy(() -> accounts.deactivate(admin, "dr.lee", " no "))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> accounts.deactivate(admin, clinic.mrn.toString(), REASON))
                    .hasMessageStartingWith("A patient's account is not deactivated");
            assertThatThrownBy(() -> accounts.deactivate(admin, "nobody", REASON))
                    .hasMessage("There is no account nobody to deactivate.");
            assertThatThrownBy(() -> accounts.reactivate(admin, "dr.lee"))
                    .hasMessage("The account dr.lee is active already.");
            accounts.addAccount(admin, Role.ADMINISTRATOR, "boss", "boss password 1".toCharArray(),
                    AccountDetails.NONE, clinic.sheet());
            accounts.deactivate(admin, "boss", REASON);
            assertThatThrownBy(() -> accounts.deactivate(admin, "boss", REASON))
                    .hasMessage("The account boss is deactivated already.");
        }
        assertThatThrownBy(() -> clinic.login("boss", "boss password 1")).isInstanceOf(LoginFailedException.class);
        // Nothing refused wrote a block.
        assertThat(workspace.verify(Progress.NONE).blocks()).isPositive();
    }

    @Test
    void anAdministratorDeactivatedMeanwhileActsNoMore() {
        try (Session admin = admin()) {
            accounts.addAccount(admin, Role.ADMINISTRATOR, "boss", "boss password 1".toCharArray(),
                    AccountDetails.NONE, clinic.sheet());
        }
        try (Session boss = clinic.login("boss", "boss password 1"); Session admin = admin()) {
            accounts.deactivate(boss, "admin", REASON);
            assertThatThrownBy(() -> accounts.deactivate(admin, "boss", REASON))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("deactivated");
            assertThatThrownBy(() -> accounts.deactivate(boss, "boss", REASON))
                    .hasMessage("Nobody can deactivate their own account: ask another administrator.");
            // Nor does the signed-out-too-late administrator clear delays, retune costs or recover keys.
            assertThatThrownBy(() -> accounts.clearSignInDelay(admin, "dr.lee"))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("deactivated");
            assertThatThrownBy(() -> accounts.retunePasswordCost(admin))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("deactivated");
            assertThatThrownBy(() -> workspace.keyRecovery().recover(admin, "dr.lee", "a new password 1".toCharArray(),
                    REASON, clinic.sheet())).isInstanceOf(RefusedException.class).hasMessageContaining("deactivated");
            try (Session lee = clinic.lee()) {
                assertThat(lee.username()).as("dr.lee's keys are as they were").isEqualTo("dr.lee");
            }
        }
    }

    @Test
    void theStaffListNamesEveryAccountWithItsRoleAndStatus() {
        try (Session admin = admin()) {
            accounts.addAccount(admin, Role.DOCTOR, "dr.berg", "doctor password 3".toCharArray(),
                    new AccountDetails("Anna Berg", "Cardiology", null));
            accounts.deactivate(admin, "dr.kim", REASON);
            List<StaffAccount> list = accounts.staffAccounts(admin);
            assertThat(list).extracting(account -> account.member().username())
                    .containsExactly("admin", "dr.berg", "desk", "dr.kim", "dr.lee");
            assertThat(list).filteredOn(account -> !account.active()).extracting(account -> account.member().username())
                    .containsExactly("dr.kim");
            assertThat(list.get(1).member().displayName()).isEqualTo("Anna Berg");
            assertThat(list.get(3).statusSince()).isNotNull();
            assertThat(list.get(0).statusSince()).isNull();
        }
        try (Session patient = clinic.patient()) {
            assertThatThrownBy(() -> accounts.staffAccounts(patient)).isInstanceOf(RefusedException.class);
        }
    }

    @Test
    void aStatusFlippedInTheFolderIsCaughtByVerifyAndNotBelievedAtSignIn() throws Exception {
        try (Session admin = admin()) {
            accounts.deactivate(admin, "dr.lee", REASON);
        }
        ChainId lee = new ChainId(PartyKind.DOCTOR, "dr.lee");
        String flipped = raw.latestPayload(lee, BlockKind.ACCOUNT_STATUS).toString()
                .replace("\"active\":false", "\"active\":true").replaceAll(",\"reason\":\"[0-9a-f]+\"", "");
        try (Connection connection = raw.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DROP TRIGGER blocks_are_never_updated");
        }
        raw.update("UPDATE blocks SET payload = ? WHERE chain_id = ? AND kind = ?",
                flipped.getBytes(java.nio.charset.StandardCharsets.UTF_8), lee.value(), BlockKind.ACCOUNT_STATUS.code());

        VerificationReport report = workspace.verify(Progress.NONE);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).filteredOn(problem -> problem.chain().equals(lee.value()))
                .extracting(VerificationProblem::code).contains(ProblemCode.BLOCK_HASH);
        assertThat(accounts.isActive("dr.lee")).isFalse();
        assertThatThrownBy(clinic::lee).isInstanceOf(RefusedException.class)
                .hasMessageContaining("does not match its chain in the ledger");
    }

    private Session admin() {
        return clinic.login("admin", TestClinic.ADMIN_PASSWORD);
    }
}
