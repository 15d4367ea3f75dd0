package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicledger.cli.ScriptedClinic.KIM_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.LEE_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.PASSPHRASE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.testing.Folders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record copy}, {@code proof}, {@code receipt}, {@code verify-proof} and {@code check-hash}
 * as a patient's script runs them: what they write, what they print, and their exit codes.
 */
class ReceiptCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;
    private String mrn;
    private String record;

    @BeforeEach
    void setUpClinic() throws Exception {
        data = temp.resolve("data");
        mrn = ScriptedClinic.create(terminal, data);
        terminal.variables.clear();
        terminal.password(LEE_PASSWORD);
        CommandTerminal.Result added = terminal.run("record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis", "Asthma", "--json", "--data", data.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        record = JSON.readTree(added.out()).get("record").asText();
    }

    /** Runs a command on the clinic's folder; {@code password} null: one that asks for none. */
    private CommandTerminal.Result run(String password, String... args) {
        return terminal.runOn(data, password, args);
    }

    @Test
    void thePatientWritesACopyAProofAndAReceiptThatVerifyOffline() throws Exception {
        Path copy = temp.resolve("copy.json");
        Path proof = temp.resolve("proof.json");
        Path receipt = temp.resolve("receipt.pdf");

        CommandTerminal.Result copied = run(PASSPHRASE, "record", "copy", "--user", mrn, "--record", record, "--out",
                copy.toString());
        assertThat(copied.exitCode()).as(copied.err()).isZero();
        String recordHash = Hex.encode(Sha256.digest(Files.readAllBytes(copy)));
        assertThat(copied.out()).contains("Record hash: " + recordHash);
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));

        CommandTerminal.Result proved = run(PASSPHRASE, "proof", "--user", mrn, "--record", record, "--version", "1",
                "--out", proof.toString(), "--json");
        assertThat(proved.exitCode()).as(proved.err()).isZero();
        JsonNode summary = JSON.readTree(proved.out());
        assertThat(summary.get("recordHash").asText()).isEqualTo(recordHash);
        assertThat(summary.get("origin").asText()).endsWith("/patient/" + mrn.replace("-", ""));

        CommandTerminal.Result printed = run(PASSPHRASE, "receipt", "--user", mrn, "--record", record, "--out",
                receipt.toString(), "--paper", "letter");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(new String(Files.readAllBytes(receipt), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        String fingerprint = JSON.readTree(Files.readAllBytes(proof)).get("clinicKey").asText();
        CommandTerminal.Result verified = terminal.run("verify-proof", proof.toString(), "--copy", copy.toString(),
                "--clinic", fingerprint, "--against", data.toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("The proof holds.").doesNotContain("FAILED");

        CommandTerminal.Result json = terminal.run("verify-proof", proof.toString(), "--json");
        assertThat(JSON.readTree(json.out()).get("holds").asBoolean()).isTrue();
        assertThat(JSON.readTree(json.out()).get("standing").asText()).isEqualTo("not-checked");

        CommandTerminal.Result found = run(null, "check-hash", recordHash);
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).startsWith("It is a record hash").doesNotContain(mrn, mrn.replace("-", ""));
        CommandTerminal.Result foundJson = run(null, "check-hash", recordHash.toUpperCase(), "--json");
        assertThat(JSON.readTree(foundJson.out()).get("findings").get(0).get("kind").asText()).isEqualTo("record-hash");
    }

    @Test
    void aProofThatDoesNotHoldExitsOneAndSaysWhy() throws Exception {
        Path proof = temp.resolve("proof.json");
        assertThat(run(PASSPHRASE, "proof", "--user", mrn, "--record", record, "--out", proof.toString()).exitCode())
                .isZero();
        Path older = Folders.copy(data, temp.resolve("older"));
        ObjectNode changed = (ObjectNode) JSON.readTree(Files.readAllBytes(proof));
        changed.put("recordHash", "0".repeat(64));
        Path forged = Files.write(temp.resolve("forged.json"), JSON.writeValueAsBytes(changed));

        CommandTerminal.Result result = terminal.run("verify-proof", forged.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.out()).contains("FAILED The block does not say what the proof says", "The proof does not hold.");

        Path copy = temp.resolve("other.txt");
        Files.writeString(copy, "not the record");
        assertThat(terminal.run("verify-proof", proof.toString(), "--copy", copy.toString()).exitCode())
                .isEqualTo(ExitCode.FAILED);

        // A receipt printed after more was written, checked against the older folder: rolled back.
        terminal.password(LEE_PASSWORD);
        assertThat(terminal.run("record", "add", "--user", "dr.lee", "--patient", mrn, "--diagnosis", "Hay fever",
                "--data", data.toString()).exitCode()).isZero();
        Path later = temp.resolve("later.json");
        assertThat(run(PASSPHRASE, "proof", "--user", mrn, "--record", record, "--out", later.toString()).exitCode())
                .isZero();
        CommandTerminal.Result rolledBack = terminal.run("verify-proof", later.toString(), "--against", older.toString());
        assertThat(rolledBack.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(rolledBack.out()).contains("FAILED Rolled back", "was rolled back since the checkpoint");
    }

    @Test
    void unusableInputGetsOneLineAndExitTwo() throws Exception {
        Path proof = temp.resolve("proof.json");
        Files.writeString(proof, "{\"format\":\"clinicledger-proof/1\"}");
        CommandTerminal.Result notAProof = terminal.run("verify-proof", proof.toString());
        assertThat(notAProof.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notAProof.err().strip()).startsWith("clinicledger: This is not a ClinicLedger proof file")
                .doesNotContain("\n");
        assertThat(terminal.run("verify-proof", temp.resolve("missing.json").toString()).exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(terminal.run("verify-proof", proof.toString(), "--clinic", "nope").exitCode())
                .isEqualTo(ExitCode.USAGE);

        CommandTerminal.Result notAHash = run(null, "check-hash", "abc");
        assertThat(notAHash.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notAHash.err()).contains("64 hexadecimal digits");
        CommandTerminal.Result notFound = run(null, "check-hash", "ab".repeat(32));
        assertThat(notFound.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(notFound.out()).startsWith("Not found");

        Path existing = Files.writeString(temp.resolve("existing.json"), "keep me");
        CommandTerminal.Result refused = run(PASSPHRASE, "record", "copy", "--user", mrn, "--record", record, "--out",
                existing.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("already exists", "--force");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(run(PASSPHRASE, "record", "copy", "--user", mrn, "--record", record, "--out", existing.toString(),
                "--force").exitCode()).isZero();
        assertThat(Files.readString(existing)).startsWith("{\"about\"");

        assertThat(run(PASSPHRASE, "receipt", "--user", mrn, "--record", record, "--out",
                temp.resolve("r.pdf").toString(), "--paper", "A5").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run(PASSPHRASE, "proof", "--user", mrn, "--record", record, "--version", "0", "--out",
                temp.resolve("p.json").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.exists(temp.resolve("p.json"))).isFalse();
    }

    @Test
    void aDoctorWithoutAccessGetsNothingAndAWrongPasswordExitsThree() {
        Path out = temp.resolve("copy.json");
        assertThat(run(KIM_PASSWORD, "record", "copy", "--user", "dr.kim", "--record", record, "--out", out.toString())
                .exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run("wrong password", "receipt", "--user", mrn, "--record", record, "--out", out.toString())
                .exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(Files.exists(out)).isFalse();
    }
}
