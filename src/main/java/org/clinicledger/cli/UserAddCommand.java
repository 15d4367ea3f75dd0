package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.domain.Account;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** An administrator (or, for doctors, a receptionist) adds an account for a member of staff. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add an account for a member of staff and start their chain (staff/USER or doctor/USER).",
            "The acting user's password comes from $CLINICLEDGER_PASSWORD, else it is asked for; the new",
            "account's from $CLINICLEDGER_NEW_PASSWORD, else it is asked for twice. Name, specialty and licence",
            "are stored encrypted with the clinic's directory key. Patients are registered with 'patient register'.",
            "A new administrator gets a share of the escrow key, which needs a second holder: --confirm-by ADMIN",
            "(password from $CLINICLEDGER_SECOND_PASSWORD, else asked for) or --recovery-sheet - (words on stdin).",
            "Exit codes: 0 added, 1 refused (taken username, not allowed, no share), 2 bad input (no or mistyped",
            "confirmation), 3 authentication failed."})
final class UserAddCommand implements Callable<Integer> {

    /** The keys of {@code --details-file}, named as the options they stand for. */
    private static final Set<String> DETAILS = new LinkedHashSet<>(List.of("name", "specialty", "licence"));

    @ParentCommand
    UserCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "USER", required = true,
            description = "Who is adding the account: an administrator, or a receptionist adding a doctor.")
    String actingUser;

    @Option(names = "--role", paramLabel = "ROLE", required = true,
            description = "administrator, receptionist or doctor.")
    String role;

    @Option(names = "--username", paramLabel = "U", required = true,
            description = "The new account's username (3-32 of a-z, 0-9, '.', '_', '-').")
    String username;

    @Option(names = "--details-file", paramLabel = "FILE", description = {"A UTF-8 file ('-': standard input) "
            + "holding the person's details, each optional, one per line:", "  name: Ana Lee",
            "  specialty: Cardiology      (doctors only)", "  licence: GMC-1234      (doctors only)"})
    Path detailsFile;

    @Option(names = "--name", paramLabel = "TEXT",
            description = "The person's name (stored encrypted)." + TextInput.VISIBLE + "--details-file.")
    String name;

    @Option(names = "--specialty", paramLabel = "TEXT",
            description = "A doctor's specialty (stored encrypted)." + TextInput.VISIBLE + "--details-file.")
    String specialty;

    @Option(names = "--licence", paramLabel = "TEXT",
            description = "A doctor's licence number (stored encrypted)." + TextInput.VISIBLE + "--details-file.")
    String licence;

    @Mixin
    EscrowConfirmationOptions confirmation;

    @Option(names = "--json", description = "Print {\"username\", \"role\", \"chain\"} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Role newRole = Role.fromCode(role);
        if (newRole == Role.PATIENT) {
            throw new InvalidInputException("Patients are not added with 'user add': register them with "
                    + "'patient register', which makes their MRN their username.");
        }
        String newUsername = Username.normalize(username);
        String actor = Username.normalize(actingUser);
        if (detailsFile != null) {
            if (name != null || specialty != null || licence != null) {
                throw new InvalidInputException("Give --details-file or --name, --specialty and --licence, not both.");
            }
            Map<String, String> form = new TextInput(parent.parent.environment).form(detailsFile, "--details-file",
                    DETAILS);
            name = form.get("name");
            specialty = form.get("specialty");
            licence = form.get("licence");
        }
        AccountDetails details = new AccountDetails(name, specialty, licence);
        if (newRole == Role.ADMINISTRATOR && confirmation.choice == null) {
            throw EscrowConfirmationOptions.missing("Adding an administrator");
        }
        Account account = SignedInRun.as(parent.parent, actor, (workspace, session) -> {
            EscrowConfirmation second = newRole == Role.ADMINISTRATOR ? confirmation.read(parent.parent.environment)
                    : null;
            char[] newPassword = null;
            try {
                newPassword = new PasswordReader(parent.parent.environment).newPassword(newUsername);
                return workspace.accounts().addAccount(session, newRole, newUsername, newPassword, details, second);
            } finally {
                if (newPassword != null) {
                    Arrays.fill(newPassword, '\0');
                }
                if (second != null) {
                    second.wipe();
                }
            }
        });

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("username", account.username());
            root.put("role", account.role().code());
            root.put("chain", account.chain().value());
            out.println(root);
        } else {
            out.printf("Added %s %s (chain %s).%n", account.role().code(), account.username(), account.chain());
        }
        out.flush();
        return ExitCode.OK;
    }
}
