package org.clinicledger.ui.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;

import org.clinicledger.clinic.Session;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.common.ViewTestSupport.ScriptedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.io.TempDir;

/** "Export as FHIR…" on a real clinic: what is written, what a cancel and a refusal leave, and what the person is told. */
class FhirExportViewModelTest {

    @TempDir
    Path temp;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final ScriptedFiles files = new ScriptedFiles();
    private TestClinic clinic;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        try (Session lee = clinic.lee()) {
            clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma", Icd10Code.parse("J45"),
                    "Inhaler", List.of()));
        }
    }

    @AfterEach
    void tearDown() {
        clinic.workspace.close();
    }

    @Test
    void savesTheBundleWhereChosenAndSaysWhatItHolds() throws Exception {
        Path target = temp.resolve("ada.fhir.json");
        files.toSave.add(target);
        int[] read = new int[1];
        try (Session lee = clinic.lee()) {
            FhirExportViewModel model = new FhirExportViewModel(clinic.workspace, lee, BackgroundTasks.direct(dialogs),
                    files);
            model.setOnRead(() -> read[0]++);
            model.export(clinic.mrn);

            assertThat(model.messageProperty().get()).startsWith("Saved ada.fhir.json: an HL7 FHIR R4 Bundle of one "
                    + "record and no attachments").contains("plain text");
            assertThat(model.problemProperty().get()).isEmpty();
            assertThat(Files.readString(target)).startsWith("{\"resourceType\":\"Bundle\"");
            assertThat(read[0]).isEqualTo(1);
            assertThat(model.exportingProperty().get()).isFalse();
        }
    }

    @Test
    void withoutAttachmentsEachIsListedBySizeAndHashAndTheMessageSaysSo() throws Exception {
        Path scan = Files.write(temp.resolve("chest.png"), new byte[] {1, 2, 3, 4});
        try (Session lee = clinic.lee()) {
            clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Cough", Icd10Code.parse("R05"),
                    "X-ray", List.of(scan)));
        }
        Path target = temp.resolve("ada.fhir.json");
        files.toSave.add(target);
        try (Session lee = clinic.lee()) {
            FhirExportViewModel model = new FhirExportViewModel(clinic.workspace, lee, BackgroundTasks.direct(dialogs),
                    files);
            model.includeAttachmentsProperty().set(false);
            model.export(clinic.mrn);

            assertThat(model.messageProperty().get()).startsWith("Saved ada.fhir.json: an HL7 FHIR R4 Bundle of 2 "
                    + "records and one attachment listed by size and hash without their contents");
            Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                    Files.readString(target));
            List<DocumentReference> documents = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(DocumentReference.class::isInstance).map(DocumentReference.class::cast).toList();
            assertThat(documents).singleElement().satisfies(document -> {
                assertThat(document.getContentFirstRep().getAttachment().hasData()).isFalse();
                assertThat(document.getContentFirstRep().getAttachment().getSize()).isEqualTo(4);
                assertThat(document.getContentFirstRep().getAttachment().getExtensionFirstRep().getValue().primitiveValue())
                        .isEqualTo(Hex.encode(Sha256.digest(new byte[] {1, 2, 3, 4})));
            });
        }
    }

    @Test
    void cancellingTheFileChooserWritesAndLogsNothing() {
        try (Session lee = clinic.lee()) {
            FhirExportViewModel model = new FhirExportViewModel(clinic.workspace, lee, BackgroundTasks.direct(dialogs),
                    files);
            int[] read = new int[1];
            model.setOnRead(() -> read[0]++);
            model.export(clinic.mrn);

            assertThat(model.messageProperty().get()).isEmpty();
            assertThat(read[0]).isZero();
            assertThat(temp).isDirectoryNotContaining("glob:**.json");
        }
    }

    @Test
    void aRefusalIsSaidInPlainWordsAndLeavesNoFile() {
        Path target = temp.resolve("kim.fhir.json");
        files.toSave.add(target);
        try (Session kim = clinic.kim()) {
            FhirExportViewModel model = new FhirExportViewModel(clinic.workspace, kim, BackgroundTasks.direct(dialogs),
                    files);
            model.export(clinic.mrn);

            assertThat(model.problemProperty().get()).startsWith("Access denied: dr.kim has no access to patient");
            assertThat(model.messageProperty().get()).isEmpty();
            assertThat(target).doesNotExist();
            assertThat(dialogs.shown).isEmpty();
        }
    }
}
