package org.clinicledger.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;

/** A doctor with access refers a patient to another doctor. */
@Command(name = "refer", mixinStandardHelpOptions = true,
        description = {"A doctor with access refers a patient to another doctor: referral blocks on the referring",
            "doctor's, the patient's and the receiving doctor's chains commit to the reason (sealed with the clinic's",
            "directory key), and the receiving doctor gets a copy of the key of every existing record.",
            "The doctor's password comes from $CLINICLEDGER_PASSWORD.",
            "Exit codes: 0 referred, 1 refused (no access, no such doctor or patient), 2 bad input,",
            "3 authentication failed."})
final class ReferCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "DR", required = true, description = "The referring doctor.")
    String user;

    @Option(names = "--patient", paramLabel = "MRN", required = true, description = "The patient's MRN.")
    String patient;

    @Option(names = "--to", paramLabel = "DR2", required = true, description = "The doctor the patient is referred to.")
    String to;

    @Mixin
    ReasonOptions reasons;

    @Option(names = "--json", description = "Print {\"patient\", \"principal\", \"keyCopies\", \"reasonHash\", \"blocks\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        String reason = reasons.text(new TextInput(parent.environment));
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("Give the reason for the referral.");
        }
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(patient);
        AccessChange change = AccessCommands.asUser(parent, user, (workspace, session) ->
                workspace.access().refer(session, mrn, to, reason));
        AccessCommands.print(spec.commandLine().getOut(), change, json, "Patient "
                + new MedicalRecordNumber(change.patient()) + " referred to " + change.principal() + ", "
                + change.keyCopies() + " key copies");
        return ExitCode.OK;
    }
}
