package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Application;
import javafx.scene.Node;

import org.clinicledger.cli.CommandEnvironment;
import org.clinicledger.cli.CommandLineInterface;
import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a data folder whose database was copied back after a revocation: a blocking page
 * names the chains and their sizes and the way forward, and after an administrator accepts the
 * rollback the window opens as usual.
 */
class RollbackWindowTest extends FxRobot {

    @TempDir
    Path temp;

    private Application application;

    @BeforeEach
    void registerStage() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeApplication() throws TimeoutException {
        if (application != null) {
            FxToolkit.cleanupApplication(application);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void aDatabaseCopiedBackShowsABlockingWarningUntilAnAdministratorAcceptsIt() throws Exception {
        Path data = temp.resolve("clinic");
        TestClinic clinic = new TestClinic(data);
        String patient = "patient/" + clinic.mrn.digits();
        clinic.workspace.close();
        launch(data);
        waitUntil(() -> showing("#signInView"));
        FxToolkit.cleanupApplication(application);
        application = null;

        Path aside = temp.resolve("clinicledger.db");
        Files.copy(data.resolve("clinicledger.db"), aside);
        try (Workspace workspace = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
             Session ada = workspace.accounts().login(clinic.mrn.digits(), TestClinic.PATIENT_PASSPHRASE.toCharArray())) {
            workspace.access().revoke(ada, "dr.lee");
        }
        Files.copy(aside, data.resolve("clinicledger.db"), StandardCopyOption.REPLACE_EXISTING);

        launch(data);
        waitUntil(() -> showing("#openingProblemView"));
        assertThat(showing("#signInView")).isFalse();
        String warning = lookup("#openingProblemMessage").queryLabeled().getText();
        assertThat(warning).contains("rolled back").contains(patient).contains("doctor/dr.lee")
                .containsPattern("covers \\d+ blocks; this machine saw \\d+ blocks").contains("accept-rollback");
        assertThat(lookup("#quitButton").tryQuery()).isPresent();
        FxToolkit.cleanupApplication(application);
        application = null;

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLineInterface.run(new String[] {"accept-rollback", "--data", data.toString(), "--user", "admin",
            "--reason", "The copy from before the revocation is the one to keep"}, new PrintWriter(out),
                new PrintWriter(err), new CommandEnvironment(Map.of("CLINICLEDGER_PASSWORD", "admin password 1"), null,
                        Clock.systemUTC(), KeyDerivationTuning.minimum())).exitCode();
        assertThat(code).as(err.toString()).isZero();

        launch(data);
        waitUntil(() -> showing("#signInView"));
    }

    /**
     * The window opens before the folder is tidied, but never before it is compared with this
     * machine's memory: a leftover file in a rolled-back folder (which may be what putting the newest
     * copy back restores) stays while the warning blocks the window, and goes once the folder is
     * trusted again and the window is up.
     */
    @Test
    void theWindowTidiesOnlyAFolderItFoundAsNewAsItSawAfterShowingIt() throws Exception {
        Path data = temp.resolve("clinic");
        TestClinic clinic = new TestClinic(data);
        clinic.workspace.close();
        Path aside = temp.resolve("clinicledger.db");
        Files.copy(data.resolve("clinicledger.db"), aside);
        try (Workspace workspace = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
             Session ada = workspace.accounts().login(clinic.mrn.digits(), TestClinic.PATIENT_PASSPHRASE.toCharArray())) {
            workspace.access().revoke(ada, "dr.lee");
        }
        Files.copy(aside, data.resolve("clinicledger.db"), StandardCopyOption.REPLACE_EXISTING);
        Path leftover = data.resolve("vault").resolve("ab").resolve("ab" + "0".repeat(62));
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[1_000]);
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        launch(data);
        waitUntil(() -> showing("#openingProblemView"));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertThat(leftover).as("a rolled-back folder is not tidied").exists();
        FxToolkit.cleanupApplication(application);
        application = null;
        assertThat(leftover).exists();

        int code = CommandLineInterface.run(new String[] {"accept-rollback", "--data", data.toString(), "--user", "admin",
            "--reason", "The copy from before the revocation is the one to keep"}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), new CommandEnvironment(Map.of("CLINICLEDGER_PASSWORD",
                        "admin password 1"), null, Clock.systemUTC(), KeyDerivationTuning.minimum())).exitCode();
        assertThat(code).isZero();
        launch(data);
        waitUntil(() -> showing("#signInView"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !Files.exists(leftover));
    }

    private void launch(Path dataFolder) throws TimeoutException {
        application = FxToolkit.setupApplication(ClinicLedgerApp.class, "--data=" + dataFolder);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(java.util.function.Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::get);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean showing(String query) {
        return lookup(query).tryQuery().map(node -> {
            for (Node at = node; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return node.getScene() != null && node.getScene().getWindow().isShowing();
        }).orElse(false);
    }
}
