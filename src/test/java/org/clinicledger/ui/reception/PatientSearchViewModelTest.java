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
import java.util.List;

import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.HeldTasks;
import org.clinicledger.ui.common.ViewTestSupport.ScriptedFiles;
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
    private Workspace workspace;
    private final ScriptedFiles files = new ScriptedFiles();

    @BeforeEach
    void setUp() {
        Workspace workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        workspace.accounts().setUp("Riverside", "admin", PASSWORD.toCharArray());
        admin = workspace.accounts().login("admin", PASSWORD.toCharArray());
        ada = workspace.registrations().registerPatient(admin, new PatientDetails("Ada Byron", LocalDate.of(1985, 12, 10),
                Sex.FEMALE, null), "patient passphrase".toCharArray(), null).mrn();
        workspace.registrations().registerPatient(admin, new PatientDetails("Grace Hopper", LocalDate.of(1906, 12, 9),
                null, null), "patient passphrase".toCharArray(), null);
        this.workspace = workspace;
        model = new PatientSearchViewModel(workspace.registrations(), admin, BackgroundTasks.direct(dialogs), files);
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
    void nothingTypedListsEveryPatientAndTypingNarrowsWithoutEnter() {
        model.queryProperty().set("");
        model.search();
        assertThat(model.results()).extracting(PatientSummary::name).containsExactly("Ada Byron", "Grace Hopper");
        model.queryProperty().set("gr");
        assertThat(model.results()).extracting(PatientSummary::name).containsExactly("Grace Hopper");
        model.queryProperty().set("1985-12");
        assertThat(model.results()).extracting(PatientSummary::name).containsExactly("Ada Byron");
    }

    @Test
    void anOlderSlowerAnswerNeverReplacesTheNewerOne() {
        HeldTasks held = new HeldTasks(dialogs);
        PatientSearchViewModel typed = new PatientSearchViewModel(workspace.registrations(), admin, held.tasks, files);
        typed.queryProperty().set("a");
        typed.queryProperty().set("ada");
        assertThat(held.waiting()).isEqualTo(2);

        held.release(1);
        assertThat(typed.results()).extracting(PatientSummary::name).containsExactly("Ada Byron");
        held.release(0);
        // "a" matches both patients, but it was typed before "ada": its answer is dropped.
        assertThat(typed.results()).extracting(PatientSummary::name).containsExactly("Ada Byron");
        assertThat(typed.summaryProperty().get()).isEqualTo("1 patient matches.");

        // In order, the newer answer wins as well.
        typed.queryProperty().set("gr");
        typed.queryProperty().set("grace h");
        held.releaseAll();
        assertThat(typed.results()).extracting(PatientSummary::name).containsExactly("Grace Hopper");
    }

    @Test
    void choosingAPatientOpensTheirDetailsAndACorrectionIsShownWithItsDate() {
        search("byron");
        model.selectedProperty().set(model.results().get(0));
        assertThat(model.fileProperty().get().details().name()).isEqualTo("Ada Byron");
        assertThat(model.dateOfBirthProperty().get()).isEqualTo("1985-12-10");
        assertThat(model.correctedProperty().get()).isEmpty();

        model.dateOfBirthProperty().set("1985-12-31");
        model.saveCorrection();
        assertThat(model.correctionProblemProperty().get()).isEmpty();
        assertThat(model.fileProperty().get().details().dateOfBirth()).isEqualTo(LocalDate.of(1985, 12, 31));
        assertThat(model.correctedProperty().get()).startsWith("Corrected on ").endsWith(" by admin.");
        assertThat(model.messageProperty().get()).contains("corrected");
    }

    @Test
    void aTypedDateThatIsNoDateIsSaidAtItsFieldAndTheFormKeepsWhatWasTyped() {
        search("byron");
        model.selectedProperty().set(model.results().get(0));
        model.nameProperty().set("Ada King");
        for (String typed : List.of("2020-13-01", "10/12/1985", "1985-02-30", "")) {
            model.dateOfBirthProperty().set(typed);
            model.saveCorrection();
            assertThat(model.dateProblemProperty().get()).as(typed).isNotEmpty();
            assertThat(model.nameProperty().get()).isEqualTo("Ada King");
            assertThat(model.dateOfBirthProperty().get()).isEqualTo(typed);
        }
        assertThat(model.correctedProperty().get()).isEmpty();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void theSlipIsSavedWhereTheDeskChooses() throws Exception {
        search("byron");
        model.selectedProperty().set(model.results().get(0));
        Path target = temp.resolve("slip.pdf");
        files.toSave.add(target);
        model.printSlip();
        assertThat(model.messageProperty().get()).isEqualTo("Saved the registration slip as slip.pdf.");
        assertThat(java.nio.file.Files.readAllBytes(target)).startsWith("%PDF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aQueryThatCannotBeSearchedIsSaidInPlainWords() {
        search("byron");

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
