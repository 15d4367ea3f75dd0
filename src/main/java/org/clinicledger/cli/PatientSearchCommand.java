package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Searches the directory of patients. It prints names, which is what a search is for; they go to
 * the terminal only, never into the log.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search the directory of patients by part of a name (any case, accents optional), by MRN",
            "(with or without dashes) or by date of birth (YYYY-MM-DD). Prints one line per patient:",
            "MRN, name, date of birth. For staff only. The acting user's password comes from",
            "$CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 found, 1 no patient matches or refused (a patient's account), 2 bad input,",
            "3 authentication failed."})
final class PatientSearchCommand implements Callable<Integer> {

    @ParentCommand
    PatientCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "USER", required = true, description = "Who searches: a member of staff.")
    String actingUser;

    @Parameters(paramLabel = "QUERY", arity = "0..*", description = "Words of a name, an MRN, or a date of birth; "
            + "several words must all match." + TextInput.VISIBLE + "--query-file.")
    List<String> query = new ArrayList<>();

    @Option(names = "--query-file", paramLabel = "FILE",
            description = "A UTF-8 file holding the query ('-': standard input).")
    Path queryFile;

    @Option(names = "--json", description = "Print {\"patients\": [{\"mrn\", \"name\", \"dateOfBirth\", \"sex\"}]} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String actor = Username.normalize(actingUser);
        String text = new TextInput(parent.parent.environment).oneOf(query.isEmpty() ? null : String.join(" ", query),
                "QUERY", queryFile, "--query-file");
        if (text == null) {
            throw new InvalidInputException("Give what to search for with --query-file (or as QUERY).");
        }
        List<PatientSummary> found = SignedInRun.as(parent.parent, actor, (workspace, session) ->
                workspace.registrations().searchPatients(session, text));

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            ArrayNode patients = root.putArray("patients");
            for (PatientSummary patient : found) {
                ObjectNode entry = patients.addObject();
                entry.put("mrn", patient.mrn().formatted());
                entry.put("name", patient.name());
                entry.put("dateOfBirth", patient.dateOfBirth().toString());
                if (patient.sex() == null) {
                    entry.putNull("sex");
                } else {
                    entry.put("sex", patient.sex().code());
                }
            }
            out.println(root);
        } else {
            for (PatientSummary patient : found) {
                out.printf("%s  %s  %s%n", patient.mrn(), patient.name(), patient.dateOfBirth());
            }
        }
        out.flush();
        if (found.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("clinicledger: No patient matches.");
            err.flush();
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}
