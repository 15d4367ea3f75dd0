package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An amendment carries the earlier version's attachments over unless the doctor drops them, readable
 * by exactly who may read the new version; and a chart lists each record's current diagnosis for
 * readers the patient's chain admits, logging the reading once per version and session.
 */
class RecordAmendAndChartTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Workspace workspace;
    private RecordService records;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        workspace = clinic.workspace;
        records = workspace.records();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
    }

    private RecordId addWithTwoFiles() throws Exception {
        try (Session lee = clinic.lee()) {
            return records.addRecord(lee, clinic.mrn, new RecordInput("Asthma", Icd10Code.parse("J45.3"), "",
                    List.of(file("scan.png", "scan bytes"), file("letter.pdf", "letter bytes")))).recordId();
        }
    }

    @Test
    void anAmendmentKeepsTheEarlierAttachmentsFirstThenTheNewOnes() throws Exception {
        RecordId id = addWithTwoFiles();
        AddedRecord amended;
        try (Session lee = clinic.lee()) {
            amended = records.amendRecord(lee, id, new RecordInput("Asthma, moderate", Icd10Code.parse("J45.4"), "",
                    List.of(file("peak-flow.txt", "380"))));
        }
        assertThat(amended.version()).isEqualTo(2);
        try (Session patient = clinic.patient()) {
            ShownRecord shown = records.showRecord(patient, id);
            assertThat(shown.latest().attachments()).extracting(AttachmentSummary::name)
                    .containsExactly("scan.png", "letter.pdf", "peak-flow.txt");
            assertThat(new String(records.readAttachment(patient, id, 2, 0), StandardCharsets.UTF_8))
                    .isEqualTo("scan bytes");
            assertThat(new String(records.readAttachment(patient, id, 2, 1), StandardCharsets.UTF_8))
                    .isEqualTo("letter bytes");
            assertThat(new String(records.readAttachment(patient, id, 1, 1), StandardCharsets.UTF_8))
                    .as("the earlier version keeps its own").isEqualTo("letter bytes");
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aDroppedAttachmentIsNotCarriedOverAndANumberThatIsNotThereIsRefused() throws Exception {
        RecordId id = addWithTwoFiles();
        try (Session lee = clinic.lee()) {
            assertThatThrownBy(() -> records.amendRecord(lee, id,
                    new RecordInput("Asthma", null, "", List.of(), Set.of(2))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Version 1 of record " + id + " has attachments 0 to 1 only, so there is no "
                            + "attachment 2 to drop.");
            assertThatThrownBy(() -> records.amendRecord(lee, id,
                    new RecordInput("Asthma", null, "", List.of(), Set.of(-1))))
                    .isInstanceOf(InvalidInputException.class);
            records.amendRecord(lee, id, new RecordInput("Asthma", null, "", List.of(), Set.of(0)));
            assertThat(records.showRecord(lee, id).latest().attachments()).extracting(AttachmentSummary::name)
                    .containsExactly("letter.pdf");
            records.amendRecord(lee, id, new RecordInput("Asthma", null, "", List.of(), Set.of(0)));
            assertThat(records.showRecord(lee, id).latest().attachments()).isEmpty();
            assertThatThrownBy(() -> records.addRecord(lee, clinic.mrn,
                    new RecordInput("Asthma", null, "", List.of(), Set.of(0))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("no earlier attachments");
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aCarriedAttachmentIsReadableToTheNewVersionsReadersAndToNobodyWithoutAccess() throws Exception {
        RecordId id = addWithTwoFiles();
        try (Session lee = clinic.lee()) {
            records.amendRecord(lee, id, new RecordInput("Asthma, moderate", null, "", List.of()));
        }
        try (Session kim = clinic.kim()) {
            assertThatThrownBy(() -> records.readAttachment(kim, id, 2, 0))
                    .as("no grant: the carried file is no more readable than the original")
                    .isInstanceOf(RefusedException.class);
        }
        try (Session patient = clinic.patient()) {
            workspace.access().grant(patient, "dr.kim", null);
        }
        try (Session kim = clinic.kim()) {
            assertThat(new String(records.readAttachment(kim, id, 2, 0), StandardCharsets.UTF_8))
                    .isEqualTo("scan bytes");
            assertThat(new String(records.readAttachment(kim, id, 1, 0), StandardCharsets.UTF_8))
                    .isEqualTo("scan bytes");
        }
    }

    @Test
    void theChartShowsTheCurrentVersionsDiagnosisToReadersAndLogsItOncePerSession() throws Exception {
        RecordId id = addWithTwoFiles();
        try (Session lee = clinic.lee()) {
            records.amendRecord(lee, id, new RecordInput("Asthma, moderate persistent", Icd10Code.parse("J45.4"), "",
                    List.of(), Set.of(1)));
        }
        try (Session lee = clinic.lee(); Session patient = clinic.patient()) {
            int before = workspace.chainBrowser().ownChain(patient).size();
            List<RecordSummary> chart = records.listChart(lee, clinic.mrn);
            assertThat(chart).hasSize(1);
            RecordSummary.Diagnosis diagnosis = chart.get(0).diagnosis();
            assertThat(diagnosis.icd10().value()).as("the current version's code").isEqualTo("J45.4");
            assertThat(diagnosis.text()).isEqualTo("Asthma, moderate persistent");
            assertThat(diagnosis.attachments()).isEqualTo(1);
            List<ChainEntry> after = workspace.chainBrowser().ownChain(patient);
            assertThat(after).hasSize(before + 1);
            assertThat(after.get(after.size() - 1).kind()).isEqualTo(BlockKind.RECORD_VIEWED);

            records.listChart(lee, clinic.mrn);
            assertThat(workspace.chainBrowser().ownChain(patient)).as("the same reading is logged once")
                    .hasSize(before + 1);
        }
        try (Session lee = clinic.lee(); Session patient = clinic.patient()) {
            int before = workspace.chainBrowser().ownChain(patient).size();
            records.listChart(lee, clinic.mrn);
            assertThat(workspace.chainBrowser().ownChain(patient)).as("a new session logs it again")
                    .hasSize(before + 1);
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void theChartDecryptsNothingForADoctorWithoutAccessNorForADeletedRecord() throws Exception {
        RecordId kept = addWithTwoFiles();
        RecordId deleted = addWithTwoFiles();
        try (Session lee = clinic.lee()) {
            records.deleteRecord(lee, deleted, "Written for the wrong patient");
        }
        try (Session patient = clinic.patient()) {
            workspace.access().grant(patient, "dr.kim", null);
        }
        try (Session kim = clinic.kim()) {
            records.addRecord(kim, clinic.mrn, new RecordInput("Sprain", Icd10Code.parse("S93.4"), "", List.of()));
        }
        try (Session patient = clinic.patient()) {
            workspace.access().revoke(patient, "dr.kim");
        }
        try (Session kim = clinic.kim(); Session patient = clinic.patient()) {
            int before = workspace.chainBrowser().ownChain(patient).size();
            List<RecordSummary> chart = records.listChart(kim, clinic.mrn);
            assertThat(chart).as("revoked: only his own record").hasSize(1);
            assertThat(chart.get(0).diagnosis()).as("the author still reads his own").isNotNull();
            assertThat(chart).extracting(RecordSummary::recordId).doesNotContain(kept);
            assertThat(workspace.chainBrowser().ownChain(patient)).hasSize(before + 1);
        }
        try (Session patient = clinic.patient()) {
            List<RecordSummary> chart = records.listChart(patient, clinic.mrn);
            assertThat(chart).hasSize(3);
            assertThat(chart.stream().filter(RecordSummary::deleted).findFirst().orElseThrow().diagnosis())
                    .as("nothing is left to read of a deleted record").isNull();
            assertThat(chart.stream().filter(summary -> !summary.deleted()).allMatch(s -> s.diagnosis() != null))
                    .isTrue();
        }
    }
}
