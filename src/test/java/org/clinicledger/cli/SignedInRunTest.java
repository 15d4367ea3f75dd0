package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way the commands sign the acting user in: the typed password is wiped and the session closed. */
class SignedInRunTest {

    @TempDir
    Path temp;

    private final List<String> prompts = new ArrayList<>();
    private final List<Workspace> opened = new ArrayList<>();
    private char[] typed;
    private ClinicLedgerCommand root;

    @BeforeEach
    void setUpClinic() throws Exception {
        CommandTerminal terminal = new CommandTerminal();
        Path data = temp.resolve("data");
        ScriptedClinic.create(terminal, data);
        CommandEnvironment environment = new CommandEnvironment(terminal.variables, prompt -> {
            prompts.add(prompt);
            return typed;
        }, terminal.clock, KeyDerivationTuning.minimum());
        root = new ClinicLedgerCommand(environment);
        root.data = data;
    }

    @AfterEach
    void closeWorkspaces() {
        opened.forEach(Workspace::close);
    }

    @Test
    void runsTheWorkSignedInThenWipesThePasswordAndClosesTheSession() {
        typed = ScriptedClinic.LEE_PASSWORD.toCharArray();
        List<Session> sessions = new ArrayList<>();

        String who = SignedInRun.as(root, "dr.lee", opened::add, (workspace, session) -> {
            sessions.add(session);
            assertThat(typed).as("wiped before the work starts").containsOnly('\0');
            return session.username();
        });

        assertThat(who).isEqualTo("dr.lee");
        assertThat(prompts).containsExactly("Password for dr.lee: ");
        assertThat(sessions).singleElement().satisfies(session -> assertThat(session.isClosed()).isTrue());
    }

    @Test
    void aWrongPasswordIsWipedTooAndNothingRuns() {
        typed = "not the password".toCharArray();
        List<Session> sessions = new ArrayList<>();

        assertThatThrownBy(() -> SignedInRun.as(root, "dr.lee", opened::add,
                (workspace, session) -> sessions.add(session)))
                .isInstanceOf(LoginFailedException.class);

        assertThat(typed).containsOnly('\0');
        assertThat(sessions).isEmpty();
    }

    @Test
    void aFailedCheckInTheDataFolderAsksForNoPassword() {
        typed = ScriptedClinic.LEE_PASSWORD.toCharArray();

        assertThatThrownBy(() -> SignedInRun.as(root, "dr.lee", workspace -> {
            opened.add(workspace);
            throw new InvalidInputException("Not like that.");
        }, (workspace, session) -> session)).hasMessage("Not like that.");

        assertThat(prompts).isEmpty();
    }
}
