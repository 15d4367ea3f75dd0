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
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;

/** An administrator opens a patient's records in an emergency. */
@Command(name = "emergency", mixinStandardHelpOptions = true,
        description = {"An administrator opens a patient's records in an emergency, for 24 hours: an emergency-access",
            "block on the administrator's and the patient's chains commits to the reason (at least 10 characters,",
            "sealed with the clinic's directory key) and names the second holder of the escrow key who confirmed:",
            "another administrator (--confirm-by) or the recovery sheet (--recovery-sheet -, words on stdin).",
            "The administrator then holds copies of the patient's record keys for the 24 hours.",
            "The administrator's password comes from $CLINICLEDGER_PASSWORD, the second's from",
            "$CLINICLEDGER_SECOND_PASSWORD; else each is asked for.",
            "Exit codes: 0 opened, 1 refused (not an administrator, no such patient, a second person without a",
            "share, another clinic's sheet), 2 bad input (no confirmation, mistyped sheet, the same administrator",
            "twice), 3 authentication failed (either password)."})
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

    @Mixin
    EscrowConfirmationOptions confirmation;

    @Option(names = "--json", description = "Print {\"patient\", \"principal\", \"keyCopies\", \"reasonHash\", \"blocks\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        confirmation.refuseSharedStandardInput(reasons);
        String reason = reasons.text(new TextInput(parent.environment));
        if (reason == null || reason.strip().length() < AccessService.MIN_EMERGENCY_REASON) {
            throw new InvalidInputException("Give the reason for the emergency access, at least "
                    + AccessService.MIN_EMERGENCY_REASON + " characters.");
        }
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(patient);
        if (confirmation.choice == null) {
            throw EscrowConfirmationOptions.missing("An emergency access");
        }
        AccessChange change = AccessCommands.asUser(parent, user, (workspace, session) -> {
            EscrowConfirmation second = confirmation.read(parent.environment);
            try {
                return workspace.access().emergency(session, mrn, reason, second);
            } finally {
                second.wipe();
            }
        });
        AccessCommands.print(spec.commandLine().getOut(), change, json, "Emergency access to patient "
                + new MedicalRecordNumber(change.patient()) + " for " + AccessPolicy.EMERGENCY_WINDOW.toHours()
                + " hours by " + change.principal());
        return ExitCode.OK;
    }
}
