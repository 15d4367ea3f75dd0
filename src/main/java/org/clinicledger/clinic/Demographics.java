package org.clinicledger.clinic;

import java.io.IOException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.custody.AccountKeys;
import org.clinicledger.custody.DirectorySeal;
import org.clinicledger.custody.Labels;
import org.clinicledger.custody.OwnSeal;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Sex;

/**
 * A patient's demographics as stored: canonical JSON sealed with the clinic's directory key
 * (AES-256-GCM), the MRN bound as associated data so that a seal copied onto another patient's row
 * does not open; and, on the patient's chain, the same sealed for the patient themself
 * ({@link OwnSeal}). Also the one normalisation of names that duplicate detection and search share.
 */
final class Demographics {

    private static final int FORMAT = 1;
    /** Thread-safe once configured; made once, as the directory opens every patient's entry in a row. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Demographics() {
    }

    /** Seals {@code details} for the patient {@code mrn}; the plaintext exists only briefly and is wiped. */
    static byte[] seal(byte[] directoryKey, MedicalRecordNumber mrn, PatientDetails details, SecureRandom random) {
        byte[] plaintext = plaintext(details);
        try {
            return DirectorySeal.seal(directoryKey, plaintext, Labels.bind(Labels.PATIENT_DEMOGRAPHICS, mrn.digits()),
                    random);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Seals {@code details} for the patient themself ({@link OwnSeal}), for their chain: the same
     * plaintext as the directory's seal, opened with the patient's own key.
     */
    static byte[] sealForPatient(byte[] agreementPublicKey, MedicalRecordNumber mrn, PatientDetails details,
            SecureRandom random) {
        byte[] plaintext = plaintext(details);
        try {
            return OwnSeal.seal(plaintext, agreementPublicKey, mrn.digits(), random);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Opens the demographics of the patient whose MRN digits are {@code mrn}.
     *
     * @throws RefusedException when the seal or its content has been changed outside ClinicLedger
     */
    static PatientDetails open(byte[] directoryKey, String mrn, byte[] sealed) {
        try {
            new MedicalRecordNumber(mrn);
        } catch (InvalidInputException notAnMrn) {
            throw damaged(mrn);
        }
        byte[] plaintext = DirectorySeal.open(directoryKey, sealed, Labels.bind(Labels.PATIENT_DEMOGRAPHICS, mrn))
                .orElseThrow(() -> damaged(mrn));
        try {
            return parse(plaintext).orElseThrow(() -> damaged(mrn));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The patient's own copy opened with their keys; empty when it was not sealed for these keys and this MRN. */
    static Optional<PatientDetails> openAsPatient(AccountKeys keys, String mrn, byte[] sealed) {
        Optional<byte[]> plaintext = OwnSeal.open(sealed, keys, mrn);
        try {
            return plaintext.flatMap(Demographics::parse);
        } finally {
            plaintext.ifPresent(bytes -> Arrays.fill(bytes, (byte) 0));
        }
    }

    private static byte[] plaintext(PatientDetails details) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("format", FORMAT);
        fields.put("name", details.name());
        fields.put("dateOfBirth", details.dateOfBirth().toString());
        if (details.sex() != null) {
            fields.put("sex", details.sex().code());
        }
        if (details.contact() != null) {
            fields.put("contact", details.contact());
        }
        return CanonicalJson.encode(fields);
    }

    private static Optional<PatientDetails> parse(byte[] plaintext) {
        try {
            JsonNode fields = JSON.readTree(plaintext);
            if (fields == null || fields.path("format").asInt() != FORMAT) {
                return Optional.empty();
            }
            String sex = text(fields, "sex");
            return Optional.of(new PatientDetails(text(fields, "name"), LocalDate.parse(text(fields, "dateOfBirth")),
                    sex == null ? null : Sex.fromCode(sex), text(fields, "contact")));
        } catch (IllegalArgumentException | IOException | DateTimeParseException
                | NullPointerException | InvalidInputException e) {
            return Optional.empty();
        }
    }

    private static RefusedException damaged(String mrn) {
        String shown = mrn;
        try {
            shown = new MedicalRecordNumber(mrn).formatted();
        } catch (InvalidInputException notAnMrn) {
            // Show the stored value as it is.
        }
        return new RefusedException("The directory entry of patient " + shown + " fails its integrity check: "
                + "it was changed outside ClinicLedger. Verify the data folder and restore it from a backup.");
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * A name (or a searched-for piece of one) reduced to what people mean when they say two names
     * are the same: no letter case, no accents, letters that do not decompose folded to their plain
     * Latin spelling (ł, ø, æ, ß…), and every run of spaces and punctuation made one space. So
     * "ÉMILE  Zola", "Emile Zola" and "emile-zola" all become "emile zola".
     */
    static String searchKey(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(plain.length());
        plain.codePoints().forEach(c -> folded.append(fold(c)));
        return SEPARATORS.matcher(folded).replaceAll(" ").strip();
    }

    /** Latin letters that NFKD leaves whole, spelt as people type them on a plain keyboard. */
    private static String fold(int c) {
        return switch (c) {
            case 'ł' -> "l";
            case 'ø' -> "o";
            case 'đ', 'ð' -> "d";
            case 'ħ' -> "h";
            case 'ı' -> "i";
            case 'ŧ' -> "t";
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'ß' -> "ss";
            case 'þ' -> "th";
            default -> new String(Character.toChars(c));
        };
    }
}
