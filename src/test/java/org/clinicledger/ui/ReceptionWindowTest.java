package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DateCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Sex;
import org.clinicledger.testing.DataFolderScan;
import org.clinicledger.ui.common.ViewTestSupport;
import org.clinicledger.ui.reception.PatientRegistrationViewModel.DoctorChoice;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The reception desk's stories through the real window: adding staff, registering and finding patients. */
class ReceptionWindowTest extends WindowFixture {

    private static final String DOCTOR_PASSWORD = "doctor password 1";
    private static final String PASSPHRASE = "patient passphrase 1";

    private List<String> tabTitles() {
        return lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream().map(tab -> tab.getText()).toList();
    }

    private void signOut() throws Exception {
        click("#signOutButton");
        waitUntil(() -> showing("#signInView"));
    }

    private void addDoctor(Workspace workspace, String username, String name) {
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            workspace.accounts().addAccount(admin, Role.DOCTOR, username, DOCTOR_PASSWORD.toCharArray(),
                    new AccountDetails(name, "General practice", null));
        }
    }

    private void fillPatient(String name, String born, String passphrase) {
        fill("#patientNameField", name);
        fill("#patientBirthDateField", born);
        fill("#patientPassphraseField", passphrase);
        fill("#patientConfirmPassphraseField", passphrase);
    }

    private long registeredPatients(Path data) {
        return services(data).clinic().accountCounts().patients();
    }

    @Test
    void anAdministratorAddsADoctorWhoThenSignsInToTheDoctorTab() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Riverside Family Practice");
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);

        @SuppressWarnings("unchecked")
        ChoiceBox<Role> roles = lookup("#staffRoleChoice").queryAs(ChoiceBox.class);
        assertThat(roles.getItems()).containsExactly(Role.DOCTOR, Role.RECEPTIONIST, Role.ADMINISTRATOR);
        assertThat(roles.getValue()).isEqualTo(Role.DOCTOR);
        interact(() -> org.clinicledger.ui.common.ViewTestSupport.scrollIntoView(lookup("#staffSpecialtyField").query()));
        assertThat(showing("#staffSpecialtyField")).isTrue();

        fill("#staffUsernameField", "dr.okafor");
        fill("#staffNameField", "Dr Ngozi Okafor");
        fill("#staffSpecialtyField", "General practice");
        fill("#staffLicenceField", "GMC 1234567");
        fill("#staffPasswordField", DOCTOR_PASSWORD);
        fill("#staffConfirmPasswordField", DOCTOR_PASSWORD + "x");
        click("#addStaffButton");
        waitUntil(() -> showing("#staffConfirmPasswordProblem"));
        assertThat(text("#staffConfirmPasswordProblem")).isEqualTo("The two passwords are not the same: type it "
                + "again here.");
        assertThat(errorMarks("#staffConfirmPasswordField")).as("the field carries ControlsFX's error mark").hasSize(1);
        assertThat(errorMarks("#staffPasswordField")).as("a field without a problem carries none").isEmpty();
        assertThat(text("#staffPasswordField")).as("kept: only the second is typed again").isEqualTo(DOCTOR_PASSWORD);
        assertThat(text("#staffConfirmPasswordField")).isEmpty();
        assertThat(services(data).accounts().account("dr.okafor")).isEmpty();

        fill("#staffConfirmPasswordField", DOCTOR_PASSWORD);
        assertThat(showing("#staffConfirmPasswordProblem")).as("typing again clears the problem").isFalse();
        assertThat(errorMarks("#staffConfirmPasswordField")).as("and its mark").isEmpty();
        click("#addStaffButton");
        waitUntil(() -> showing("#staffResult"));
        assertThat(text("#staffResult")).contains("dr.okafor");
        assertThat(showing("#staffProblem")).isFalse();
        assertThat(text("#staffUsernameField")).isEmpty();
        waitUntil(() -> text("#doctorCount").equals("1 doctor is registered in this clinic."));
        // The new doctor is offered as a first doctor at once.
        waitUntil(() -> lookup("#firstDoctorChoice").queryAs(ComboBox.class).getItems().size() == 2);

        signOut();
        signIn("dr.okafor", DOCTOR_PASSWORD);
        assertThat(tabTitles()).containsExactly("Doctor", "Ledger");
        assertThat(showing("#doctorView")).isTrue();
        assertThat(text("#signedInUser")).isEqualTo("Signed in: dr.okafor (doctor)");
        Workspace workspace = services(data);
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            assertThat(workspace.accounts().details(admin, "dr.okafor"))
                    .isEqualTo(new AccountDetails("Dr Ngozi Okafor", "General practice", "GMC 1234567"));
        }
    }

    @Test
    void aReceptionistMayAddDoctorsOnly() throws Exception {
        Path data = temp.resolve("clinic");
        Workspace workspace = setUpClinic(data, "Riverside Family Practice");
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", "desk password 1".toCharArray(),
                    AccountDetails.NONE);
        }
        launch(data);
        signIn("desk", "desk password 1");
        assertThat(tabTitles()).containsExactly("Reception", "Ledger");
        assertThat(lookup("#staffRoleChoice").queryAs(ChoiceBox.class).getItems()).containsExactly(Role.DOCTOR);
    }

    @Test
    void aPatientIsRegisteredSignsInWithTheMrnAndADuplicateIsFlagged() throws Exception {
        Path data = temp.resolve("clinic");
        Workspace workspace = setUpClinic(data, "Riverside Family Practice");
        addDoctor(workspace, "dr.okafor", "Dr Ngozi Okafor");
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);

        @SuppressWarnings("unchecked")
        ComboBox<DoctorChoice> doctors = lookup("#firstDoctorChoice").queryAs(ComboBox.class);
        waitUntil(() -> doctors.getItems().size() == 2);
        assertThat(doctors.getItems().get(1).label()).isEqualTo("Dr Ngozi Okafor (dr.okafor), General practice");
        fillPatient("Ada Byron", "1985-12-10", PASSPHRASE);
        interact(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<Sex> sex = lookup("#patientSexChoice").queryAs(ChoiceBox.class);
            sex.setValue(Sex.FEMALE);
            doctors.setValue(doctors.getItems().get(1));
        });
        click("#registerPatientButton");
        waitUntil(() -> showing("#registeredMrnField"));
        String mrn = text("#registeredMrnField");
        assertThat(MedicalRecordNumber.parse(mrn).formatted()).isEqualTo(mrn);
        assertThat(text("#patientResult")).contains("Ada Byron", "dr.okafor");
        assertThat(showing("#duplicateWarning")).isFalse();
        assertThat(text("#patientNameField")).isEmpty();
        assertThat(text("#patientPassphraseField")).isEmpty();
        waitUntil(() -> text("#patientCount").equals("1 patient is registered in this clinic."));

        // The same name and date of birth again: the desk is asked first; Cancel registers nobody.
        fillPatient("ada  BYRON", "1985-12-10", PASSPHRASE);
        click("#registerPatientButton");
        waitUntil(() -> lookup("#dialogMessage").tryQuery().isPresent());
        assertThat(lookup("#dialogMessage").queryAs(javafx.scene.control.Label.class).getText())
                .contains("A patient with this name and date of birth exists", "Ada Byron", mrn);
        clickOn("Cancel");
        waitUntil(() -> lookup("#dialogMessage").tryQuery().isEmpty());
        assertThat(registeredPatients(data)).isEqualTo(1);
        assertThat(text("#patientNameField")).as("kept").isEqualTo("ada  BYRON");
        // "Register anyway" registers them, flagged.
        click("#registerPatientButton");
        waitUntil(() -> lookup("#dialogMessage").tryQuery().isPresent());
        clickOn("Register anyway");
        waitUntil(() -> showing("#duplicateWarning") && !text("#registeredMrnField").equals(mrn));
        assertThat(text("#duplicateWarning")).contains(mrn);
        assertThat(registeredPatients(data)).isEqualTo(2);

        // The patient signs in with the MRN and the passphrase and sees the Patient tab.
        signOut();
        signIn(mrn, PASSPHRASE);
        assertThat(tabTitles()).containsExactly("Patient", "Ledger");
        assertThat(text("#signedInUser")).isEqualTo("Signed in: " + mrn + " (patient)");

        // Names never reach the disk in plaintext, logs included.
        assertThat(DataFolderScan.forText(data, List.of("Ada Byron", "Dr Ngozi Okafor", PASSPHRASE)).findings())
                .isEmpty();
    }

    @Test
    void aBadDateOfBirthIsSaidAtTheFieldKeepsThePassphrasesAndRegistersNothing() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Riverside Family Practice");
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);

        // Typed as a person would, key by key.
        click("#patientNameField");
        write("Ada Byron");
        click("#patientBirthDateField");
        write("1985-13-40");
        click("#patientPassphraseField");
        write(PASSPHRASE);
        click("#patientConfirmPassphraseField");
        write(PASSPHRASE);
        click("#registerPatientButton");
        waitUntil(() -> showing("#patientBirthDateProblem"));
        assertThat(text("#patientBirthDateProblem"))
                .isEqualTo("'1985-13-40' is not a date that exists: check the month and the day.");
        assertThat(showing("#registeredMrnField")).isFalse();
        assertThat(showing("#patientProblem")).isFalse();
        assertThat(text("#patientNameField")).isEqualTo("Ada Byron");
        assertThat(text("#patientPassphraseField")).as("nothing to type again but the date").isEqualTo(PASSPHRASE);
        assertThat(text("#patientConfirmPassphraseField")).isEqualTo(PASSPHRASE);

        for (String typed : List.of("10/12/1985", "abc", LocalDate.now().plusYears(1).toString())) {
            fill("#patientBirthDateField", typed);
            assertThat(showing("#patientBirthDateProblem")).as("a change clears the problem").isFalse();
            click("#registerPatientButton");
            waitUntil(() -> showing("#patientBirthDateProblem"));
            assertThat(text("#patientBirthDateProblem")).containsAnyOf("YYYY-MM-DD", "is in the future.");
            assertThat(text("#patientPassphraseField")).isEqualTo(PASSPHRASE);
        }

        fill("#patientBirthDateField", "1985-12-10");
        fill("#patientPassphraseField", "too short");
        fill("#patientConfirmPassphraseField", "too short");
        click("#registerPatientButton");
        waitUntil(() -> showing("#patientPassphraseProblem"));
        assertThat(text("#patientPassphraseProblem")).contains("at least 10 characters");
        assertThat(showing("#patientBirthDateProblem")).isFalse();
        assertThat(registeredPatients(data)).isZero();

        // A day picked from the calendar is written as YYYY-MM-DD; then the patient is registered.
        interact(() -> lookup("#patientBirthDateField").queryAs(TextField.class).clear());
        click("#patientBirthDateFieldCalendar");
        LocalDate today = LocalDate.now();
        waitUntil(() -> lookup(".date-cell").match(cell -> today.equals(((DateCell) cell).getItem())
                && cell.isVisible()).tryQuery().isPresent());
        clickOn(lookup(".date-cell").match(cell -> today.equals(((DateCell) cell).getItem()) && cell.isVisible())
                .queryAs(DateCell.class));
        waitUntil(() -> text("#patientBirthDateField").equals(today.toString()));
        fill("#patientPassphraseField", PASSPHRASE);
        fill("#patientConfirmPassphraseField", PASSPHRASE);
        click("#registerPatientButton");
        waitUntil(() -> showing("#registeredMrnField"));
        assertThat(text("#patientPassphraseField")).as("forgotten once registered").isEmpty();
        assertThat(text("#patientConfirmPassphraseField")).isEmpty();
        assertThat(registeredPatients(data)).isEqualTo(1);
    }

    @Test
    void theDeskFindsPatientsByNameMrnAndDateOfBirth() throws Exception {
        Path data = temp.resolve("clinic");
        Workspace workspace = setUpClinic(data, "Riverside Family Practice");
        MedicalRecordNumber ada;
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            ada = workspace.registrations().registerPatient(admin, new PatientDetails("Ada Byron",
                    LocalDate.of(1985, 12, 10), Sex.FEMALE, null), PASSPHRASE.toCharArray(), null).mrn();
            workspace.registrations().registerPatient(admin, new PatientDetails("Grace Hopper",
                    LocalDate.of(1906, 12, 9), null, null), PASSPHRASE.toCharArray(), null);
        }
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);
        @SuppressWarnings("unchecked")
        TableView<PatientSummary> results = lookup("#patientSearchResults").queryAs(TableView.class);

        fill("#patientSearchField", "byron");
        click("#patientSearchButton");
        waitUntil(() -> "1 patient matches.".equals(text("#patientSearchSummary")));
        assertThat(results.getItems()).extracting(PatientSummary::mrn).containsExactly(ada);
        assertThat(results.getItems().get(0).name()).isEqualTo("Ada Byron");

        fill("#patientSearchField", ada.digits());
        click("#patientSearchButton");
        waitUntil(() -> results.getItems().size() == 1 && results.getItems().get(0).mrn().equals(ada));

        fill("#patientSearchField", "1906-12-09");
        click("#patientSearchButton");
        waitUntil(() -> results.getItems().size() == 1 && results.getItems().get(0).name().equals("Grace Hopper"));
        assertThat(results.getColumns()).extracting(column -> column.getText())
                .containsExactly("Name", "MRN", "Date of birth", "Sex");

        fill("#patientSearchField", "nobody here");
        click("#patientSearchButton");
        waitUntil(() -> "No patient matches.".equals(text("#patientSearchSummary")));
        assertThat(results.getItems()).isEmpty();

        fill("#patientSearchField", "1234-5678-0");
        click("#patientSearchButton");
        waitUntil(() -> showing("#patientSearchProblem"));
        assertThat(text("#patientSearchProblem")).contains("check digit");

        // Signing out forgets what was found.
        click("#signOutButton");
        waitUntil(() -> showing("#signInView"));
        assertThat(results.getItems()).isEmpty();
    }

    @Test
    void theDeskMergesASuspectedDuplicateAndFindsTheSurvivorByEitherMrn() throws Exception {
        Path data = temp.resolve("clinic");
        Workspace workspace = setUpClinic(data, "Riverside Family Practice");
        MedicalRecordNumber ada;
        MedicalRecordNumber again;
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            ada = workspace.registrations().registerPatient(admin, new PatientDetails("Ada Byron",
                    LocalDate.of(1985, 12, 10), Sex.FEMALE, null), PASSPHRASE.toCharArray(), null).mrn();
            again = workspace.registrations().registerPatient(admin, new PatientDetails("Byron Ada",
                    LocalDate.of(1985, 12, 10), null, null), PASSPHRASE.toCharArray(), null).mrn();
        }
        workspace.close();
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);
        @SuppressWarnings("unchecked")
        TableView<PatientSummary> results = lookup("#patientSearchResults").queryAs(TableView.class);

        // The pair is badged; the second registration is opened and merged into the first, with a reason.
        fill("#patientSearchField", "byron");
        waitUntil(() -> results.getItems().size() == 2);
        waitUntil(() -> lookup(".possible-duplicate").queryAll().size() == 2);
        clickOn(again.formatted());
        waitUntil(() -> showing("#mergePatientButton"));
        click("#mergePatientButton");
        waitUntil(() -> lookup(".dialog-pane .text-field").tryQuery().isPresent());
        clickOn(".dialog-pane .text-field").write("Registered twice, names swapped");
        clickOn("OK");
        waitUntil(() -> text("#patientMergeState").startsWith("Merged into Ada Byron"));
        assertThat(text("#patientMergeState")).contains(ada.formatted());
        assertThat(showing("#mergePatientButton")).isFalse();

        // Either MRN finds the survivor; the duplicate is shown as merged, and the survivor names it.
        fill("#patientSearchField", again.formatted());
        waitUntil(() -> results.getItems().size() == 2);
        assertThat(results.getItems()).extracting(PatientSummary::mrn).containsExactlyInAnyOrder(ada, again);
        waitUntil(() -> lookup(".possible-duplicate").queryAll().isEmpty());
        assertThat(lookup(".table-row-cell .table-cell").queryAll().stream()
                .filter(cell -> cell instanceof javafx.scene.control.Labeled labeled && labeled.getText() != null
                        && labeled.getText().contains("merged into MRN " + ada.formatted())).count()).isEqualTo(1);
        clickOn(ada.formatted());
        waitUntil(() -> text("#patientMergeState").equals("Also recorded as MRN " + again.formatted() + "."));
        try (Workspace check = services(data)) {
            assertThat(check.verify(org.clinicledger.domain.Progress.NONE).problems()).isEmpty();
        }
    }

    @Test
    void theDeskRegistersFindsWhileTypingCorrectsTheDateOfBirthAndSavesTheSlip() throws Exception {
        Path data = temp.resolve("clinic");
        Workspace workspace = setUpClinic(data, "Riverside Family Practice");
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", "desk password 1".toCharArray(),
                    AccountDetails.NONE);
            workspace.registrations().registerPatient(admin, new PatientDetails("Grace Hopper",
                    LocalDate.of(1906, 12, 9), null, null), PASSPHRASE.toCharArray(), null);
        }
        launch(data);
        ViewTestSupport.ScriptedFiles files = new ViewTestSupport.ScriptedFiles();
        ((ClinicLedgerApp) application).window().useFilePicker(files);
        signIn("desk", "desk password 1");
        @SuppressWarnings("unchecked")
        TableView<PatientSummary> results = lookup("#patientSearchResults").queryAs(TableView.class);
        // Nothing typed yet: the directory lists every patient.
        waitUntil(() -> results.getItems().size() == 1);

        fillPatient("Ada Byron", "1985-12-10", PASSPHRASE);
        click("#registerPatientButton");
        waitUntil(() -> showing("#patientResult"));
        MedicalRecordNumber ada = new MedicalRecordNumber(text("#registeredMrnField").replace("-", ""));
        // The patient just registered opens in the directory, their slip one click away.
        waitUntil(() -> text("#patientDetailTitle").contains("Ada Byron"));
        interact(() -> org.clinicledger.ui.common.ViewTestSupport.scrollIntoView(lookup("#printSlipButton").query()));
        assertThat(showing("#printSlipButton")).isTrue();
        fill("#patientSearchField", "");
        waitUntil(() -> "2 patients match.".equals(text("#patientSearchSummary")));

        // Typed a letter at a time, no Enter, no button: the list narrows as the desk types.
        click("#patientSearchField");
        write("ada b");
        waitUntil(() -> "1 patient matches.".equals(text("#patientSearchSummary")));
        assertThat(results.getItems()).extracting(PatientSummary::mrn).containsExactly(ada);

        javafx.scene.control.TableRow<?> row = lookup("#patientSearchResults .table-row-cell")
                .match((javafx.scene.control.TableRow<?> cell) -> cell.isVisible() && cell.getItem() != null).query();
        doubleClickOn(row);
        waitUntil(() -> text("#patientDetailTitle").contains("Ada Byron"));
        assertThat(text("#patientDetailTitle")).contains(ada.formatted());
        assertThat(text("#patientDetailBirthDateField")).isEqualTo("1985-12-10");

        // A typed date that is no date is said at the field, never a crash, and nothing is cleared.
        fill("#patientDetailBirthDateField", "2020-01-32");
        click("#saveCorrectionButton");
        waitUntil(() -> showing("#patientDetailDateProblem"));
        assertThat(text("#patientDetailDateProblem")).contains("not a date that exists");
        assertThat(text("#patientDetailBirthDateField")).isEqualTo("2020-01-32");

        fill("#patientDetailBirthDateField", "1985-12-01");
        click("#saveCorrectionButton");
        waitUntil(() -> text("#patientCorrectedLine").startsWith("Corrected on "));
        assertThat(text("#patientCorrectedLine")).endsWith(" by desk.");
        assertThat(showing("#patientDetailDateProblem")).isFalse();
        try (Session admin = login(services(data), ADMIN, ADMIN_PASSWORD)) {
            assertThat(services(data).registrations().patientFile(admin, ada).orElseThrow().details().dateOfBirth())
                    .isEqualTo(LocalDate.of(1985, 12, 1));
        }

        Path slip = temp.resolve("slip.pdf");
        files.toSave.add(slip);
        click("#printSlipButton");
        waitUntil(() -> text("#patientDetailMessage").equals("Saved the registration slip as slip.pdf."));
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(slip.toFile())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                    .contains("Riverside Family Practice", "Ada Byron", ada.formatted());
        }
    }

    @Test
    void aPatientRegisteredTwiceIsFlaggedAsAPossibleDuplicate() throws Exception {
        Path data = temp.resolve("clinic");
        Workspace workspace = setUpClinic(data, "Riverside Family Practice");
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            for (String name : List.of("Ada Byron", "ADA byron", "Grace Hopper")) {
                workspace.registrations().registerPatient(admin, new PatientDetails(name, LocalDate.of(1985, 12, 10),
                        null, null), PASSPHRASE.toCharArray(), null);
            }
        }
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);
        fill("#patientSearchField", "byron");
        waitUntil(() -> "2 patients match.".equals(text("#patientSearchSummary")));
        waitUntil(() -> lookup(".possible-duplicate").queryAll().size() == 2);
        assertThat(lookup(".possible-duplicate").queryAll()).allSatisfy(cell ->
                assertThat(((javafx.scene.control.Labeled) cell).getText()).contains("possible duplicate"));
        fill("#patientSearchField", "grace");
        waitUntil(() -> "1 patient matches.".equals(text("#patientSearchSummary")));
        waitUntil(() -> lookup(".possible-duplicate").queryAll().isEmpty());
    }

    /** The ControlsFX decorations on a field: an error mark while its form says something is wrong with it. */
    private List<org.controlsfx.control.decoration.Decoration> errorMarks(String query) throws Exception {
        javafx.scene.Node field = lookup(query).query();
        return WaitForAsyncUtils.asyncFx(() -> {
            var marks = org.controlsfx.control.decoration.Decorator.getDecorations(field);
            return marks == null ? List.<org.controlsfx.control.decoration.Decoration>of() : List.copyOf(marks);
        }).get();
    }
}
