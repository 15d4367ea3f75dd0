package org.clinicledger.cli;

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
            RecordShowCommand.class, RecordDiffCommand.class, RecordCopyCommand.class},
        description = "Add, amend, delete and read patients' encrypted records.")
final class RecordCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing sub-command: record add, record amend, record delete, record show, record diff or record copy");
    }

    /** Runs {@code work} signed in as {@code user}, a doctor's username or a patient's MRN. */
    <T> T asUser(String user, BiFunction<Workspace, Session, T> work) {
        return SignedInRun.as(parent, Username.normalize(user), work);
    }
}
