package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Role;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's own chain as the paper's table reads it: the other party by name, and for a block
 * naming a record its diagnosis, only when the patient's chain lets the reader read that version
 * now; the reading logged as a chart logs it, once per version per session.
 */
class ReadableChainTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Workspace workspace;
    private ChainBrowser browser;
    private ChainId patientChain;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        workspace = clinic.workspace;
        browser = workspace.chainBrowser();
        patientChain = new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
    }

    private RecordId addAsthma() throws Exception {
        Path scan = Files.writeString(temp.resolve("scan.png"), "scan", StandardCharsets.UTF_8);
        Path letter = Files.writeString(temp.resolve("letter.pdf"), "letter", StandardCharsets.UTF_8);
        try (Session lee = clinic.lee()) {
            return workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Wheezing at night",
                    Icd10Code.parse("J45.3"), "Inhaler", List.of(scan, letter))).recordId();
        }
    }

    private int blocksOf(ChainId chain) {
        try (Session reader = chain.equals(patientChain) ? clinic.patient() : clinic.login(chain.subject(),
                chain.subject().equals("dr.lee") ? TestClinic.LEE_PASSWORD : TestClinic.KIM_PASSWORD)) {
            return browser.ownChain(reader).size();
        }
    }

    private static List<ChainLine> naming(List<ChainLine> lines, RecordId id, BlockKind kind) {
        return lines.stream().filter(line -> id.value().equals(line.entry().recordId()) && line.entry().kind() == kind)
                .toList();
    }

    @Test
    void theDoctorSeesTheDiagnosisThePatientByNameAndTheFilesAndTheReadingIsLoggedOncePerSession() throws Exception {
        RecordId id = addAsthma();
        int patientBlocks = blocksOf(patientChain);
        try (Session lee = clinic.lee()) {
            int before = browser.ownChain(lee).size();
            List<ChainLine> lines = browser.readableChain(lee);

            ChainLine added = naming(lines, id, BlockKind.RECORD_ADDED).get(0);
            assertThat(added.counterpartName()).isEqualTo("Ada Byron");
            ChainLine.Ehr ehr = added.record();
            assertThat(ehr.patient()).isEqualTo(clinic.mrn.digits());
            assertThat(ehr.patientName()).isEqualTo("Ada Byron");
            assertThat(ehr.number()).isEqualTo(1);
            assertThat(ehr.version()).isEqualTo(1);
            assertThat(ehr.deleted()).isFalse();
            assertThat(ehr.diagnosis().icd10().value()).isEqualTo("J45.3");
            assertThat(ehr.icd10Title()).isEqualTo("Mild persistent asthma");
            assertThat(ehr.diagnosis().text()).isEqualTo("Wheezing at night");
            assertThat(ehr.diagnosis().attachments()).isEqualTo(2);

            // Reading the diagnosis is reading the record: one record-viewed block, on both chains, and it is listed.
            assertThat(lines).hasSize(before + 1);
            ChainLine viewed = lines.get(lines.size() - 1);
            assertThat(viewed.entry().kind()).isEqualTo(BlockKind.RECORD_VIEWED);
            assertThat(viewed.record().diagnosis().text()).isEqualTo("Wheezing at night");
            assertThat(blocksOf(patientChain)).isEqualTo(patientBlocks + 1);

            assertThat(browser.readableChain(lee)).as("the same session logs it once").hasSize(before + 1);
            assertThat(workspace.records().listChart(lee, clinic.mrn).get(0).diagnosis()).isNotNull();
            assertThat(browser.ownChain(lee)).as("nor does the chart log it again").hasSize(before + 1);
        }
        try (Session lee = clinic.lee()) {
            int before = browser.ownChain(lee).size();
            browser.readableChain(lee);
            assertThat(browser.ownChain(lee)).as("a new session logs it again").hasSize(before + 1);
        }
    }

    @Test
    void thePatientSeesTheirOwnDiagnosesAndNoNames() throws Exception {
        RecordId id = addAsthma();
        try (Session patient = clinic.patient()) {
            int before = browser.ownChain(patient).size();
            List<ChainLine> lines = browser.readableChain(patient);
            ChainLine added = naming(lines, id, BlockKind.RECORD_ADDED).get(0);
            assertThat(added.record().diagnosis().icd10().value()).isEqualTo("J45.3");
            assertThat(added.record().patientName()).as("names are sealed for staff").isNull();
            assertThat(added.counterpartName()).isNull();
            assertThat(added.entry().counterpart()).isEqualTo(new ChainId(PartyKind.DOCTOR, "dr.lee"));
            // The patient's own reading is on their chain alone, once.
            assertThat(lines).hasSize(before + 1);
            ChainEntry own = lines.get(lines.size() - 1).entry();
            assertThat(own.kind()).isEqualTo(BlockKind.RECORD_VIEWED);
            assertThat(own.counterpart()).isNull();
            assertThat(browser.readableChain(patient)).hasSize(before + 1);
        }
    }

    @Test
    void aRevokedDoctorSeesNoDiagnosisOnTheirOwnChainAndDecryptsNothing() throws Exception {
        RecordId id = addAsthma();
        try (Session patient = clinic.patient()) {
            workspace.access().grant(patient, "dr.kim", null);
        }
        try (Session kim = clinic.kim()) {
            workspace.records().showRecord(kim, id);
        }
        try (Session kim = clinic.kim()) {
            assertThat(naming(browser.readableChain(kim), id, BlockKind.RECORD_VIEWED).get(0).record().diagnosis())
                    .as("with access, the diagnosis shows").isNotNull();
        }
        try (Session patient = clinic.patient()) {
            workspace.access().revoke(patient, "dr.kim");
        }
        int patientBlocks = blocksOf(patientChain);
        try (Session kim = clinic.kim()) {
            int before = browser.ownChain(kim).size();
            List<ChainLine> lines = browser.readableChain(kim);
            List<ChainLine> viewed = naming(lines, id, BlockKind.RECORD_VIEWED);
            assertThat(viewed).isNotEmpty();
            assertThat(viewed).allSatisfy(line -> {
                assertThat(line.record().diagnosis()).isNull();
                assertThat(line.record().icd10Title()).isNull();
                assertThat(line.record().patientName()).as("a name is not a diagnosis").isEqualTo("Ada Byron");
            });
            assertThat(lines).as("nothing was read, so nothing is logged").hasSize(before);
            assertThat(browser.ownChain(kim)).hasSize(before);
        }
        assertThat(blocksOf(patientChain)).isEqualTo(patientBlocks);
    }

    @Test
    void aDoctorReferredToAndRevokedBeforeReadingSeesNoDiagnosisAndOthersSeeTheirName() throws Exception {
        RecordId id = addAsthma();
        try (Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD)) {
            workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.berg", "doctor password 3".toCharArray(),
                    new AccountDetails("Dr Anna Berg", "Cardiology", null));
        }
        try (Session lee = clinic.lee()) {
            workspace.access().refer(lee, clinic.mrn, "dr.berg", "Second opinion");
            ChainLine referral = browser.readableChain(lee).stream()
                    .filter(line -> line.entry().kind() == BlockKind.REFERRAL
                            && line.entry().counterpart().party() == PartyKind.DOCTOR)
                    .findFirst().orElseThrow();
            assertThat(referral.counterpartName()).isEqualTo("Dr Anna Berg");
            assertThat(referral.record()).isNull();
        }
        try (Session patient = clinic.patient()) {
            workspace.access().revoke(patient, "dr.berg");
        }
        int patientBlocks = blocksOf(patientChain);
        try (Session berg = clinic.login("dr.berg", "doctor password 3")) {
            int before = browser.ownChain(berg).size();
            List<ChainLine> lines = browser.readableChain(berg);
            assertThat(lines).hasSize(before);
            assertThat(lines).allSatisfy(line -> assertThat(line.record()).isNull());
            assertThat(lines).noneMatch(line -> id.value().equals(line.entry().recordId()));
            assertThat(lines).filteredOn(line -> line.entry().kind() == BlockKind.REFERRAL)
                    .extracting(ChainLine::counterpartName).containsExactly((String) null);
        }
        assertThat(blocksOf(patientChain)).isEqualTo(patientBlocks);
    }

    @Test
    void aDeletedRecordIsShownDeletedAndNothingIsRead() throws Exception {
        RecordId id = addAsthma();
        try (Session lee = clinic.lee()) {
            workspace.records().deleteRecord(lee, id, "Wrong patient");
        }
        try (Session lee = clinic.lee()) {
            int before = browser.ownChain(lee).size();
            List<ChainLine> lines = browser.readableChain(lee);
            assertThat(lines).hasSize(before);
            assertThat(lines).filteredOn(line -> id.value().equals(line.entry().recordId()))
                    .hasSize(2).allSatisfy(line -> {
                        assertThat(line.record().deleted()).isTrue();
                        assertThat(line.record().diagnosis()).isNull();
                    });
        }
    }

    @Test
    void anAmendedRecordShowsEachVersionsOwnDiagnosis() throws Exception {
        RecordId id = addAsthma();
        try (Session lee = clinic.lee()) {
            workspace.records().amendRecord(lee, id, new RecordInput("Worse at night", Icd10Code.parse("J45.4"),
                    "", List.of()));
        }
        try (Session lee = clinic.lee()) {
            List<ChainLine> lines = browser.readableChain(lee);
            assertThat(naming(lines, id, BlockKind.RECORD_ADDED).get(0).record().diagnosis().icd10().value())
                    .isEqualTo("J45.3");
            ChainLine amended = naming(lines, id, BlockKind.RECORD_AMENDED).get(0);
            assertThat(amended.record().version()).isEqualTo(2);
            assertThat(amended.record().diagnosis().icd10().value()).isEqualTo("J45.4");
            assertThat(amended.record().diagnosis().attachments()).as("carried over").isEqualTo(2);
            assertThat(naming(lines, id, BlockKind.RECORD_VIEWED)).as("each version read is logged")
                    .extracting(line -> line.record().version()).containsExactlyInAnyOrder(1, 2);
        }
    }
}
