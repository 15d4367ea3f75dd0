package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a patient's records without reading them, and browsing one's own chain. */
class ChainBrowserAndListingTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Workspace workspace;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        workspace = clinic.workspace;
    }

    private AddedRecord addRecord(Session doctor, String diagnosis) {
        return workspace.records().addRecord(doctor, clinic.mrn, new RecordInput(diagnosis,
                Icd10Code.parse("J45"), "", List.of()));
    }

    @Test
    void listingShowsWhatTheReaderMaySeeAndLogsNothing() {
        try (Session lee = clinic.lee(); Session kim = clinic.kim(); Session patient = clinic.patient()) {
            AddedRecord first = addRecord(lee, "Asthma");
            AddedRecord second = addRecord(lee, "Hay fever");
            workspace.records().deleteRecord(lee, second.recordId(), "Written for the wrong patient");
            long blocks = workspace.chainBrowser().ownChain(patient).size();

            List<RecordSummary> listed = workspace.records().listRecords(lee, clinic.mrn);
            assertThat(listed).extracting(RecordSummary::recordId)
                    .containsExactlyInAnyOrder(first.recordId(), second.recordId());
            RecordSummary deleted = listed.stream().filter(RecordSummary::deleted).findFirst().orElseThrow();
            assertThat(deleted.recordId()).isEqualTo(second.recordId());
            RecordSummary live = listed.stream().filter(summary -> !summary.deleted()).findFirst().orElseThrow();
            assertThat(live.latestVersion()).isEqualTo(1);
            assertThat(live.author()).isEqualTo("dr.lee");
            assertThat(workspace.records().listRecords(patient, clinic.mrn)).hasSize(2);
            assertThat(workspace.records().listRecords(kim, clinic.mrn))
                    .as("no grant, no records of his own").isEmpty();
            assertThat(workspace.chainBrowser().ownChain(patient)).as("listing writes no block").hasSize((int) blocks);
        }
    }

    @Test
    void aPatientCannotListAnotherPatientsRecords() {
        try (Session patient = clinic.patient()) {
            assertThatThrownBy(() -> workspace.records().listRecords(patient, MedicalRecordNumber.parse("000000000")))
                    .isInstanceOf(RuntimeException.class);
        }
        try (Session lee = clinic.lee()) {
            MedicalRecordNumber other = MedicalRecordNumber.generate(new java.util.Random(7));
            assertThatThrownBy(() -> workspace.records().listRecords(lee, other))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("There is no patient");
        }
    }

    @Test
    void theOwnChainNamesKindsPartiesSignersAndRecords() {
        try (Session lee = clinic.lee(); Session patient = clinic.patient()) {
            AddedRecord added = addRecord(lee, "Asthma");
            workspace.records().showRecord(lee, added.recordId());
            workspace.records().showRecord(patient, added.recordId());

            List<ChainEntry> chain = workspace.chainBrowser().ownChain(patient);
            assertThat(chain).extracting(ChainEntry::kind).containsExactly(BlockKind.REGISTRATION,
                    BlockKind.ACCESS_GRANTED, BlockKind.RECORD_ADDED, BlockKind.RECORD_VIEWED, BlockKind.RECORD_VIEWED);
            assertThat(chain).extracting(ChainEntry::height).containsExactly(0L, 1L, 2L, 3L, 4L);
            ChainEntry leeRead = chain.get(3);
            assertThat(leeRead.actor()).isEqualTo(lee.chain());
            assertThat(leeRead.counterpart()).isEqualTo(lee.chain());
            assertThat(leeRead.recordId()).isEqualTo(added.recordId().value());
            assertThat(leeRead.recordVersion()).isEqualTo(1);
            ChainEntry ownRead = chain.get(4);
            assertThat(ownRead.actor()).isEqualTo(patient.chain());
            assertThat(ownRead.counterpart()).isNull();
            assertThat(chain.get(2).hash()).isEqualTo(added.blockHashes().get(1));

            List<ChainEntry> doctors = workspace.chainBrowser().ownChain(lee);
            assertThat(doctors).extracting(ChainEntry::kind).containsExactly(BlockKind.REGISTRATION,
                    BlockKind.ACCESS_GRANTED, BlockKind.RECORD_ADDED, BlockKind.RECORD_VIEWED);
            assertThat(doctors.get(1).counterpart()).isEqualTo(patient.chain());
            assertThat(doctors.get(1).actor()).isEqualTo(patient.chain());
        }
    }
}
