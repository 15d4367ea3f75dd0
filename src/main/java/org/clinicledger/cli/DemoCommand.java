package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.DemoClinic;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Fills an empty data folder with a fictional clinic and prints every account it made. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Fill an empty data folder with a fictional clinic, through the same services as real use:",
            "an administrator, a receptionist, doctors, and patients with records (some with attachments),",
            "amendments, deletions, referrals, grants, revocations and emergency accesses.",
            "Prints every account with its password. The same seed gives the same people and events;",
            "MRNs, keys and passwords are random. Demo accounts use the lowest password cost allowed",
            "(Argon2id 19 MiB, 2 passes) so that thousands are made in minutes: never use a demo clinic",
            "for real patients. With --open the window then opens on it; a folder that holds a clinic",
            "already is opened as it is (its passwords were printed when it was made).",
            "Exit codes: 0 made, 1 refused (the folder has a clinic), 2 bad input or unusable folder."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "100",
            description = "Patients to register (default ${DEFAULT-VALUE}, at most " + DemoClinic.MAX_PATIENTS + ").")
    int patients;

    @Option(names = "--doctors", paramLabel = "D", defaultValue = "8",
            description = "Doctors to add (default ${DEFAULT-VALUE}).")
    int doctors;

    @Option(names = "--records-per-patient", paramLabel = "R", defaultValue = "5",
            description = "Records each patient's first doctor writes (default ${DEFAULT-VALUE}).")
    int recordsPerPatient;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed for who the people are and what happens to them (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--open", description = "Then open the window on the demo clinic; if the folder holds a "
            + "clinic already, just open it.")
    boolean open;

    @Option(names = "--json", description = "Print {\"clinic\", \"seconds\", \"activity\", \"accounts\": "
            + "[{\"username\", \"role\", \"password\", \"id\"}]} as JSON; a patient's id is their MRN.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DemoClinic.Plan plan = new DemoClinic.Plan(patients, doctors, recordsPerPatient, seed);
        CommandEnvironment environment = parent.environment;
        Workspace workspace = CommandLineInterface.open(parent.data, true, new CommandEnvironment(
                environment.variables(), environment.terminal(), environment.clock(), DemoClinic.passwordCost()));
        PrintWriter err = spec.commandLine().getErr();
        if (open && workspace.accounts().isSetUp()) {
            err.println("clinicledger: " + TerminalText.escape(workspace.root().toString()) + " holds a clinic "
                    + "already; opening it as it is (a demo's passwords were printed when it was made).");
            err.flush();
            parent.windowRequested = true;
            return ExitCode.OK;
        }
        DemoClinic.Result result = DemoClinic.fill(workspace, plan, environment.clock(),
                environment.terminal() == null ? Progress.NONE : new TerminalProgress(err));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("clinic", result.clinic());
            root.put("seconds", result.elapsed().toMillis() / 1000.0);
            ObjectNode activity = root.putObject("activity");
            result.activity().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(entry -> activity.put(entry.getKey().description(), entry.getValue()));
            ArrayNode accounts = root.putArray("accounts");
            for (DemoClinic.DemoAccount account : result.accounts()) {
                ObjectNode item = accounts.addObject();
                item.put("username", account.username());
                item.put("role", account.role().code());
                item.put("password", account.password());
                item.put("id", account.id());
            }
            root.put("recoverySheet", result.recoverySheet());
            out.println(mapper.writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "Made %s in %.1f s: %d doctors, %d patients.%n", result.clinic(),
                    result.elapsed().toMillis() / 1000.0, doctors, patients);
            result.activity().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(entry ->
                    out.printf(Locale.ROOT, "  %-20s %,d%n", entry.getKey().description(), entry.getValue()));
            out.println("Accounts (fictional people; the passwords are for trying ClinicLedger out):");
            out.printf(Locale.ROOT, "  %-14s %-20s %-20s %s%n", "role", "username", "password", "id");
            for (DemoClinic.DemoAccount account : result.accounts()) {
                out.printf(Locale.ROOT, "  %-14s %-20s %-20s %s%n", account.role().code(), account.username(),
                        account.password(), account.id());
            }
            out.println("Recovery sheet (confirms emergency access and key recovery with the one administrator):");
            out.println("  " + result.recoverySheet());
        }
        out.flush();
        parent.windowRequested = open;
        return ExitCode.OK;
    }

    /** One line on the terminal, rewritten at most once a second. */
    private static final class TerminalProgress implements Progress {
        private final PrintWriter err;
        private long lastShown;

        TerminalProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void update(long done, long total, String message) {
            long now = System.nanoTime();
            if (done < total && now - lastShown < 1_000_000_000L) {
                return;
            }
            lastShown = now;
            err.printf(Locale.ROOT, "\r%s: %,d of %,d", message, done, total);
            if (done >= total) {
                err.println();
            }
            err.flush();
        }
    }
}
