package org.clinicledger.ui.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffAccount;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff list's logic against a real clinic: filtering, who may be deactivated, a reason required, refusals in words. */
class StaffListViewModelTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session admin;
    private final RecordingDialogService dialogs = new RecordingDialogService();

    @BeforeEach
    void open() {
        clinic = new TestClinic(temp.resolve("clinic"));
        admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD);
    }

    @AfterEach
    void close() {
        admin.close();
        clinic.workspace.close();
    }

    private StaffListViewModel loaded() {
        StaffListViewModel model = new StaffListViewModel(clinic.workspace.accounts(), admin,
                BackgroundTasks.direct(dialogs));
        model.load();
        return model;
    }

    private static StaffAccount choose(StaffListViewModel model, String username) {
        StaffAccount account = model.allAccounts().stream().filter(a -> a.member().username().equals(username))
                .findFirst().orElseThrow();
        model.selectedProperty().set(account);
        return account;
    }

    @Test
    void theFilterMatchesNameUsernameAndRole() {
        StaffAccount berg = new StaffAccount(new StaffMember("dr.berg", Role.DOCTOR,
                new AccountDetails("Anna Berg", null, null)), Instant.EPOCH, true, null);
        assertThat(StaffListViewModel.matches(berg, " ANNA ")).isTrue();
        assertThat(StaffListViewModel.matches(berg, "dr.b")).isTrue();
        assertThat(StaffListViewModel.matches(berg, "doc")).isTrue();
        assertThat(StaffListViewModel.matches(berg, "recep")).isFalse();
        assertThat(StaffListViewModel.matches(berg, "")).isTrue();

        StaffListViewModel model = loaded();
        assertThat(model.shownAccounts()).hasSize(4);
        model.filterProperty().set("dr.");
        assertThat(model.shownAccounts()).extracting(account -> account.member().username())
                .containsExactly("dr.kim", "dr.lee");
    }

    @Test
    void deactivatingNeedsAReasonAndNeverOffersOnesOwnAccount() {
        StaffListViewModel model = loaded();
        choose(model, "admin");
        assertThat(model.mayDeactivateProperty().get()).isFalse();

        choose(model, "dr.lee");
        assertThat(model.mayDeactivateProperty().get()).isTrue();
        assertThat(model.mayReactivateProperty().get()).isFalse();
        model.reasonProperty().set("  ");
        model.deactivate();
        assertThat(model.reasonProblemProperty().get()).startsWith("Give the reason for the deactivation");
        assertThat(clinic.workspace.accounts().isActive("dr.lee")).isTrue();

        model.reasonProperty().set("Left the clinic");
        model.deactivate();
        assertThat(model.reasonProblemProperty().get()).isEmpty();
        assertThat(model.outcomeProperty().get()).isEqualTo("dr.lee is deactivated: they cannot sign in until an "
                + "administrator reactivates the account.");
        assertThat(clinic.workspace.accounts().isActive("dr.lee")).isFalse();
        assertThat(model.selectedProperty().get().active()).as("the list is read again").isFalse();
        assertThat(model.mayReactivateProperty().get()).isTrue();

        model.reactivate();
        assertThat(model.outcomeProperty().get()).isEqualTo("dr.lee is active again and can sign in.");
        assertThat(clinic.workspace.accounts().isActive("dr.lee")).isTrue();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aRefusalIsSaidInWords() {
        StaffListViewModel model = loaded();
        choose(model, "dr.kim");
        // Someone else deactivated the account meanwhile.
        clinic.workspace.accounts().deactivate(admin, "dr.kim", "Left the clinic");
        model.reasonProperty().set("Left the clinic");
        model.deactivate();
        assertThat(model.problemProperty().get()).isEqualTo("The account dr.kim is deactivated already.");
        assertThat(StaffListViewModel.isFor(Role.ADMINISTRATOR)).isTrue();
        assertThat(StaffListViewModel.isFor(Role.RECEPTIONIST)).isFalse();
    }
}
