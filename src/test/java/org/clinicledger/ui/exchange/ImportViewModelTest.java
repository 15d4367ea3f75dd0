package org.clinicledger.ui.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing through the view model on two real folders: the clinic and dr.lee's replica, each
 * with its own memory of the chains as two computers would have.
 */
class ImportViewModelTest {

    @TempDir
    Path temp;

    private String stateBefore;
    private TestClinic clinic;
    private Path toLaptop;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final BackgroundTasks tasks = BackgroundTasks.direct(dialogs);
    private final AtomicInteger shown = new AtomicInteger();

    @BeforeEach
    void setUp() {
        stateBefore = System.getProperty(RollbackMemory.PROPERTY);
        machine("clinic");
        clinic = new TestClinic(temp.resolve("clinic"));
        toLaptop = temp.resolve("to-laptop.clchain");
        try (Session lee = clinic.lee()) {
            clinic.workspace.exchange().export(lee, ExportScope.doctor("dr.lee"), true, toLaptop, false, Progress.NONE,
                    Cancel.NEVER);
        }
    }

    @AfterEach
    void tearDown() {
        clinic.workspace.close();
        if (stateBefore == null) {
            System.clearProperty(RollbackMemory.PROPERTY);
        } else {
            System.setProperty(RollbackMemory.PROPERTY, stateBefore);
        }
    }

    private void machine(String name) {
        System.setProperty(RollbackMemory.PROPERTY, temp.resolve("state-" + name).toString());
    }

    /** dr.lee's laptop made from the export, a record added there, and its export back. */
    private Path recordAddedOnTheLaptop() {
        machine("laptop");
        Path laptop = temp.resolve("laptop");
        ExchangeService.startReplica(laptop, toLaptop, "dr.lee", TestClinic.LEE_PASSWORD.toCharArray(), Progress.NONE,
                Cancel.NEVER);
        Path back = temp.resolve("from-laptop.clchain");
        try (Workspace onLaptop = Workspace.open(laptop, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
                Session lee = onLaptop.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
            onLaptop.records().addRecord(lee, clinic.mrn, new RecordInput("Acute bronchitis", Icd10Code.parse("J20.9"),
                    "Home visit", List.of()));
            onLaptop.exchange().export(lee, ExportScope.doctor("dr.lee"), false, back, false, Progress.NONE,
                    Cancel.NEVER);
        }
        machine("clinic");
        return back;
    }

    private ImportViewModel model(Session session) {
        return new ImportViewModel(clinic.workspace.exchange(), session, tasks, shown::incrementAndGet);
    }

    @Test
    void importsNewRecordsOnceAndThenSaysNothingNew() {
        Path back = recordAddedOnTheLaptop();
        try (Session lee = clinic.lee()) {
            ImportViewModel model = model(lee);
            model.importFile();
            assertThat(model.resultProperty().get()).isEmpty();

            model.fileProperty().set(back);
            model.importFile();
            assertThat(model.problemProperty().get()).isEmpty();
            assertThat(model.resultProperty().get()).startsWith("Imported ").contains("1 new record versions");
            assertThat(shown).hasValue(1);
            assertThat(clinic.workspace.records().listRecords(lee, clinic.mrn)).hasSize(1);

            model.importFile();
            assertThat(model.resultProperty().get()).startsWith("Nothing new");
            assertThat(shown).hasValue(1);

            model.fileProperty().set(toLaptop);
            assertThat(model.resultProperty().get()).isEmpty();
            model.importFile();
            assertThat(model.resultProperty().get()).startsWith("Nothing new");
        }
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aTamperedFileIsRefusedAndSaysNothingWasImported() throws Exception {
        Path tampered = temp.resolve("tampered.clchain");
        Files.copy(toLaptop, tampered);
        try (RandomAccessFile file = new RandomAccessFile(tampered.toFile(), "rw")) {
            file.seek(file.length() / 3);
            int value = file.read();
            file.seek(file.length() / 3);
            file.write(value ^ 0x40);
        }
        try (Session lee = clinic.lee()) {
            ImportViewModel model = model(lee);
            model.fileProperty().set(tampered);
            model.importFile();
            assertThat(model.problemProperty().get()).containsIgnoringCase("nothing was")
                    .doesNotContain("Exception");
            assertThat(model.resultProperty().get()).isEmpty();
            assertThat(model.importingProperty().get()).isFalse();
        }
        assertThat(shown).hasValue(0);
    }

    @Test
    void chainsBothMachinesAddedToAreToldInFullInADialog() {
        Path back = recordAddedOnTheLaptop();
        try (Session lee = clinic.lee()) {
            clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma", Icd10Code.parse("J45"),
                    "At the clinic", List.of()));
            ImportViewModel model = model(lee);
            model.fileProperty().set(back);
            model.importFile();
            assertThat(model.problemProperty().get()).contains("Both machines added to the same chain");
            assertThat(dialogs.shown).singleElement().satisfies(shownText -> assertThat(shownText)
                    .startsWith("error: " + ImportViewModel.REFUSED_TITLE + ": ")
                    .contains("patient/" + clinic.mrn.digits()).contains("doctor/dr.lee"));
            assertThat(clinic.workspace.records().listRecords(lee, clinic.mrn)).hasSize(1);
        }
        assertThat(shown).hasValue(0);
    }
}
