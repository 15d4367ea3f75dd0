package org.clinicledger.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.clinicledger.clinic.AccessService;
import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;

/** An administrator opens a patient's records in an emergency. */
@Command(name = "emergency", mixinStandardHelpOptions = true,
        description = {"An administrator opens a patient's records in an emergency, for 24 hours: an emergency-access",
            "block on the administrator's and the patient's chains commits to the reason (at least 10 characters,",
            "sealed with the clinic's directory key); records are then read through the clinic's escrow key.",
            "The administrator's password comes from $CLINICLEDGER_PASSWORD.",
            "Exit codes: 0 opened, 1 refused (not an administrator, no such patient), 2 bad input,",
            "3 authentication failed."})
final class EmergencyCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "ADMIN", required = true, description = "The administrator.")
    String user;

    @Option(names = "--patient", paramLabel = "MRN", required = true, description = "The patient's MRN.")
    String patient;

    @Mixin
    ReasonOptions reasons;

    @Option(names = "--json", description = "Print {\"patient\", \"principal\", \"keyCopies\", \"reasonHash\", \"blocks\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        String reason = reasons.text(new TextInput(parent.environment));
        if (reason == null || reason.strip().length() < AccessService.MIN_EMERGENCY_REASON) {
            throw new InvalidInputException("Give the reason for the emergency access, at least "
                    + AccessService.MIN_EMERGENCY_REASON + " characters.");
        }
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(patient);
        AccessChange change = AccessCommands.asUser(parent, user, (workspace, session) ->
                workspace.access().emergency(session, mrn, reason));
        AccessCommands.print(spec.commandLine().getOut(), change, json, "Emergency access to patient "
                + new MedicalRecordNumber(change.patient()) + " for " + AccessPolicy.EMERGENCY_WINDOW.toHours()
                + " hours by " + change.principal());
        return ExitCode.OK;
    }
}
