package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clinicledger.domain.ProofDocument;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof file and the copy, checked by {@code docs/formats/check_proof.py}: a checker written from
 * {@code docs/formats/proof.md} alone, on another language's SHA-256, Ed25519 (OpenSSL, through
 * Python's {@code cryptography}), base64 and JSON. Runs where {@code python3} with that package is
 * installed, and says so where it is not.
 */
class IndependentProofCheckerTest {

    private static final Path CHECKER = Path.of("docs/formats/check_proof.py");

    @TempDir
    Path temp;

    @Test
    void theIndependentCheckerAcceptsAProofAndItsCopyAndRefusesAnotherCopy() throws Exception {
        assumeTrue(pythonWithCryptography(), "python3 with the 'cryptography' package is not installed here");
        TestClinic clinic = new TestClinic(temp.resolve("data"));
        try (clinic.workspace) {
            RecordId record;
            try (Session lee = clinic.lee()) {
                record = clinic.workspace.records().addRecord(lee, clinic.mrn,
                        new RecordInput("Asthma", null, "", List.of())).recordId();
            }
            Path proof;
            Path copy;
            try (Session ada = clinic.patient()) {
                ProofDocument document = clinic.workspace.receipts().proof(ada, record, null);
                proof = Files.write(temp.resolve("proof.json"), document.bytes());
                copy = Files.write(temp.resolve("copy.json"), clinic.workspace.receipts().copy(ada, record, null).bytes());
            }
            String fingerprint = clinic.workspace.clinic().fingerprint().orElseThrow().grouped();
            Path other = Files.writeString(temp.resolve("other.json"), "another record");

            Run holds = run(proof.toString(), copy.toString(), fingerprint);
            assertThat(holds.exitCode()).as(holds.output()).isZero();
            assertThat(holds.output()).doesNotContain("FAILED").contains("ok     inclusion proof leads");
            Run otherCopy = run(proof.toString(), other.toString(), fingerprint);
            assertThat(otherCopy.exitCode()).isEqualTo(1);
            assertThat(otherCopy.output()).contains("FAILED the copy's SHA-256 is the record hash");
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", CHECKER.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static boolean pythonWithCryptography() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import cryptography").redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
