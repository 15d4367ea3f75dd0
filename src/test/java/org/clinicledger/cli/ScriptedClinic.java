package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A clinic set up entirely through the commands, as a script would: Hillside Clinic with an
 * administrator, a receptionist ({@code desk}), two doctors ({@code dr.lee}, {@code dr.kim}) and a
 * patient, Ada Lovelace, who consented to dr.lee at registration. The recovery sheet that set-up
 * printed is kept in {@link CommandTerminal#recoverySheet}, as if on paper.
 */
final class ScriptedClinic {

    static final String ADMIN_PASSWORD = "admin password 1";
    static final String DESK_PASSWORD = "reception password";
    static final String LEE_PASSWORD = "doctor password 1";
    static final String KIM_PASSWORD = "doctor password 2";
    static final String PASSPHRASE = "correct horse battery";

    /** The recovery sheet's words as {@code setup} prints them: fourteen groups of four. */
    private static final Pattern SHEET_WORDS = Pattern.compile("(?:[A-Z2-7]{4}-){13}[A-Z2-7]{4}");

    private ScriptedClinic() {
    }

    /** The recovery sheet's words in what {@code setup} printed. */
    static String sheetWords(String printed) {
        Matcher words = SHEET_WORDS.matcher(printed);
        assertThat(words.find()).as("recovery sheet in " + printed).isTrue();
        return words.group();
    }

    /** Sets the clinic up in {@code data} and returns the patient's MRN; leaves no variables set. */
    static String create(CommandTerminal terminal, Path data) throws Exception {
        terminal.newPassword(ADMIN_PASSWORD);
        CommandTerminal.Result setUp = terminal.run("setup", "--clinic", "Hillside Clinic", "--admin", "admin",
                "--data", data.toString());
        assertThat(setUp.exitCode()).isZero();
        terminal.recoverySheet = sheetWords(setUp.out());
        terminal.password(ADMIN_PASSWORD).newPassword(DESK_PASSWORD);
        assertThat(terminal.run("user", "add", "--user", "admin", "--role", "receptionist", "--username", "desk",
                "--data", data.toString()).exitCode()).isZero();
        terminal.newPassword(LEE_PASSWORD);
        assertThat(terminal.run("user", "add", "--user", "admin", "--role", "doctor", "--username", "dr.lee",
                "--data", data.toString()).exitCode()).isZero();
        terminal.newPassword(KIM_PASSWORD);
        assertThat(terminal.run("user", "add", "--user", "admin", "--role", "doctor", "--username", "dr.kim",
                "--data", data.toString()).exitCode()).isZero();
        terminal.password(DESK_PASSWORD).newPassword(PASSPHRASE);
        CommandTerminal.Result registered = terminal.run("patient", "register", "--user", "desk", "--name",
                "Ada Lovelace", "--dob", "1985-12-10", "--doctor", "dr.lee", "--json", "--data", data.toString());
        assertThat(registered.exitCode()).as(registered.err()).isZero();
        terminal.variables.clear();
        return new ObjectMapper().readTree(registered.out()).get("mrn").asText();
    }
}
