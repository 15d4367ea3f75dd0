package org.clinicledger.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Role;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.ViewTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.matcher.control.LabeledMatchers;

/** A doctor refers a patient in the real Doctor view, choosing the other doctor by name. */
class ReferDialogTest extends ViewTestSupport {

    private static final String BERG_PASSWORD = "doctor password 3";

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session lee;
    private RecordId recordId;

    @BeforeEach
    void setUp() throws Exception {
        registerStage();
        clinic = new TestClinic(temp.resolve("data"));
        try (Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD)) {
            clinic.workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.berg", BERG_PASSWORD.toCharArray(),
                    new AccountDetails("Dr Anna Berg", "Cardiology", null));
        }
        lee = clinic.lee();
        recordId = clinic.workspace.records().addRecord(lee, clinic.mrn,
                new RecordInput("Asthma", Icd10Code.parse("J45"), "Inhaler", List.of())).recordId();
        show(() -> {
            BackgroundTasks tasks = tasks(clinic.workspace.logFolder());
            return new DoctorView(clinic.workspace, lee, tasks, tasks.dialogs(), files);
        });
        type("#doctorSearchField", "byron");
        waitUntil(() -> table("#patientsTable").getItems().size() == 1);
        selectRow("#patientsTable", 0);
        waitUntil(() -> text("#recordsHeading").contains(clinic.mrn.toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        cleanUp();
        lee.close();
    }

    private ListView<?> doctors() {
        return lookup("#referDoctorFieldList").queryListView();
    }

    private boolean bergMayRead() {
        try (Session berg = clinic.login("dr.berg", BERG_PASSWORD)) {
            return clinic.workspace.records().showRecord(berg, recordId) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void refersToADoctorChosenByNameAfterEachProblemIsSaidAtItsField() throws Exception {
        press("#referButton");
        waitUntil(() -> present("#referForm") && doctors().getItems().size() == 2);
        assertThat(lookup(".dialog-pane .header-panel .label").queryLabeled().getText())
                .isEqualTo("Refer Ada Byron (" + clinic.mrn + ") to another doctor");
        assertThat(lookup("#referDoctorFieldList .list-cell")
                .match(LabeledMatchers.hasText("Dr Anna Berg (dr.berg), Cardiology")).tryQuery())
                .as("by name, and never oneself").isPresent();
        assertThat(lookup("#referDoctorFieldList .list-cell").match(LabeledMatchers.hasText("dr.lee")).tryQuery())
                .isEmpty();

        // Nothing chosen, no reason: each said at its field, and the form stays.
        clickOn("#confirmReferButton");
        waitUntil(() -> !text("#referDoctorProblem").isEmpty());
        assertThat(text("#referDoctorProblem")).isEqualTo("Choose the doctor to refer the patient to from the list.");
        assertThat(text("#referReasonProblem")).startsWith("Give the reason for the referral");
        assertThat(present("#referForm")).isTrue();

        // Part of the name, typed, narrows the list to Dr Berg, who is chosen; then the reason.
        clickOn("#referDoctorField").write("anna");
        waitUntil(() -> doctors().getItems().size() == 1 && doctors().getSelectionModel().getSelectedItem() != null);
        assertThat(text("#referDoctorProblem")).as("typing clears the problem").isEmpty();
        clickOn("#referReasonField").write("Chest pain on exertion");
        assertThat(text("#referReasonProblem")).isEmpty();
        assertThat(bergMayRead()).isFalse();
        clickOn("#confirmReferButton");

        assertThat(dialogMessage()).isEqualTo("Ada Byron (" + clinic.mrn + ") is referred to Dr Anna Berg (dr.berg), "
                + "who can now read their records.");
        pressDialogButton("OK");
        assertThat(present("#referForm")).isFalse();
        assertThat(bergMayRead()).isTrue();
        clickOn("My chain");
        waitUntil(() -> table("#chainTable").getItems().stream()
                .anyMatch(item -> ((ChainLine) item).entry().kind() == BlockKind.REFERRAL));
    }

    @Test
    void escapeCancelsAndWritesNothing() throws Exception {
        int blocks = clinic.workspace.chainBrowser().ownChain(lee).size();
        press("#referButton");
        waitUntil(() -> present("#referForm") && doctors().getItems().size() == 2);
        clickOn("#referDoctorField").write("berg");
        waitUntil(() -> doctors().getItems().size() == 1);
        push(KeyCode.ESCAPE);
        waitUntil(() -> !present("#referForm"));
        assertThat(clinic.workspace.chainBrowser().ownChain(lee)).hasSize(blocks);
        assertThat(bergMayRead()).isFalse();
    }
}
