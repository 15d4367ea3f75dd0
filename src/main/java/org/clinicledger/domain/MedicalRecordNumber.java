package org.clinicledger.domain;

import java.util.random.RandomGenerator;

/**
 * A patient's medical record number: eight digits and a Luhn check digit, written {@code 1234-5678-3}.
 * The check digit catches every single mistyped digit and nearly every swap of neighbours, so a
 * number read over the phone or from a printed receipt is either right or refused.
 */
public record MedicalRecordNumber(String digits) {

    private static final int BODY_LENGTH = 8;

    public MedicalRecordNumber {
        if (digits == null || digits.length() != BODY_LENGTH + 1 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || checkDigit(digits.substring(0, BODY_LENGTH)) != digits.charAt(BODY_LENGTH) - '0') {
            throw new InvalidInputException("'" + digits + "' is not a valid medical record number.");
        }
    }

    /** A new number; the caller makes sure it is not taken yet. */
    public static MedicalRecordNumber generate(RandomGenerator random) {
        StringBuilder body = new StringBuilder(BODY_LENGTH + 1);
        body.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < BODY_LENGTH; i++) {
            body.append((char) ('0' + random.nextInt(10)));
        }
        return new MedicalRecordNumber(body.toString() + checkDigit(body.toString()));
    }

    /** Accepts the number as people write it: with or without dashes and spaces. */
    public static MedicalRecordNumber parse(String typed) {
        if (typed == null || typed.length() > 32) {
            throw new InvalidInputException("Enter the medical record number: nine digits, such as 1234-5678-3.");
        }
        String digits = typed.replace("-", "").replace(" ", "");
        if (digits.length() != BODY_LENGTH + 1 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException("'" + typed.strip() + "' is not a medical record number: "
                    + "it has nine digits, such as 1234-5678-3.");
        }
        if (checkDigit(digits.substring(0, BODY_LENGTH)) != digits.charAt(BODY_LENGTH) - '0') {
            throw new InvalidInputException("'" + typed.strip() + "' is not a valid medical record number: "
                    + "its check digit does not match. Check it for a mistyped digit.");
        }
        return new MedicalRecordNumber(digits);
    }

    /**
     * Whether {@code typed} is written like an MRN, right or wrong: nine ASCII digits, with or without
     * dashes and spaces. Such usernames are kept for patients, so that "1234-5678-2" typed at a login
     * can only mean a patient's number.
     */
    public static boolean looksLikeOne(String typed) {
        if (typed == null || typed.length() > 32) {
            return false;
        }
        String digits = typed.strip().replace("-", "").replace(" ", "");
        return digits.length() == BODY_LENGTH + 1 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The Luhn check digit of a string of digits. */
    static int checkDigit(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int digit = body.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    /** As printed: {@code 1234-5678-3}. */
    public String formatted() {
        return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.charAt(8);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
