package org.clinicledger.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import org.clinicledger.clinic.KeyDerivationTuning;

/**
 * What the commands take from the process beyond their arguments: environment variables, the
 * terminal to ask for passwords on (null when there is none), the clock, how set-up chooses
 * the password cost, and standard input (for text options given {@code -}). {@link #system()} is
 * the real process; tests pass their own.
 */
public record CommandEnvironment(Map<String, String> variables, PasswordPrompt terminal, Clock clock,
        KeyDerivationTuning tuning, InputStream standardInput) {

    /** Asks the person at the terminal for a password without echoing it; null when input has ended. */
    @FunctionalInterface
    public interface PasswordPrompt {
        char[] readPassword(String prompt);
    }

    /** An environment whose standard input is empty. */
    public CommandEnvironment(Map<String, String> variables, PasswordPrompt terminal, Clock clock,
            KeyDerivationTuning tuning) {
        this(variables, terminal, clock, tuning, InputStream.nullInputStream());
    }

    public CommandEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(standardInput, "standardInput");
    }

    /** This process: its environment, its terminal if it has one, the system clock, and tuning to this machine. */
    public static CommandEnvironment system() {
        return new CommandEnvironment(System.getenv(), systemTerminal(), Clock.systemUTC(),
                KeyDerivationTuning.thisMachine(), System.in);
    }

    private static PasswordPrompt systemTerminal() {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return null;
        }
        return prompt -> console.readPassword("%s", prompt);
    }

    /**
     * From Java 22 on, {@link System#console()} returns a console even when input is redirected
     * and tells the two apart with {@code isTerminal()}, which Java 17 does not have; a redirected
     * input must not be read as if someone had typed a password into it.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException before22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
