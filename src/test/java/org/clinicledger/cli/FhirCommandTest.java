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

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.exchange.FhirBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.context.FhirContext;

/** {@code fhir} as a patient's or a doctor's script runs it: the file, the printed Bundle, refusals and exit codes. */
class FhirCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4Cached();

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
        CommandTerminal.Result added = run(LEE_PASSWORD, "record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis", "Mild persistent asthma \u2014 \u00e9pisode", "--icd10", "J45.3", "--json");
        assertThat(added.exitCode()).as(added.err()).isZero();
        record = JSON.readTree(added.out()).get("record").asText();
    }

    /** Runs a command on the clinic's folder; {@code password} null: one that asks for none. */
    private CommandTerminal.Result run(String password, String... args) {
        return terminal.runOn(data, password, args);
    }

    private static Bundle parse(String json) {
        return FHIR.newJsonParser().parseResource(Bundle.class, json);
    }

    @Test
    void thePatientsFileIsOwnerOnlyAndItsProvenanceProvesTheirCopyOffline() throws Exception {
        Path bundleFile = temp.resolve("bundle.json");
        CommandTerminal.Result written = run(PASSPHRASE, "fhir", "--user", mrn, "--patient", mrn, "--out",
                bundleFile.toString(), "--json");
        assertThat(written.exitCode()).as(written.err()).isZero();
        JsonNode summary = JSON.readTree(written.out());
        assertThat(summary.get("records").asInt()).isEqualTo(1);
        assertThat(summary.get("bytes").asLong()).isEqualTo(Files.size(bundleFile));
        assertThat(summary.get("anchored").asBoolean()).isTrue();
        assertThat(Files.getPosixFilePermissions(bundleFile)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));

        Bundle bundle = parse(Files.readString(bundleFile));
        Condition condition = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Condition.class::isInstance).map(Condition.class::cast).findFirst().orElseThrow();
        assertThat(condition.getCode().getText()).isEqualTo("Mild persistent asthma \u2014 \u00e9pisode");
        Provenance provenance = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst().orElseThrow();

        Path copy = temp.resolve("copy.json");
        assertThat(run(PASSPHRASE, "record", "copy", "--user", mrn, "--record", record, "--out", copy.toString())
                .exitCode()).isZero();
        assertThat(provenance.getExtensionByUrl(FhirBundle.RECORD_HASH).getValue().primitiveValue())
                .isEqualTo(Hex.encode(Sha256.digest(Files.readAllBytes(copy))));
        Path proof = Files.write(temp.resolve("proof.json"), provenance.getSignatureFirstRep().getData());
        String fingerprint = JSON.readTree(Files.readAllBytes(proof)).get("clinicKey").asText();
        CommandTerminal.Result verified = terminal.run("verify-proof", proof.toString(), "--copy", copy.toString(),
                "--clinic", fingerprint, "--against", data.toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("The proof holds.");
    }

    @Test
    void withoutOutTheBundleIsPrintedAndReadsBackWhole() {
        CommandTerminal.Result printed = run(LEE_PASSWORD, "fhir", "--user", "dr.lee", "--patient", mrn);

        assertThat(printed.exitCode()).as(printed.err()).isZero();
        Bundle bundle = parse(printed.out());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(printed.out()).contains("\u00e9pisode");
    }

    @Test
    void aDoctorWithoutAccessIsRefusedAndNothingIsWritten() {
        Path bundleFile = temp.resolve("kim.json");
        CommandTerminal.Result refused = run(KIM_PASSWORD, "fhir", "--user", "dr.kim", "--patient", mrn, "--out",
                bundleFile.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err()).contains("Access denied").doesNotContain("Exception");
        assertThat(bundleFile).doesNotExist();
        assertThat(temp).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void unusableOptionsAreUsageErrorsBeforeAnyPassword() throws Exception {
        Path existing = Files.writeString(temp.resolve("there.json"), "keep me");

        CommandTerminal.Result there = run(null, "fhir", "--user", mrn, "--patient", mrn, "--out", existing.toString());
        CommandTerminal.Result json = run(null, "fhir", "--user", mrn, "--patient", mrn, "--json");
        CommandTerminal.Result badMrn = run(null, "fhir", "--user", mrn, "--patient", "12x", "--out", "x.json");

        assertThat(List.of(there, json, badMrn)).allSatisfy(result -> {
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err().strip().lines()).hasSize(1);
        });
        assertThat(Files.readString(existing, StandardCharsets.UTF_8)).isEqualTo("keep me");
    }
}
