package org.clinicledger.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Patients' records; on its own it only says which sub-command to give. */
@Command(name = "record", mixinStandardHelpOptions = true,
        subcommands = {RecordAddCommand.class, RecordAmendCommand.class, RecordDeleteCommand.class,
            RecordShowCommand.class, RecordDiffCommand.class},
        description = "Add, amend, delete and read patients' encrypted records.")
final class RecordCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing sub-command: record add, record amend, record delete, record show or record diff");
    }

    /** Opens the data folder, logs {@code user} in with the password from the environment or a prompt, and runs {@code work}. */
    <T> T asUser(String user, BiFunction<Workspace, Session, T> work) {
        String actor = Username.normalize(user);
        CommandEnvironment environment = parent.environment;
        Workspace workspace = CommandLineInterface.open(parent.data, false, environment);
        char[] password = new PasswordReader(environment).password(actor);
        Session session;
        try {
            session = workspace.accounts().login(actor, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        try (session) {
            return work.apply(workspace, session);
        }
    }
}
