package org.clinicledger.ui.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.common.ViewTestSupport.ScriptedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Save my copy…" on a real clinic: what is written, where, and what the person is told. */
class PatientCopyViewModelTest {

    @TempDir
    Path temp;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final ScriptedFiles files = new ScriptedFiles();
    private TestClinic clinic;
    private Session patient;
    private RecordId recordId;
    private PatientCopyViewModel model;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        try (Session lee = clinic.lee()) {
            recordId = clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma",
                    Icd10Code.parse("J45"), "Inhaler", List.of())).recordId();
            clinic.workspace.records().amendRecord(lee, recordId, new RecordInput("Asthma, mild",
                    Icd10Code.parse("J45"), "Inhaler when needed", List.of()));
        }
        patient = clinic.patient();
        model = new PatientCopyViewModel(clinic.workspace, patient, BackgroundTasks.direct(dialogs), files);
    }

    @AfterEach
    void tearDown() {
        patient.close();
    }

    @Test
    void savesTheCopyWhoseSha256IsTheHashItShows() throws Exception {
        Path target = temp.resolve("my-copy.json");
        files.toSave.add(target);
        model.save(recordId, 1);

        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(target)));
        assertThat(clinic.workspace.receipts().checkHash(hash)).isNotEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Saved your copy of record " + recordId.value()
                + ", version 1, as my-copy.json. Its SHA-256 is the record hash on your chain and on the receipt: "
                + "sha256sum my-copy.json prints " + hash + ".");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.savingProperty().get()).isFalse();
        assertThat(Files.list(temp)).as("no temporary file left").extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("data", "my-copy.json");
    }

    @Test
    void theNewestVersionByDefaultOwnerOnlyReplacingWhatWasThere() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path target = Files.writeString(temp.resolve("copy.json"), "an older file");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        files.toSave.add(target);
        model.save(recordId, null);

        assertThat(model.messageProperty().get()).contains(", version 2, as copy.json.");
        assertThat(Files.readString(target)).contains("Asthma, mild");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void cancellingWritesNothingAndSaysNothing() throws Exception {
        model.save(recordId, null);
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(Files.list(temp)).extracting(path -> path.getFileName().toString()).containsExactly("data");
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aFolderThatDoesNotExistIsSaidInPlainWordsAndLeavesTheFormUsable() throws Exception {
        Path target = temp.resolve("no-such-folder").resolve("copy.json");
        files.toSave.add(target);
        model.save(recordId, null);
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.problemProperty().get()).isEqualTo("The folder of " + target + " does not exist.");
        assertThat(model.savingProperty().get()).isFalse();
        assertThat(dialogs.shown).isEmpty();
    }
}
