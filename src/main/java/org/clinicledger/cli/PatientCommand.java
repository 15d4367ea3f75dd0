package org.clinicledger.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The clinic's patients; on its own it only says which sub-command to give. */
@Command(name = "patient", mixinStandardHelpOptions = true,
        subcommands = {PatientRegisterCommand.class, PatientSearchCommand.class, PatientCorrectCommand.class},
        description = "Register patients, search the directory of patients and correct their details.")
final class PatientCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing sub-command: patient register, patient search or patient correct");
    }
}
