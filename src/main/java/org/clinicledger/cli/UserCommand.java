package org.clinicledger.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The accounts of the clinic's people; on its own it only says which sub-command to give. */
@Command(name = "user", mixinStandardHelpOptions = true,
        subcommands = {UserAddCommand.class, UserUnlockCommand.class, UserRecoverCommand.class,
            UserDeactivateCommand.class, UserReactivateCommand.class, UserPasswdCommand.class},
        description = "Add staff accounts, clear sign-in delays, recover the keys of anyone who forgot their password, "
                + "deactivate and reactivate accounts, change your own password.")
final class UserCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing sub-command: user add, user unlock, user recover, "
                + "user deactivate, user reactivate or user passwd");
    }
}
