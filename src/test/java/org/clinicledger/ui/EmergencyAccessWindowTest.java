package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Sex;
import org.clinicledger.testing.DataFolderScan;
import org.clinicledger.ui.record.RecordRow;
import org.clinicledger.ui.reception.SecondHolderViewModel.Holder;
import org.junit.jupiter.api.Test;

/**
 * Break-glass through the real window: an administrator opens a patient's records in an emergency
 * with a second administrator's or the recovery sheet's confirmation (each wrong case said at its
 * field), opens a record, and the patient sees who did it, when and who confirmed; and adding an
 * administrator in the staff form needs the same second holder.
 */
class EmergencyAccessWindowTest extends WindowFixture {

    private static final String BOSS_PASSWORD = "second admin password";
    private static final String DESK_PASSWORD = "desk password 1";
    private static final String LEE_PASSWORD = "doctor password 1";
    private static final String PASSPHRASE = "patient passphrase 1";
    private static final String REASON = "Unconscious in the waiting room, allergies needed";

    private String sheet;
    private MedicalRecordNumber ada;

    /** Riverside with admin and boss (administrators), desk, dr.lee, and Ada, who has one record by dr.lee. */
    private Path clinic(boolean secondAdministrator) {
        Path data = temp.resolve("clinic");
        sheet = setUpClinicKeepingTheSheet(data, "Riverside Family Practice");
        Workspace workspace = services(data);
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            if (secondAdministrator) {
                workspace.accounts().addAccount(admin, Role.ADMINISTRATOR, "boss", BOSS_PASSWORD.toCharArray(),
                        AccountDetails.NONE, new EscrowConfirmation.RecoverySheetWords(sheet));
            }
            workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", DESK_PASSWORD.toCharArray(),
                    AccountDetails.NONE);
            workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.lee", LEE_PASSWORD.toCharArray(),
                    new AccountDetails("Dr Ana Lee", "General practice", null));
            ada = workspace.registrations().registerPatient(admin, new PatientDetails("Ada Byron",
                    LocalDate.of(1985, 12, 10), Sex.FEMALE, null), PASSPHRASE.toCharArray(), "dr.lee").mrn();
        }
        try (Session lee = login(workspace, "dr.lee", LEE_PASSWORD)) {
            workspace.records().addRecord(lee, ada, new RecordInput("Penicillin allergy", Icd10Code.parse("Z88.0"),
                    "Anaphylaxis in 2019", List.of()));
        }
        return data;
    }

    private void findAda() throws Exception {
        fill("#patientSearchField", "byron");
        click("#patientSearchButton");
        waitUntil(() -> "1 patient matches.".equals(text("#patientSearchSummary")));
        @SuppressWarnings("unchecked")
        TableView<PatientSummary> results = lookup("#patientSearchResults").queryAs(TableView.class);
        interact(() -> results.getSelectionModel().select(0));
    }

    private void openForm() throws Exception {
        click("#emergencyAccessButton");
        waitUntil(() -> lookup("#emergencyAccessForm").tryQuery().isPresent());
    }

    private void confirmBy(Holder holder) {
        interact(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<Holder> choice = lookup("#emergencySecondHolderChoice").queryAs(ChoiceBox.class);
            choice.setValue(holder);
        });
    }

    /** Submits the form and waits for the problem at {@code field}; the form's buttons stay in reach. */
    private String refusedAt(String field) throws Exception {
        clickOn("#confirmEmergencyButton");
        waitUntil(() -> showing(field));
        Button open = lookup("#confirmEmergencyButton").queryButton();
        javafx.stage.Window dialog = open.getScene().getWindow();
        waitUntil(() -> open.localToScreen(open.getBoundsInLocal()).getMaxY() <= dialog.getY() + dialog.getHeight());
        return text(field);
    }

    private List<ChainEntry> emergenciesOnAdasChain(Path data) {
        Workspace workspace = services(data);
        try (Session patient = login(workspace, ada.digits(), PASSPHRASE)) {
            return workspace.chainBrowser().ownChain(patient).stream()
                    .filter(entry -> entry.kind() == BlockKind.EMERGENCY_ACCESS).toList();
        }
    }

    @Test
    void anAdministratorOpensRecordsConfirmedByASecondAdministratorAndThePatientSeesIt() throws Exception {
        Path data = clinic(true);
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);

        assertThat(lookup("#emergencyAccessButton").queryAs(Button.class).isDisabled()).isTrue();
        findAda();
        assertThat(lookup("#emergencyAccessButton").queryAs(Button.class).isDisabled()).isFalse();
        openForm();
        assertThat(lookup(".dialog-pane .header-panel .label").queryLabeled().getText())
                .contains("Ada Byron", ada.toString());

        // A short reason is said at the reason.
        fill("#emergencyReasonField", "urgent");
        fill("#emergencySecondUsernameField", "boss");
        fill("#emergencySecondPasswordField", BOSS_PASSWORD);
        assertThat(refusedAt("#emergencyReasonProblem")).contains("at least 10 characters");
        assertThat(text("#emergencySecondPasswordField")).isEmpty();
        assertThat(showing("#emergencyConfirmationProblem")).isFalse();

        // The second administrator's wrong password, at the confirmation.
        fill("#emergencyReasonField", REASON);
        fill("#emergencySecondPasswordField", "not the password");
        assertThat(refusedAt("#emergencyConfirmationProblem")).startsWith("Second administrator:");
        assertThat(showing("#emergencyReasonProblem")).isFalse();
        assertThat(text("#emergencySecondPasswordField")).isEmpty();

        // The same administrator twice.
        fill("#emergencySecondUsernameField", "Admin");
        fill("#emergencySecondPasswordField", ADMIN_PASSWORD);
        assertThat(refusedAt("#emergencyConfirmationProblem")).contains("someone other than you");

        // Someone who is no administrator holds no share.
        fill("#emergencySecondUsernameField", "desk");
        fill("#emergencySecondPasswordField", DESK_PASSWORD);
        assertThat(refusedAt("#emergencyConfirmationProblem")).contains("desk is not an administrator");

        // A mistyped recovery sheet.
        confirmBy(Holder.RECOVERY_SHEET);
        assertThat(showing("#emergencySecondPasswordField")).isFalse();
        char wrong = sheet.charAt(7) == 'K' ? 'L' : 'K';
        fill("#emergencySheetWordsField", sheet.substring(0, 7) + wrong + sheet.substring(8));
        assertThat(refusedAt("#emergencyConfirmationProblem")).contains("there is a typo");
        assertThat(emergenciesOnAdasChain(data)).as("nothing was written").isEmpty();

        // boss confirms.
        confirmBy(Holder.ADMINISTRATOR);
        fill("#emergencySecondUsernameField", "boss");
        fill("#emergencySecondPasswordField", BOSS_PASSWORD);
        clickOn("#confirmEmergencyButton");
        waitUntil(() -> lookup("#emergencyAccessForm").tryQuery().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<RecordRow> records = lookup("#emergencyRecordsTable").queryAs(TableView.class);
        waitUntil(() -> records.getItems().size() == 1);
        assertThat(text("#emergencyRecordsHeading")).contains("Ada Byron", "24 hours", "patient's chain");
        interact(() -> records.getSelectionModel().select(0));
        click("#openEmergencyRecordButton");
        waitUntil(() -> lookup("#recordDialog").tryQuery().isPresent());
        assertThat(text("#recordDiagnosisValue")).isEqualTo("Penicillin allergy");
        clickOn(lookup(".dialog-pane .button").match(node -> "Close".equals(((Labeled) node).getText()))
                .queryButton());
        waitUntil(() -> lookup("#recordDialog").tryQuery().isEmpty());

        assertThat(emergenciesOnAdasChain(data)).singleElement().satisfies(entry -> {
            assertThat(entry.counterpart().value()).isEqualTo("staff/admin");
            assertThat(entry.confirmedBy().administrator().value()).isEqualTo("staff/boss");
        });
        assertThat(services(data).verify(Progress.NONE).problems()).isEmpty();
        assertThat(DataFolderScan.forText(data, List.of(REASON, BOSS_PASSWORD, "Penicillin allergy")).findings())
                .isEmpty();

        // Ada sees who, when and who confirmed; and that admin opened her record.
        click("#signOutButton");
        signIn(ada.digits(), PASSPHRASE);
        @SuppressWarnings("unchecked")
        TableView<ChainLine> emergencies = lookup("#emergencyAccessTable").queryAs(TableView.class);
        waitUntil(() -> emergencies.getItems().size() == 1);
        assertThat(cells(emergencies)).startsWith("admin (staff)").contains("boss (staff)");
        @SuppressWarnings("unchecked")
        TableView<ChainLine> reads = lookup("#whoLookedTable").queryAs(TableView.class);
        waitUntil(() -> reads.getItems().stream().anyMatch(line -> "staff/admin".equals(
                line.entry().actor() == null ? null : line.entry().actor().value())));
    }

    @Test
    void withOneAdministratorTheRecoverySheetConfirmsTypedAsPeopleTypeIt() throws Exception {
        Path data = clinic(false);
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);
        findAda();
        openForm();
        fill("#emergencyReasonField", REASON);
        confirmBy(Holder.RECOVERY_SHEET);
        fill("#emergencySheetWordsField", sheet.toLowerCase(Locale.ROOT).replace('-', ' '));
        clickOn("#confirmEmergencyButton");
        waitUntil(() -> lookup("#emergencyAccessForm").tryQuery().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<RecordRow> records = lookup("#emergencyRecordsTable").queryAs(TableView.class);
        waitUntil(() -> records.getItems().size() == 1);
        assertThat(emergenciesOnAdasChain(data)).singleElement()
                .satisfies(entry -> assertThat(entry.confirmedBy().bySheet()).isTrue());

        click("#signOutButton");
        signIn(ada.digits(), PASSPHRASE);
        @SuppressWarnings("unchecked")
        TableView<ChainLine> emergencies = lookup("#emergencyAccessTable").queryAs(TableView.class);
        waitUntil(() -> emergencies.getItems().size() == 1);
        assertThat(cells(emergencies)).contains("the clinic's recovery sheet");
    }

    @Test
    void aReceptionistHasNoEmergencyAccess() throws Exception {
        Path data = clinic(false);
        launch(data);
        signIn("desk", DESK_PASSWORD);
        assertThat(lookup("#emergencyAccessButton").tryQuery()).isEmpty();
    }

    @Test
    void addingAnAdministratorAsksForTheSecondHolderAndSaysWhy() throws Exception {
        Path data = clinic(true);
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);

        assertThat(showing("#staffSecondHolderChoice")).isFalse();
        interact(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<Role> roles = lookup("#staffRoleChoice").queryAs(ChoiceBox.class);
            roles.setValue(Role.ADMINISTRATOR);
        });
        interact(() -> org.clinicledger.ui.common.ViewTestSupport.scrollIntoView(lookup("#staffSecondHolderChoice").query()));
        assertThat(showing("#staffSecondHolderChoice")).isTrue();
        assertThat(lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .filter(label -> label.isVisible() && label.getText() != null)
                .anyMatch(label -> label.getText().contains("No one person can make a share"))).isTrue();

        fill("#staffUsernameField", "third");
        fill("#staffPasswordField", "third admin password");
        fill("#staffConfirmPasswordField", "third admin password");
        click("#addStaffButton");
        waitUntil(() -> showing("#staffProblem"));
        assertThat(text("#staffProblem")).isEqualTo("Enter the second administrator's username.");

        fill("#staffPasswordField", "third admin password");
        fill("#staffConfirmPasswordField", "third admin password");
        fill("#staffSecondUsernameField", "boss");
        fill("#staffSecondPasswordField", "not boss's password");
        click("#addStaffButton");
        waitUntil(() -> text("#staffProblem").startsWith("Second administrator:"));
        assertThat(text("#staffSecondPasswordField")).isEmpty();
        assertThat(services(data).accounts().account("third")).isEmpty();

        fill("#staffPasswordField", "third admin password");
        fill("#staffConfirmPasswordField", "third admin password");
        fill("#staffSecondPasswordField", BOSS_PASSWORD);
        click("#addStaffButton");
        waitUntil(() -> showing("#staffResult"));
        assertThat(text("#staffResult")).contains("an administrator third");
        assertThat(text("#staffSecondUsernameField")).isEmpty();

        // The sheet confirms too; a typo is said plainly and adds no one.
        interact(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<Role> roles = lookup("#staffRoleChoice").queryAs(ChoiceBox.class);
            roles.setValue(Role.ADMINISTRATOR);
            @SuppressWarnings("unchecked")
            ChoiceBox<Holder> holder = lookup("#staffSecondHolderChoice").queryAs(ChoiceBox.class);
            holder.setValue(Holder.RECOVERY_SHEET);
        });
        fill("#staffUsernameField", "fourth");
        fill("#staffPasswordField", "fourth admin password");
        fill("#staffConfirmPasswordField", "fourth admin password");
        fill("#staffSheetWordsField", sheet.replace("-", "").substring(1));
        click("#addStaffButton");
        waitUntil(() -> text("#staffProblem").contains("groups of four"));
        fill("#staffPasswordField", "fourth admin password");
        fill("#staffConfirmPasswordField", "fourth admin password");
        fill("#staffSheetWordsField", sheet);
        click("#addStaffButton");
        waitUntil(() -> text("#staffResult").contains("an administrator fourth"));
        assertThat(services(data).verify(Progress.NONE).problems()).isEmpty();

        // The new administrator holds a share: they confirm an emergency with the first.
        Workspace workspace = services(data);
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            assertThat(workspace.access().emergency(admin, ada, REASON, new EscrowConfirmation.SecondAdministrator(
                    "fourth", "fourth admin password".toCharArray())).principal()).isEqualTo("staff/admin");
        }
    }

    /** Every cell of a table's first row, joined: what a person reads across. */
    private static String cells(TableView<ChainLine> table) {
        StringBuilder row = new StringBuilder();
        for (var column : table.getColumns()) {
            Object value = column.getCellData(0);
            row.append(value).append(" | ");
        }
        return row.toString();
    }
}
