package org.clinicledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.KeyRecovery;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Username;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** An administrator gives a person who forgot their password new keys, visibly on the person's chain. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Recover the keys of a person who forgot their password (a member of staff, a doctor, or a",
            "patient by MRN): new keys sealed under a new password, a key-recovered block on the person's chain",
            "and the administrator's, and every record key the person held re-wrapped for the new keys from the",
            "clinic's escrow copy. The old password stops working.",
            "The administrator's password comes from $CLINICLEDGER_PASSWORD, else it is asked for; the person's",
            "new password from $CLINICLEDGER_NEW_PASSWORD, else it is asked for twice (hand the keyboard over).",
            "Exit codes: 0 recovered, 1 refused (not an administrator, unknown user, your own account),",
            "2 bad input (weak password, missing or unreadable reason), 3 authentication failed."})
final class UserRecoverCommand implements Callable<Integer> {

    /** The most a reason file may hold: far more than the longest reason, and never read whole if larger. */
    static final int MAX_REASON_BYTES = 16 * 1024;

    @ParentCommand
    UserCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "Whose keys: a username, or a patient's MRN.")
    String username;

    @Option(names = "--user", paramLabel = "ADMIN", required = true, description = "The administrator.")
    String actingUser;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Reason reason;

    static final class Reason {
        @Option(names = "--reason-file", paramLabel = "FILE",
                description = "A UTF-8 file holding why the keys are recovered (at least "
                        + KeyRecovery.MIN_REASON + " characters), or '-' to read it from standard input.")
        Path file;

        @Option(names = "--reason", paramLabel = "TEXT",
                description = "The reason inline. Command lines are visible to other local users of this "
                        + "computer (ps): prefer --reason-file.")
        String inline;
    }

    @Option(names = "--json", description = "Print {\"username\", \"chain\", \"recordKeys\", \"block\"} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String actor = Username.normalize(actingUser);
        String text = reason.inline != null ? reason.inline : readReason(reason.file);
        // Said before anyone types a password; the service checks it again.
        if (text.strip().length() < KeyRecovery.MIN_REASON) {
            throw new InvalidInputException("Give the reason for the key recovery, at least " + KeyRecovery.MIN_REASON
                    + " characters.");
        }
        KeyRecovery.Recovered recovered = SignedInRun.as(parent.parent, actor,
                workspace -> {
                    if (workspace.accounts().account(username).isEmpty()) {
                        throw new RefusedException("There is no account " + username
                                + " whose keys could be recovered.");
                    }
                },
                (workspace, session) -> {
                    String whose = workspace.accounts().account(username).orElseThrow().username();
                    char[] newPassword = new PasswordReader(parent.parent.environment).newPassword(whose);
                    try {
                        return workspace.keyRecovery().recover(session, username, newPassword, text);
                    } finally {
                        Arrays.fill(newPassword, '\0');
                    }
                });

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("username", recovered.account().username());
            root.put("chain", recovered.account().chain().value());
            root.put("recordKeys", recovered.recordKeys());
            root.put("block", recovered.blockHash());
            out.println(root);
        } else {
            out.printf("Recovered the keys of %s (chain %s): %d record key copies now open with the new password; "
                    + "the old one no longer works.%n", recovered.account().username(), recovered.account().chain(),
                    recovered.recordKeys());
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The reason from a file or standard input: UTF-8, at most {@value #MAX_REASON_BYTES} bytes. */
    private static String readReason(Path file) {
        boolean stdin = file.toString().equals("-");
        try (InputStream in = stdin ? System.in : Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_REASON_BYTES + 1);
            if (bytes.length > MAX_REASON_BYTES) {
                throw new InvalidInputException("The reason " + (stdin ? "on standard input" : "file") + " is larger than "
                        + MAX_REASON_BYTES / 1024 + " KiB; a reason is at most " + KeyRecovery.MAX_REASON + " characters.");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The reason " + (stdin ? "on standard input" : "file") + " is not UTF-8 text.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the reason file " + TerminalText.escape(file) + ": "
                    + TerminalText.escape(e.getMessage()));
        }
    }
}
