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
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.domain.InvalidInputException;

/** An administrator accepts a data folder that this computer's memory says was rolled back or rewritten. */
@Command(name = "accept-rollback", mixinStandardHelpOptions = true,
        description = {"Accept the data folder as it is although it is older than, or differs from, what this computer",
            "last saw in it (a deliberately restored copy): an administrator signs a statement naming the chains",
            "and the reason, which is kept with this computer's memory of the clinic, and the memory then holds",
            "the folder's current signed heads. The administrator's password comes from $CLINICLEDGER_PASSWORD.",
            "Exit codes: 0 accepted (or nothing to accept), 1 refused (not an administrator), 2 no reason or an",
            "unreadable reason file, 3 authentication failed."})
final class AcceptRollbackCommand implements Callable<Integer> {

    /** Longer than any reason the memory keeps; a longer file is refused before it is read whole. */
    private static final int MAX_REASON_FILE_BYTES = 16 * 1024;

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "ADMIN", required = true, description = "The administrator.")
    String user;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Reason reason;

    static final class Reason {
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why the folder is accepted as it is.")
        String text;

        @Option(names = "--reason-file", paramLabel = "FILE",
                description = "Read the reason from FILE ('-' for standard input), UTF-8, at most 16 KB.")
        String file;
    }

    @Override
    public Integer call() {
        String why = reason.text != null ? reason.text : readReason(reason.file);
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("Give the administrator who accepts with --user.");
        }
        RollbackMemory.Accepted accepted = SignedInRun.as(parent, user.strip(), true, workspace -> { },
                (workspace, session) -> workspace.acceptRollback(session, why));
        PrintWriter out = spec.commandLine().getOut();
        if (accepted.accepted().isEmpty()) {
            out.println("Nothing to accept: the data folder is as new as everything this computer saw of it.");
        } else {
            accepted.accepted().forEach(problem -> out.println(TerminalText.escape(problem)));
            if (accepted.setAside() != null) {
                out.println("The unreadable memory file was kept as " + TerminalText.escape(accepted.setAside()));
            }
            out.println("Accepted: this computer now remembers the folder as it is (" + accepted.accepted().size()
                    + (accepted.accepted().size() == 1 ? " finding" : " findings") + ", signed by " + user.strip() + ").");
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String readReason(String file) {
        byte[] bytes;
        try {
            if ("-".equals(file)) {
                bytes = readLimited(System.in);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    bytes = readLimited(in);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("Cannot read the reason from " + file + ".");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The reason file is not UTF-8 text.");
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_REASON_FILE_BYTES + 1);
        if (bytes.length > MAX_REASON_FILE_BYTES) {
            throw new IOException("too long");
        }
        return bytes;
    }
}
