package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;

import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.Receipt;
import org.clinicledger.domain.ReceiptVerdict;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.exchange.ReceiptCode;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.ledger.Witnesses;
import org.clinicledger.testing.ExtraMachines;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receipts of a clinic of three machines: a receipt's checkpoint carries the cosignatures made of
 * it, and the receipt check says "witnessed by 2 of 3 machines" once a second machine has cosigned
 * it (or a later checkpoint that extends it); a receipt without cosignatures still reads and matches.
 */
class ReceiptWitnessingTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Workspace workspace;
    private RecordId record;
    private SigningKey second;

    @BeforeEach
    void aClinicOfThreeMachinesWithARecord() {
        clinic = new TestClinic(temp.resolve("data"));
        workspace = clinic.workspace;
        try (Session lee = workspace.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
            record = workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma, mild persistent", null,
                    "Inhaler twice a day", List.of())).recordId();
        }
        Random random = new Random(temp.toString().hashCode());
        try (Session admin = workspace.accounts().login("admin", "admin password 1".toCharArray())) {
            SigningKey clinicKey = ClinicKeyOfTestClinic.open(workspace, admin);
            second = ExtraMachines.register(workspace, clinicKey, random);
            ExtraMachines.register(workspace, clinicKey, random);
            clinicKey.destroy();
        }
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void aReceiptIsWitnessedOnceASecondOfThreeMachinesCosignedItsCheckpoint() {
        Receipt before = receipt();
        ReceiptVerdict unwitnessed = workspace.receipts().checkReceiptText(ReceiptCode.encode(before), null);
        assertThat(unwitnessed.matches()).isTrue();
        assertThat(String.join(" ", unwitnessed.details())).doesNotContain("witnessed");

        cosignThePatientsChainAs(second);

        Receipt after = receipt();
        assertThat(after.checkpoint().signedNote()).contains("/witness/" + second.keyId() + " ");
        assertThat(after.checkpoint().signedNote().lines().filter(line -> line.startsWith("\u2014 "))).hasSize(2);
        ReceiptVerdict witnessed = workspace.receipts().checkReceiptText(ReceiptCode.encode(after), null);
        assertThat(witnessed.matches()).isTrue();
        assertThat(witnessed.details()).anySatisfy(detail ->
                assertThat(detail).startsWith("The checkpoint is witnessed by 2 of 3 machines of this clinic"));
        // The receipt printed before it was cosigned reads as it did, and is witnessed by what the folder holds.
        assertThat(workspace.receipts().checkReceiptText(ReceiptCode.encode(before), null).details())
                .anySatisfy(detail -> assertThat(detail).contains("witnessed by 2 of 3 machines"));
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aLaterCheckpointThatExtendsTheReceiptsWitnessesItToo() {
        Receipt printed = receipt();
        try (Session lee = workspace.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
            workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Hay fever", null, "", List.of()));
        }
        cosignThePatientsChainAs(second);

        assertThat(workspace.receipts().checkReceiptText(ReceiptCode.encode(printed), null).details())
                .anySatisfy(detail -> assertThat(detail).contains("witnessed by 2 of 3 machines"));
    }

    private void cosignThePatientsChainAs(SigningKey machine) {
        ChainId patient = new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
        Witnesses.Cosigning done = workspace.database().write("cosign", work ->
                new Witnesses(Clock.systemUTC()).cosign(work, machine, patient));
        assertThat(done.result()).isEqualTo(Witnesses.Cosigning.Result.COSIGNED);
    }

    private Receipt receipt() {
        try (Session ada = workspace.accounts().login(clinic.mrn.digits(), TestClinic.PATIENT_PASSPHRASE.toCharArray())) {
            return workspace.receipts().receipt(ada, record, null);
        }
    }
}
