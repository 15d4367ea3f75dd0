package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.RegistrationService;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Registration;
import org.clinicledger.domain.Sex;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A receptionist (or an administrator) registers a patient, who may consent to a first doctor. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Register a patient: a new MRN (which is also the patient's username), the patient's account",
            "and chain patient/MRN, and with --doctor the patient's consent to that doctor, signed with the",
            "patient's new key. Name, date of birth, sex and contact are stored encrypted with the clinic's",
            "directory key; give them in --details-file rather than as options, which other local users can see.",
            "The acting user's password comes from $CLINICLEDGER_PASSWORD, else it is asked for;",
            "the patient's new passphrase from $CLINICLEDGER_NEW_PASSWORD, else it is asked for twice.",
            "Someone registered already with the same name and date of birth is reported on stderr as a",
            "possible duplicate; the registration goes ahead.",
            "Exit codes: 0 registered, 1 refused (not a receptionist or administrator, unknown doctor),",
            "2 bad input (name, date, passphrase), 3 authentication failed."})
final class PatientRegisterCommand implements Callable<Integer> {

    @ParentCommand
    PatientCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "USER", required = true,
            description = "Who registers the patient: a receptionist or an administrator.")
    String actingUser;

    @Option(names = "--details-file", paramLabel = "FILE", description = {"A UTF-8 file ('-': standard input) "
            + "holding the patient's details, one per line:", "  name: Ada Byron", "  dob: 1985-12-10",
            "  sex: female      (optional: female, male, other or unknown)",
            "  contact: +44 20 7946 0000      (optional)"})
    Path detailsFile;

    @Mixin
    PatientDetailOptions given;

    @Option(names = "--doctor", paramLabel = "DR",
            description = "Username of the doctor the patient consents to see their records.")
    String doctor;

    @Option(names = "--json", description = "Print {\"mrn\", \"username\", \"chain\", \"doctor\", \"possibleDuplicates\"} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // Everything that can be checked without a password is checked first.
        String actor = Username.normalize(actingUser);
        given.readFrom(detailsFile, parent.parent.environment);
        LocalDate born = PatientDetails.parseDateOfBirth(given.dateOfBirth);
        PatientDetails details = new PatientDetails(given.name, born, given.sex == null ? null : Sex.fromCode(given.sex),
                given.contact);
        String firstDoctor = doctor == null ? null : Username.normalize(doctor);
        Registration registration = SignedInRun.as(parent.parent, actor,
                workspace -> workspace.registrations().checkDetails(details), (workspace, session) -> {
                    RegistrationService registrations = workspace.registrations();
                    // Before the patient types a passphrase for nothing.
                    registrations.requireMayRegister(session, firstDoctor);
                    char[] passphrase = new PasswordReader(parent.parent.environment).newPatientPassphrase();
                    try {
                        return registrations.registerPatient(session, details, passphrase, firstDoctor);
                    } finally {
                        Arrays.fill(passphrase, '\0');
                    }
                });

        PrintWriter err = spec.commandLine().getErr();
        for (MedicalRecordNumber duplicate : registration.possibleDuplicates()) {
            err.printf("warning: looks like %s (same name and date of birth)%n", duplicate);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("mrn", registration.mrn().formatted());
            root.put("username", registration.username());
            root.put("chain", registration.chain().value());
            if (registration.firstDoctor() == null) {
                root.putNull("doctor");
            } else {
                root.put("doctor", registration.firstDoctor().value());
            }
            ArrayNode duplicates = root.putArray("possibleDuplicates");
            registration.possibleDuplicates().forEach(duplicate -> duplicates.add(duplicate.formatted()));
            out.println(root);
        } else {
            out.printf("Registered patient %s (%s)%n", registration.mrn(), registration.chain());
            if (registration.firstDoctor() != null) {
                out.printf("The patient consented to %s.%n", registration.firstDoctor());
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
