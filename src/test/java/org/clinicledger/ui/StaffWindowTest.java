package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffAccount;
import org.junit.jupiter.api.Test;

/**
 * Staff administration and one's own password through the real window: an administrator deactivates
 * a doctor with a reason on the Staff tab, the doctor's sign-in is refused in plain words, the
 * administrator reactivates the account and the doctor signs in; the staff list narrows as a filter
 * is typed; a doctor changes their password under Account ▸ Change password… (a wrong current one
 * is said at its field) and signs in with the new one.
 */
class StaffWindowTest extends WindowFixture {

    private static final String DOCTOR_PASSWORD = "doctor password 1";
    private static final String NEW_PASSWORD = "a brand new password 2";

    private static Path clinicWithStaff(Path data) {
        Workspace workspace = setUpClinic(data, "Riverside Family Practice");
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.okafor", DOCTOR_PASSWORD.toCharArray(),
                    new AccountDetails("Chidi Okafor", "General practice", null));
            workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.berg", "doctor password 2".toCharArray(),
                    new AccountDetails("Anna Berg", "Cardiology", null));
            workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", "reception password".toCharArray(),
                    new AccountDetails("Maria Lopez", null, null));
        }
        workspace.close();
        return data;
    }

    @SuppressWarnings("unchecked")
    private TableView<StaffAccount> staffTable() {
        return lookup("#staffTable").queryAs(TableView.class);
    }

    private void choose(String username) throws Exception {
        waitUntil(() -> row(username) != null);
        clickOn(row(username));
        waitUntil(() -> text("#staffChosenLabel").contains("(" + username + ","));
    }

    /** The table's row that shows {@code username}'s account, or null while there is none. */
    @SuppressWarnings("unchecked")
    private javafx.scene.Node row(String username) {
        return lookup("#staffTable .table-row-cell").queryAll().stream()
                .filter(node -> {
                    StaffAccount item = ((javafx.scene.control.TableRow<StaffAccount>) node).getItem();
                    return item != null && item.member().username().equals(username);
                }).findFirst().orElse(null);
    }

    @Test
    void anAdministratorDeactivatesADoctorWhoseSignInIsRefusedUntilReactivated() throws Exception {
        launch(clinicWithStaff(temp.resolve("clinic")));
        signIn(ADMIN, ADMIN_PASSWORD);
        selectTab("Staff");
        choose("dr.okafor");
        assertThat(lookup("#deactivateAccountButton").queryButton().isDisabled()).isFalse();
        assertThat(lookup("#reactivateAccountButton").queryButton().isDisabled()).isTrue();

        click("#deactivateAccountButton");
        waitUntil(() -> showing("#deactivationReasonProblem"));
        assertThat(text("#deactivationReasonProblem")).startsWith("Give the reason for the deactivation");

        click("#deactivationReasonField");
        write("Left the clinic in November");
        click("#deactivateAccountButton");
        waitUntil(() -> showing("#staffStatusOutcome"));
        assertThat(text("#staffStatusOutcome")).isEqualTo("Chidi Okafor is deactivated: they cannot sign in until an "
                + "administrator reactivates the account.");
        waitUntil(() -> text("#staffChosenLabel").endsWith("is deactivated."));
        assertThat(text("#deactivationReasonField")).isEmpty();
        assertThat(lookup("#reactivateAccountButton").queryButton().isDisabled()).isFalse();

        click("#signOutButton");
        trySignIn("dr.okafor", DOCTOR_PASSWORD);
        waitUntil(() -> showing("#signInProblem"));
        assertThat(text("#signInProblem")).isEqualTo("The account dr.okafor has been deactivated by an administrator, "
                + "so it cannot sign in. Ask an administrator to reactivate it.");
        assertThat(lookup("#mainTabs").tryQuery()).isEmpty();

        signIn(ADMIN, ADMIN_PASSWORD);
        selectTab("Staff");
        choose("dr.okafor");
        click("#reactivateAccountButton");
        waitUntil(() -> showing("#staffStatusOutcome"));
        assertThat(text("#staffStatusOutcome")).isEqualTo("Chidi Okafor is active again and can sign in.");

        click("#signOutButton");
        signIn("dr.okafor", DOCTOR_PASSWORD);
        assertThat(text("#signedInUser")).isEqualTo("Signed in: dr.okafor (doctor)");
        assertThat(lookup("#staffTab").tryQuery()).isEmpty();
    }

    @Test
    void theStaffListNarrowsAsAFilterIsTypedAndNobodyDeactivatesThemselves() throws Exception {
        launch(clinicWithStaff(temp.resolve("clinic")));
        signIn(ADMIN, ADMIN_PASSWORD);
        selectTab("Staff");
        waitUntil(() -> staffTable().getItems().size() == 4);
        assertThat(staffTable().getItems()).extracting(account -> account.member().displayName())
                .containsExactly("admin", "Anna Berg", "Chidi Okafor", "Maria Lopez");

        click("#staffFilterField");
        write("ber");
        waitUntil(() -> staffTable().getItems().size() == 1);
        assertThat(staffTable().getItems().get(0).member().username()).isEqualTo("dr.berg");
        write("x");
        waitUntil(() -> staffTable().getItems().isEmpty());
        assertThat(lookup("#staffTable .placeholder .label").queryAs(Label.class).getText())
                .isEqualTo("No account fits the filter.");
        fill("#staffFilterField", "doctor");
        waitUntil(() -> staffTable().getItems().size() == 2);

        fill("#staffFilterField", "");
        choose(ADMIN);
        assertThat(lookup("#deactivateAccountButton").queryButton().isDisabled()).isTrue();
    }

    @Test
    void aDoctorChangesTheirPasswordAndAWrongCurrentOneIsSaidAtItsField() throws Exception {
        launch(clinicWithStaff(temp.resolve("clinic")));
        signIn("dr.okafor", DOCTOR_PASSWORD);
        clickOn("#accountMenu").clickOn("#changePasswordMenuItem");
        waitUntil(() -> showing("#changePasswordForm"));

        click("#currentPasswordField");
        write("not my password");
        click("#newPasswordField");
        write(NEW_PASSWORD);
        click("#repeatPasswordField");
        write(NEW_PASSWORD + "!");
        click("#confirmChangePasswordButton");
        waitUntil(() -> showing("#repeatPasswordProblem"));
        assertThat(text("#repeatPasswordProblem")).isEqualTo("The two new passwords differ: type the new one again.");
        assertThat(text("#currentPasswordField")).as("kept").isEqualTo("not my password");

        fill("#repeatPasswordField", NEW_PASSWORD);
        click("#confirmChangePasswordButton");
        waitUntil(() -> showing("#currentPasswordProblem"));
        assertThat(text("#currentPasswordProblem")).isEqualTo("This is not your current password.");
        assertThat(text("#currentPasswordField")).isEmpty();
        assertThat(text("#newPasswordField")).as("kept").isEqualTo(NEW_PASSWORD);
        assertThat(text("#repeatPasswordField")).as("kept").isEqualTo(NEW_PASSWORD);
        assertThat(showing("#repeatPasswordProblem")).isFalse();

        click("#currentPasswordField");
        write(DOCTOR_PASSWORD);
        click("#confirmChangePasswordButton");
        waitUntil(() -> lookup("#dialogMessage").tryQuery().isPresent());
        assertThat(lookup("#dialogMessage").queryAs(Label.class).getText())
                .isEqualTo("Your password is changed. Use the new one from your next sign-in on.");
        clickOn("OK");
        waitUntil(() -> !showing("#changePasswordForm"));

        click("#signOutButton");
        trySignIn("dr.okafor", DOCTOR_PASSWORD);
        waitUntil(() -> showing("#signInProblem"));
        signIn("dr.okafor", NEW_PASSWORD);
        assertThat(text("#signedInUser")).isEqualTo("Signed in: dr.okafor (doctor)");
    }
}
