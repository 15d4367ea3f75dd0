package org.clinicledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;


import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.clinicledger.crypto.SignedNote;
import org.clinicledger.crypto.TlogCheckpoint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.exchange.ProofCheck;
import org.clinicledger.exchange.ProofFile;
import org.clinicledger.exchange.RecordProof;

/**
 * Fuzz tests for what a proof file brings from outside: the file itself, the C2SP signed note and
 * checkpoint it carries, and the verifier keys it names. Each reader may refuse only in its
 * documented way, and the check of a proof that reads never throws. The corpus under
 * {@code src/test/resources/org/clinicledger/fuzz/ProofFuzzTestInputs/} (real files among it) runs
 * in every build; {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ProofFuzzTest#<method>} fuzzes one target.
 */
class ProofFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void proofFilesDecodeOrRefuseClearly(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        RecordProof proof;
        try {
            proof = ProofFile.decode(bytes);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).startsWith("This is not a ClinicLedger proof file: ");
            return;
        }
        ProofCheck.Checked checked = ProofCheck.check(proof, bytes, null);
        assertThat(checked.checks()).isNotEmpty().allSatisfy(check -> assertThat(check.sentence()).isNotBlank());
        assertThat(ProofFile.decode(ProofFile.encode(proof)).recordHash()).isEqualTo(proof.recordHash());
    }

    @FuzzTest(maxDuration = "30s")
    void signedNotesParseOrRefuseClearly(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            SignedNote.Parsed parsed = SignedNote.parse(bytes);
            assertThat(parsed.text()).endsWith("\n");
            assertThat(parsed.signatures()).isNotEmpty().hasSizeLessThanOrEqualTo(SignedNote.MAX_SIGNATURES);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void checkpointsParseOrRefuseClearly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            TlogCheckpoint checkpoint = TlogCheckpoint.parse(text);
            assertThat(text).startsWith(checkpoint.text());
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void verifierKeysParseOrRefuseClearly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            assertThat(SignedNote.VerifierKey.parse(text).encoded()).isEqualTo(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
