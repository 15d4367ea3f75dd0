package org.clinicledger.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.ViewTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.matcher.control.LabeledMatchers;

/** The doctor's "My chain" in the paper's columns, after adding a record through the real window. */
class DoctorChainWindowTest extends ViewTestSupport {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session lee;

    @BeforeEach
    void setUp() throws Exception {
        registerStage();
        clinic = new TestClinic(temp.resolve("data"));
        lee = clinic.lee();
        show(() -> {
            BackgroundTasks tasks = tasks(clinic.workspace.logFolder());
            return new DoctorView(clinic.workspace, lee, tasks, tasks.dialogs(), files);
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        cleanUp();
        lee.close();
    }

    private boolean chainShows(String text) {
        return lookup("#chainTable .table-cell").match(LabeledMatchers.hasText(text)).tryQuery().isPresent();
    }

    @Test
    void myChainShowsTheDiagnosisAndThePatientByNameOfARecordJustAdded() throws Exception {
        clickOn("#doctorSearchField").write("byron");
        waitUntil(() -> text("#patientListHeading").equals("Matches in the directory")
                && table("#patientsTable").getItems().size() == 1);
        selectRow("#patientsTable", 0);
        waitUntil(() -> text("#recordsHeading").contains(clinic.mrn.toString()));

        press("#addRecordButton");
        waitUntil(() -> present("#recordEditor"));
        clickOn("#icd10Field").write("mild pers asth");
        waitUntil(() -> lookup("#icd10Suggestions .list-cell")
                .match(LabeledMatchers.hasText("J45.3 — Mild persistent asthma")).tryQuery().isPresent());
        clickOn(lookup("#icd10Suggestions .list-cell").match(LabeledMatchers.hasText("J45.3 — Mild persistent asthma"))
                .queryAs(javafx.scene.Node.class));
        waitUntil(() -> text("#icd10Field").equals("J45.3"));
        type("#diagnosisField", "Wheezing at night");
        press("#saveRecordButton");
        waitUntil(() -> !present("#recordEditor"));

        clickOn("My chain");
        waitUntil(() -> table("#chainTable").getItems().stream()
                .anyMatch(item -> ((ChainLine) item).entry().kind() == BlockKind.RECORD_ADDED));
        interact(() -> scrollIntoView(lookup("#chainTable").query()));
        String ada = "Ada Byron (" + clinic.mrn + ")";
        waitUntil(() -> chainShows("J45.3 Mild persistent asthma — Wheezing at night"));
        assertThat(chainShows(ada)).as("the patient by name, MRN after it").isTrue();
        assertThat(chainShows("Record 1 of Ada Byron, version 1")).as("the uploaded EHR, not an id").isTrue();
        assertThat(lookup("#chainTable .column-header .label").match(LabeledMatchers.hasText("Patient or doctor"))
                .tryQuery()).isPresent();
    }
}
