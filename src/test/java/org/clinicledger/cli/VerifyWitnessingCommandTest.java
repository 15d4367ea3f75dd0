package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.testing.ThreeMachineClinic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} says, in its text and its JSON, how many machines witness each chain's newest checkpoint. */
class VerifyWitnessingCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theJsonCountsWitnessedCheckpointsOnceTwoOfThreeMachinesCosigned() throws Exception {
        ThreeMachineClinic clinic = ThreeMachineClinic.create(temp.resolve("data"));
        JsonNode before = verifyJson(clinic.data()).get("witnessing");
        assertThat(before.get("machines").asInt()).isEqualTo(3);
        assertThat(before.get("checkpoints").asInt()).isEqualTo(4);
        assertThat(before.get("witnessed").asInt()).isZero();

        clinic.cosignEveryChain(clinic.second());

        JsonNode after = verifyJson(clinic.data()).get("witnessing");
        assertThat(after.get("witnessed").asInt()).isEqualTo(4);
        assertThat(after.get("chains")).hasSize(4).allSatisfy(chain -> {
            assertThat(chain.get("behind").asInt()).isEqualTo(2);
            assertThat(chain.get("witnessed").asBoolean()).isTrue();
        });
        assertThat(after.get("chains").get(0).get("chain").asText()).startsWith("clinic/");
    }

    @Test
    void aClinicOfOneMachineIsSaidToWitnessNothing() {
        Path data = temp.resolve("one");
        try (Workspace workspace = Workspace.open(data, true, java.time.Clock.systemUTC(),
                KeyDerivationTuning.minimum())) {
            workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray());
        }
        assertThat(run("verify", "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("Witnessing: the clinic has one machine, so no checkpoint is witnessed");
    }

    private JsonNode verifyJson(Path data) throws Exception {
        out.getBuffer().setLength(0);
        run("verify", "--json", "--data", data.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    private int run(String... arguments) {
        PrintWriter printed = new PrintWriter(out);
        PrintWriter errors = new PrintWriter(err);
        int code = CommandLineInterface.run(arguments, printed, errors).exitCode();
        printed.flush();
        errors.flush();
        return code;
    }
}
