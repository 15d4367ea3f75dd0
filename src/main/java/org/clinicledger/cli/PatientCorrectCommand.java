package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientFile;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Sex;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A receptionist (or an administrator) corrects a patient's demographics, as "Correct details…" does
 * in the window: a demographics-corrected block on the patient's chain and theirs keeps the version
 * replaced (decision 0027). The details come as {@code patient register} takes them.
 */
@Command(name = "correct", mixinStandardHelpOptions = true,
        description = {"Correct a patient's name, date of birth, sex or contact. Only what is given changes; the rest",
            "stays as it is. The patient's chain keeps the version replaced, sealed, with a signed block.",
            "Give the details in --details-file rather than as options, which other local users can see.",
            "The acting user's password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 corrected, 1 refused (not a receptionist or administrator, no such patient),",
            "2 bad input (MRN, name, date, nothing changed), 3 authentication failed."})
final class PatientCorrectCommand implements Callable<Integer> {

    @ParentCommand
    PatientCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MRN", description = "The patient's medical record number.")
    String mrnText;

    @Option(names = "--user", paramLabel = "USER", required = true,
            description = "Who corrects the details: a receptionist or an administrator.")
    String actingUser;

    @Option(names = "--details-file", paramLabel = "FILE", description = {"A UTF-8 file ('-': standard input) "
            + "holding the details to change, one per line:", "  name: Ada King", "  dob: 1985-12-11",
            "  sex: female      (female, male, other or unknown)", "  contact: +44 20 7946 0000"})
    Path detailsFile;

    @Mixin
    PatientDetailOptions given;

    @Override
    public Integer call() throws Exception {
        // Everything that can be checked without a password is checked first.
        String actor = Username.normalize(actingUser);
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(mrnText);
        given.readFrom(detailsFile, parent.parent.environment);
        if (!given.anyGiven()) {
            throw new InvalidInputException("Give at least one detail to correct: --details-file, or --name, --dob, "
                    + "--sex or --contact.");
        }
        LocalDate born = given.dateOfBirth == null ? null : PatientDetails.parseDateOfBirth(given.dateOfBirth);
        Sex newSex = given.sex == null ? null : Sex.fromCode(given.sex);
        PatientFile file = SignedInRun.as(parent.parent, actor, (workspace, session) -> {
            PatientDetails now = workspace.registrations().patientDetails(session, mrn).orElseThrow(() ->
                    new RefusedException("There is no patient " + mrn.formatted() + "."));
            PatientDetails corrected = new PatientDetails(given.name == null ? now.name() : given.name,
                    born == null ? now.dateOfBirth() : born, newSex == null ? now.sex() : newSex,
                    given.contact == null ? now.contact() : given.contact);
            return workspace.registrations().correctPatient(session, mrn, corrected);
        });
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Corrected the details of patient %s; the earlier version is kept on their chain (%d %s).%n",
                file.mrn().formatted(), file.corrections().size(),
                file.corrections().size() == 1 ? "correction" : "corrections");
        out.flush();
        return ExitCode.OK;
    }
}
