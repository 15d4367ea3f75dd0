package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ChartEvent;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.MyPatient;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A doctor's patients and a patient's chart, on a real clinic, and what someone who can write the
 * data folder gains by editing what they are read from: nothing.
 */
class DoctorDeskTest {

    @TempDir
    Path temp;

    private TestClinic clinic;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
    }

    private ChainId patientChain() {
        return new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
    }

    @Test
    void onlyDoctorsHavePatientsAndCharts() {
        try (Session patient = clinic.patient()) {
            assertThatThrownBy(() -> clinic.workspace.doctorDesk().myPatients(patient))
                    .isInstanceOf(RefusedException.class).hasMessage("Only doctors have patients and charts.");
            assertThatThrownBy(() -> clinic.workspace.doctorDesk().chart(patient, clinic.mrn))
                    .isInstanceOf(RefusedException.class);
        }
    }

    @Test
    void aGrantWithAnEndIsOnTheTimelineWithItsLastDay() {
        try (Session patient = clinic.patient()) {
            clinic.workspace.access().grant(patient, "dr.kim", java.time.LocalDate.of(2099, 12, 31).plusDays(1)
                    .atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        try (Session kim = clinic.kim()) {
            assertThat(clinic.workspace.doctorDesk().chart(kim, clinic.mrn).timeline().get(0).detail())
                    .isEqualTo("Access for dr.kim until 2099-12-31");
        }
    }

    @Test
    void aRevocationEditedAwayInTheDataFolderGivesTheDoctorNoPatient() throws Exception {
        try (Session patient = clinic.patient()) {
            clinic.workspace.access().grant(patient, "dr.kim", null);
            clinic.workspace.access().revoke(patient, "dr.kim");
        }
        ChainId kim;
        try (Session session = clinic.kim()) {
            kim = session.chain();
            assertThat(clinic.workspace.doctorDesk().myPatients(session)).isEmpty();
        }
        // The revocation on the patient's chain made into a grant again, without the patient's key.
        assertThat(new RawTables(clinic.workspace.root()).rewriteBlocks(patientChain(), BlockKind.ACCESS_REVOKED,
                BlockKind.ACCESS_GRANTED, AccessEvents.grant(patientChain(), kim, null))).isEqualTo(1);
        try (Session session = clinic.kim()) {
            assertThat(clinic.workspace.doctorDesk().myPatients(session)).as("a forged grant stands for nobody")
                    .isEmpty();
        }
        try (Session lee = clinic.lee()) {
            assertThat(clinic.workspace.doctorDesk().myPatients(lee)).extracting(MyPatient::why)
                    .as("nor does the patient's real grant, until the folder is restored").isEmpty();
        }
    }

    @Test
    void aDeletionReasonSwappedInTheDataFolderIsSaidToFailItsCheck() throws Exception {
        try (Session lee = clinic.lee()) {
            RecordId first = clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Asthma", Icd10Code.parse("J45"), "", List.of())).recordId();
            RecordId second = clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Hay fever", null, "", List.of())).recordId();
            clinic.workspace.records().deleteRecord(lee, first, "Written for the wrong patient");
            clinic.workspace.records().deleteRecord(lee, second, "A duplicate of another record");
            RawTables raw = new RawTables(clinic.workspace.root());
            byte[] other = raw.bytes("SELECT sealed_reason FROM record_deletions WHERE record_id = ?", second.value());
            assertThat(raw.update("UPDATE record_deletions SET sealed_reason = ? WHERE record_id = ?", other,
                    first.value())).isEqualTo(1);

            List<ChartEvent> timeline = clinic.workspace.doctorDesk().chart(lee, clinic.mrn).timeline();
            assertThat(timeline).filteredOn(event -> event.kind() == BlockKind.RECORD_DELETED)
                    .extracting(ChartEvent::recordId, ChartEvent::detail)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(first.value(),
                                    "The reason fails its check against the chain."),
                            org.assertj.core.groups.Tuple.tuple(second.value(),
                                    "Reason: A duplicate of another record"));
        }
    }
}
