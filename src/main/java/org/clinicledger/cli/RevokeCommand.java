package org.clinicledger.cli;

import java.util.concurrent.Callable;

import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.MedicalRecordNumber;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A patient revokes a doctor's access to their records. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"A patient revokes a doctor's access (grant or referral): an access-revoked block signed by the",
            "patient, and every key the doctor holds to the patient's records is destroyed at once, except of the",
            "records the doctor wrote. The patient's passphrase comes from $CLINICLEDGER_PASSWORD.",
            "Exit codes: 0 revoked, 1 refused (not a patient, no such doctor), 2 bad input, 3 authentication failed."})
final class RevokeCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "PATIENT", required = true, description = "The patient's MRN (dashes allowed).")
    String user;

    @Option(names = "--doctor", paramLabel = "DR", required = true, description = "The doctor whose access ends.")
    String doctor;

    @Option(names = "--json", description = "Print {\"patient\", \"principal\", \"keyCopies\", \"reasonHash\", \"blocks\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        AccessChange change = AccessCommands.asUser(parent, user, (workspace, session) ->
                workspace.access().revoke(session, doctor));
        AccessCommands.print(spec.commandLine().getOut(), change, json, "Patient "
                + new MedicalRecordNumber(change.patient()) + " revoked the access of " + change.principal() + ", "
                + change.keyCopies() + " key copies destroyed");
        return ExitCode.OK;
    }
}
