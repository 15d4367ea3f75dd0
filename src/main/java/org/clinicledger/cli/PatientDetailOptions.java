package org.clinicledger.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clinicledger.domain.InvalidInputException;

import picocli.CommandLine.Option;

/**
 * A patient's details as {@code patient register} and {@code patient correct} take them: the four
 * options, or the same four keys in a {@code --details-file}, which keeps them out of the process
 * list that other local users can read. A picocli mixin, so both commands say them the same way.
 */
final class PatientDetailOptions {

    /** The keys of {@code --details-file}, named as the options they stand for. */
    private static final Set<String> DETAILS = new LinkedHashSet<>(List.of("name", "dob", "sex", "contact"));

    @Option(names = "--name", paramLabel = "NAME",
            description = "The patient's full name." + TextInput.VISIBLE + "--details-file.")
    String name;

    @Option(names = "--dob", paramLabel = "YYYY-MM-DD",
            description = "The patient's date of birth." + TextInput.VISIBLE + "--details-file.")
    String dateOfBirth;

    @Option(names = "--sex", paramLabel = "SEX",
            description = "female, male, other or unknown." + TextInput.VISIBLE + "--details-file.")
    String sex;

    @Option(names = "--contact", paramLabel = "TEXT",
            description = "A telephone number, address or e-mail." + TextInput.VISIBLE + "--details-file.")
    String contact;

    /** Reads the details from {@code file} (the value of {@code --details-file}) when it was given. */
    void readFrom(Path file, CommandEnvironment environment) {
        if (file == null) {
            return;
        }
        if (anyGiven()) {
            throw new InvalidInputException("Give --details-file or --name, --dob, --sex and --contact, not both.");
        }
        Map<String, String> form = new TextInput(environment).form(file, "--details-file", DETAILS);
        name = form.get("name");
        dateOfBirth = form.get("dob");
        sex = form.get("sex");
        contact = form.get("contact");
    }

    boolean anyGiven() {
        return name != null || dateOfBirth != null || sex != null || contact != null;
    }
}
