package org.clinicledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PatientDetailsTest {

    private static final LocalDate BORN = LocalDate.of(1815, 12, 10).plusYears(100);

    @Test
    void cleansTheTextsAndKeepsWhatWasGiven() {
        PatientDetails details = new PatientDetails("  Ada \t  Lovelace ", BORN, Sex.FEMALE, "  ");
        assertThat(details.name()).isEqualTo("Ada Lovelace");
        assertThat(details.contact()).as("a blank contact is no contact").isNull();
        assertThat(details.sex()).isEqualTo(Sex.FEMALE);
        assertThat(new PatientDetails("Émile Zola", LocalDate.of(1900, 1, 1), null, "+33 1 23 45 67 89").contact())
                .isEqualTo("+33 1 23 45 67 89");
    }

    @Test
    void eachBadValueHasAClearMessage() {
        assertRefused(() -> new PatientDetails(null, BORN, null, null), "Enter the patient's name.");
        assertRefused(() -> new PatientDetails("   ", BORN, null, null), "Enter the patient's name.");
        assertRefused(() -> new PatientDetails("Ada", null, null, null), "Enter the patient's date of birth.");
        assertRefused(() -> new PatientDetails("Ada", LocalDate.of(1899, 12, 31), null, null),
                "The date of birth 1899-12-31 is before 1900-01-01: check the year.");
        assertRefused(() -> new PatientDetails("A".repeat(201), BORN, null, null),
                "The patient's name is too long: at most 200 characters.");
        assertRefused(() -> new PatientDetails("Ada", BORN, null, "9".repeat(201)),
                "The patient's contact is too long: at most 200 characters.");
        assertRefused(() -> new PatientDetails("Ada\u0007Lovelace", BORN, null, null),
                "The patient's name contains characters that cannot be printed.");
        assertRefused(() -> new PatientDetails("Ada", BORN, null, "x\uD800y"),
                "The patient's contact contains characters that cannot be printed.");
        assertThat(new PatientDetails("\uD83D\uDE00".repeat(200), BORN, null, null).name())
                .as("length counts characters, not UTF-16 units").hasSize(400);
    }

    @Test
    void aDateOfBirthInTheFutureIsRefused() {
        LocalDate today = LocalDate.of(2026, 11, 23);
        PatientDetails newborn = new PatientDetails("Baby", today, null, null);
        assertThat(newborn.requireBornBy(today)).isSameAs(newborn);
        assertRefused(() -> new PatientDetails("Baby", today.plusDays(1), null, null).requireBornBy(today),
                "The date of birth 2026-11-24 is in the future.");
    }

    @Test
    void datesOfBirthAreReadAsYearMonthDayOnly() {
        assertThat(PatientDetails.parseDateOfBirth(" 1984-03-07 ")).isEqualTo(LocalDate.of(1984, 3, 7));
        assertRefused(() -> PatientDetails.parseDateOfBirth("07/03/1984"),
                "'07/03/1984' is not a date of birth: write it as YYYY-MM-DD, such as 1984-03-07.");
        assertRefused(() -> PatientDetails.parseDateOfBirth("1984-3-7"), "is not a date of birth");
        assertRefused(() -> PatientDetails.parseDateOfBirth("+1984-03-07"), "is not a date of birth");
        assertRefused(() -> PatientDetails.parseDateOfBirth("2023-02-29"),
                "'2023-02-29' is not a date that exists: check the month and the day.");
        assertRefused(() -> PatientDetails.parseDateOfBirth("1984-13-01"), "is not a date that exists");
        assertRefused(() -> PatientDetails.parseDateOfBirth(""), "Enter the patient's date of birth as YYYY-MM-DD");
        assertRefused(() -> PatientDetails.parseDateOfBirth(null), "Enter the patient's date of birth as YYYY-MM-DD");
        assertRefused(() -> PatientDetails.parseDateOfBirth("x".repeat(100)), "'xxxxxxxxxxxxxxxxxxxx…' is not a date");
    }

    @Test
    void sexIsOneOfFourCodesInAnyCase() {
        assertThat(Sex.fromCode(" Female ")).isEqualTo(Sex.FEMALE);
        assertThat(Sex.fromCode("UNKNOWN")).isEqualTo(Sex.UNKNOWN);
        assertThat(Sex.OTHER.code()).isEqualTo("other");
        assertRefused(() -> Sex.fromCode("f"), "'f' is not a sex the clinic records: choose female, male, other "
                + "or unknown, or leave it out.");
    }

    @Test
    void printingADetailsRecordOrASummaryShowsNoPersonalData() {
        PatientDetails details = new PatientDetails("Ada Lovelace", BORN, Sex.FEMALE, "ada@example.org");
        assertThat(details.toString()).isEqualTo("PatientDetails[sex present, contact present]")
                .doesNotContain("Ada", "1915", "example");
        MedicalRecordNumber mrn = MedicalRecordNumber.parse("1234-5678-2");
        assertThat(new PatientSummary(mrn, "Ada Lovelace", BORN, null).toString())
                .isEqualTo("PatientSummary[1234-5678-2]");
    }

    private static void assertRefused(Runnable action, String message) {
        assertThatThrownBy(action::run).isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }
}
