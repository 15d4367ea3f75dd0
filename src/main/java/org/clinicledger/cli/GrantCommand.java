package org.clinicledger.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A patient grants a doctor access to their records. */
@Command(name = "grant", mixinStandardHelpOptions = true,
        description = {"A patient grants a doctor access to their records, until the end of a day (UTC) or without end:",
            "an access-granted block signed by the patient on their chain and the doctor's, and a copy of the key of",
            "every existing record for the doctor. The patient's passphrase comes from $CLINICLEDGER_PASSWORD.",
            "Exit codes: 0 granted, 1 refused (not a patient, no such doctor), 2 bad input, 3 authentication failed."})
final class GrantCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "PATIENT", required = true, description = "The patient's MRN (dashes allowed).")
    String user;

    @Option(names = "--doctor", paramLabel = "DR", required = true, description = "The doctor to grant access to.")
    String doctor;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD",
            description = "The last day (UTC) of the grant; without it the grant has no end.")
    String until;

    @Option(names = "--json", description = "Print {\"patient\", \"principal\", \"keyCopies\", \"reasonHash\", \"blocks\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Instant end = null;
        if (until != null) {
            try {
                end = LocalDate.parse(until.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("The date " + until + " is not a date written YYYY-MM-DD.");
            }
        }
        Instant grantEnd = end;
        AccessChange change = AccessCommands.asUser(parent, user, (workspace, session) ->
                workspace.access().grant(session, doctor, grantEnd));
        AccessCommands.print(spec.commandLine().getOut(), change, json, "Patient "
                + new MedicalRecordNumber(change.patient()) + " granted " + change.principal() + " access"
                + (grantEnd == null ? "" : " until " + grantEnd) + ", " + change.keyCopies() + " key copies");
        return ExitCode.OK;
    }
}
