package org.clinicledger.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.clinicledger.clinic.KeyDerivationTuning;

/**
 * Runs commands as a person or a script would, through {@link CommandLineInterface#run}, with
 * environment variables and (optionally) a terminal that "types" queued passwords and records the
 * prompts it was shown, and standard input to read. Set-up uses the minimum password cost so that tests stay fast.
 */
final class CommandTerminal {

    final Map<String, String> variables = new HashMap<>();
    final Deque<String> typed = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();
    boolean hasTerminal;
    /** The recovery sheet's words a scripted set-up printed, as if kept on paper. */
    String recoverySheet;
    /** What the next commands read from standard input; empty by default. */
    String stdin = "";
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The result of one command: exit code and what it printed. */
    record Result(int exitCode, String out, String err) {
    }

    /** What the last command asked of the process: its exit code, and whether the window opens next. */
    CommandLineInterface.Outcome lastOutcome;

    Result run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandEnvironment.PasswordPrompt terminal = !hasTerminal ? null : prompt -> {
            prompts.add(prompt);
            String next = typed.poll();
            return next == null ? null : next.toCharArray();
        };
        CommandEnvironment environment = new CommandEnvironment(variables, terminal, clock, KeyDerivationTuning.minimum(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        lastOutcome = CommandLineInterface.run(args, new PrintWriter(out), new PrintWriter(err), environment);
        return new Result(lastOutcome.exitCode(), out.toString(), err.toString());
    }

    /**
     * Runs a command on the data folder {@code data} as someone whose password is {@code password}
     * (in the variable), or with no password at all when it is null.
     */
    Result runOn(java.nio.file.Path data, String password, String... args) {
        if (password == null) {
            variables.clear();
        } else {
            password(password);
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return run(all.toArray(String[]::new));
    }

    CommandTerminal password(String password) {
        variables.put(PasswordReader.PASSWORD_VARIABLE, password);
        return this;
    }

    /** The second administrator's password, who confirms an opening of the escrow key. */
    CommandTerminal secondPassword(String password) {
        variables.put(PasswordReader.SECOND_PASSWORD_VARIABLE, password);
        return this;
    }

    CommandTerminal newPassword(String password) {
        variables.put(PasswordReader.NEW_PASSWORD_VARIABLE, password);
        return this;
    }
}
