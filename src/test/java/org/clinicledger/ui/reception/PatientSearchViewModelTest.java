package org.clinicledger.ui.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.Sex;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientSearchViewModelTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path temp;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private Session admin;
    private MedicalRecordNumber ada;
    private PatientSearchViewModel model;

    @BeforeEach
    void setUp() {
        Workspace workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        workspace.accounts().setUp("Riverside", "admin", PASSWORD.toCharArray());
        admin = workspace.accounts().login("admin", PASSWORD.toCharArray());
        ada = workspace.registrations().registerPatient(admin, new PatientDetails("Ada Byron", LocalDate.of(1985, 12, 10),
                Sex.FEMALE, null), "patient passphrase".toCharArray(), null).mrn();
        workspace.registrations().registerPatient(admin, new PatientDetails("Grace Hopper", LocalDate.of(1906, 12, 9),
                null, null), "patient passphrase".toCharArray(), null);
        model = new PatientSearchViewModel(workspace.registrations(), admin, BackgroundTasks.direct(dialogs));
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private void search(String query) {
        model.queryProperty().set(query);
        model.search();
    }

    @Test
    void findsByNameMrnAndDateOfBirth() {
        search("byron");
        assertThat(model.results()).extracting(PatientSummary::mrn).containsExactly(ada);
        assertThat(model.summaryProperty().get()).isEqualTo("1 patient matches.");

        search(ada.formatted());
        assertThat(model.results()).extracting(PatientSummary::name).containsExactly("Ada Byron");

        search("1906-12-09");
        assertThat(model.results()).extracting(PatientSummary::name).containsExactly("Grace Hopper");

        search("r");
        assertThat(model.results()).hasSize(2);
        assertThat(model.summaryProperty().get()).isEqualTo("2 patients match.");

        search("nobody");
        assertThat(model.results()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("No patient matches.");
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void aQueryThatCannotBeSearchedIsSaidInPlainWords() {
        search("byron");
        search("");
        assertThat(model.problemProperty().get()).startsWith("Enter part of a name, an MRN or a date of birth");
        assertThat(model.results()).isEmpty();
        assertThat(model.summaryProperty().get()).isEmpty();

        search("1985-02-30");
        assertThat(model.problemProperty().get()).contains("not a date that exists");
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void clearingForgetsWhatWasFound() {
        search("byron");
        model.clear();
        assertThat(model.results()).isEmpty();
        assertThat(model.summaryProperty().get()).isEmpty();
    }

    @Test
    void anEndedSessionIsSaidInPlainWords() {
        admin.close();
        search("byron");
        assertThat(model.problemProperty().get()).isEqualTo(Session.ENDED);
    }
}
