package org.clinicledger.ui.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.reception.StaffRegistrationViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffRegistrationViewModelTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "doctor password 1";

    @TempDir
    Path temp;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final AtomicInteger registered = new AtomicInteger();
    private Workspace workspace;
    private Session admin;
    private String sheet;

    @BeforeEach
    void setUp() {
        workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        sheet = workspace.accounts().setUp("Riverside", "admin", PASSWORD.toCharArray()).recoverySheet().words();
        admin = workspace.accounts().login("admin", PASSWORD.toCharArray());
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private StaffRegistrationViewModel model(Session session) {
        return new StaffRegistrationViewModel(workspace.accounts(), session, BackgroundTasks.direct(dialogs),
                registered::incrementAndGet);
    }

    private static void fillIn(StaffRegistrationViewModel model, Role role, String username, String password,
            String again) {
        model.roleProperty().set(role);
        model.usernameProperty().set(username);
        model.passwordProperty().set(password);
        model.confirmationProperty().set(again);
    }

    @Test
    void offersTheRolesTheServiceAllows() {
        assertThat(StaffRegistrationViewModel.rolesFor(Role.ADMINISTRATOR))
                .containsExactly(Role.DOCTOR, Role.RECEPTIONIST, Role.ADMINISTRATOR);
        assertThat(StaffRegistrationViewModel.rolesFor(Role.RECEPTIONIST)).containsExactly(Role.DOCTOR);
        assertThat(StaffRegistrationViewModel.rolesFor(Role.DOCTOR)).isEmpty();
        assertThat(StaffRegistrationViewModel.rolesFor(Role.PATIENT)).isEmpty();
        assertThat(model(admin).roles()).containsExactly(Role.DOCTOR, Role.RECEPTIONIST, Role.ADMINISTRATOR);
    }

    @Test
    void addsADoctorWithTheirDetailsAndNamesTheUsername() {
        StaffRegistrationViewModel model = model(admin);
        fillIn(model, Role.DOCTOR, "Dr.Okafor", NEW_PASSWORD, NEW_PASSWORD);
        model.nameProperty().set("Dr Ngozi Okafor");
        model.specialtyProperty().set("General practice");
        model.licenceProperty().set("GMC 1234567");
        model.register();

        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.resultProperty().get()).startsWith("Added a doctor dr.okafor:").contains("username dr.okafor");
        assertThat(model.usernameProperty().get()).isEmpty();
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.confirmationProperty().get()).isEmpty();
        assertThat(registered).hasValue(1);
        assertThat(workspace.accounts().account("dr.okafor").orElseThrow().role()).isEqualTo(Role.DOCTOR);
        assertThat(workspace.accounts().details(admin, "dr.okafor"))
                .isEqualTo(new AccountDetails("Dr Ngozi Okafor", "General practice", "GMC 1234567"));
        try (Session doctor = workspace.accounts().login("dr.okafor", NEW_PASSWORD.toCharArray())) {
            assertThat(doctor.role()).isEqualTo(Role.DOCTOR);
        }
    }

    @Test
    void aReceptionistsSpecialtyTypedWhileADoctorWasChosenIsNotKept() {
        StaffRegistrationViewModel model = model(admin);
        model.specialtyProperty().set("General practice");
        fillIn(model, Role.RECEPTIONIST, "desk", NEW_PASSWORD, NEW_PASSWORD);
        assertThat(model.doctorProperty().get()).isFalse();
        model.register();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(workspace.accounts().details(admin, "desk").specialty()).isNull();
    }

    @Test
    void passwordsThatDifferAddNothingAndOnlyTheSecondIsTypedAgain() {
        StaffRegistrationViewModel model = model(admin);
        fillIn(model, Role.DOCTOR, "dr.okafor", NEW_PASSWORD, NEW_PASSWORD + "x");
        model.register();
        assertThat(model.problem(Field.CONFIRMATION).get()).isEqualTo("The two passwords are not the same: type it "
                + "again here.");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.passwordProperty().get()).isEqualTo(NEW_PASSWORD);
        assertThat(model.confirmationProperty().get()).isEmpty();
        assertThat(model.usernameProperty().get()).isEqualTo("dr.okafor");
        assertThat(workspace.accounts().account("dr.okafor")).isEmpty();
        assertThat(registered).hasValue(0);
    }

    @Test
    void theServicesRefusalsAreShownInline() {
        StaffRegistrationViewModel model = model(admin);
        fillIn(model, Role.DOCTOR, "dr.okafor", "short", "short");
        model.register();
        assertThat(model.problem(Field.PASSWORD).get()).contains("at least 10 characters");
        assertThat(model.passwordProperty().get()).isEqualTo("short");

        fillIn(model, Role.DOCTOR, "admin", NEW_PASSWORD, NEW_PASSWORD);
        model.register();
        assertThat(model.problemProperty().get()).startsWith("The username admin is taken");

        fillIn(model, Role.DOCTOR, "1234-5678-3", NEW_PASSWORD, NEW_PASSWORD);
        model.register();
        assertThat(model.problem(Field.USERNAME).get()).contains("kept for patients");

        fillIn(model, Role.DOCTOR, "", NEW_PASSWORD, NEW_PASSWORD);
        model.register();
        assertThat(model.problem(Field.USERNAME).get()).isEqualTo("Enter the new account's username.");
        assertThat(model.passwordProperty().get()).as("kept while the username is corrected").isEqualTo(NEW_PASSWORD);
        assertThat(dialogs.shown).isEmpty();
        assertThat(workspace.clinic().accountCounts().doctors()).isZero();
        assertThat(registered).hasValue(0);
    }

    @Test
    void aReceptionistAddsDoctorsButNoOtherRole() {
        workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", NEW_PASSWORD.toCharArray(), AccountDetails.NONE);
        try (Session desk = workspace.accounts().login("desk", NEW_PASSWORD.toCharArray())) {
            StaffRegistrationViewModel model = model(desk);
            assertThat(model.roles()).containsExactly(Role.DOCTOR);
            fillIn(model, Role.RECEPTIONIST, "desk2", NEW_PASSWORD, NEW_PASSWORD);
            model.register();
            assertThat(model.problemProperty().get()).startsWith("A receptionist can add doctors only");
            fillIn(model, Role.DOCTOR, "dr.lee", NEW_PASSWORD, NEW_PASSWORD);
            model.register();
            assertThat(model.resultProperty().get()).contains("dr.lee");
        }
    }

    @Test
    void anAdministratorIsAddedOnlyWithASecondHolderAndTheSecretsAreForgotten() {
        StaffRegistrationViewModel model = model(admin);
        fillIn(model, Role.ADMINISTRATOR, "boss", NEW_PASSWORD, NEW_PASSWORD);
        assertThat(model.administratorProperty().get()).isTrue();
        model.register();
        assertThat(model.problemProperty().get()).isEqualTo("Enter the second administrator's username.");

        SecondHolderViewModel second = model.secondHolder();
        second.holderProperty().set(SecondHolderViewModel.Holder.RECOVERY_SHEET);
        fillIn(model, Role.ADMINISTRATOR, "boss", NEW_PASSWORD, NEW_PASSWORD);
        model.register();
        assertThat(model.problemProperty().get()).isEqualTo("Type the words of the clinic's recovery sheet.");

        String typo = sheet.substring(0, 3) + (sheet.charAt(3) == 'A' ? 'B' : 'A') + sheet.substring(4);
        second.sheetWordsProperty().set(typo);
        fillIn(model, Role.ADMINISTRATOR, "boss", NEW_PASSWORD, NEW_PASSWORD);
        model.register();
        assertThat(model.problemProperty().get()).contains("there is a typo");
        assertThat(second.sheetWordsProperty().get()).as("kept, to be compared with the sheet").isEqualTo(typo);
        assertThat(workspace.accounts().account("boss")).isEmpty();

        second.sheetWordsProperty().set(sheet);
        fillIn(model, Role.ADMINISTRATOR, "boss", NEW_PASSWORD, NEW_PASSWORD);
        model.register();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.resultProperty().get()).startsWith("Added an administrator boss");
        assertThat(second.sheetWordsProperty().get()).isEmpty();

        second.holderProperty().set(SecondHolderViewModel.Holder.ADMINISTRATOR);
        second.usernameProperty().set("boss");
        second.passwordProperty().set("not the password");
        fillIn(model, Role.ADMINISTRATOR, "third", NEW_PASSWORD, NEW_PASSWORD);
        model.register();
        assertThat(model.problemProperty().get()).startsWith("Second administrator:");
        assertThat(second.passwordProperty().get()).isEmpty();

        second.passwordProperty().set(NEW_PASSWORD);
        fillIn(model, Role.ADMINISTRATOR, "third", NEW_PASSWORD, NEW_PASSWORD);
        model.register();
        assertThat(model.resultProperty().get()).startsWith("Added an administrator third");
        assertThat(second.usernameProperty().get()).isEmpty();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aDoctorNeedsNoSecondHolder() {
        StaffRegistrationViewModel model = model(admin);
        fillIn(model, Role.DOCTOR, "dr.lee", NEW_PASSWORD, NEW_PASSWORD);
        assertThat(model.administratorProperty().get()).isFalse();
        model.register();
        assertThat(model.resultProperty().get()).contains("dr.lee");
    }
}
