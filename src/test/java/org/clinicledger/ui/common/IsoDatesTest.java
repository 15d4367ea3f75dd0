package org.clinicledger.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.clinicledger.domain.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IsoDatesTest {

    @Test
    void readsAndWritesYearMonthDayWhateverTheLocale() {
        assertThat(IsoDates.parse(" 2026-11-20 ", "The day")).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(IsoDates.parse("2024-02-29", "The day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(IsoDates.format(LocalDate.of(2026, 1, 5))).isEqualTo("2026-01-05");
        assertThat(IsoDates.format(null)).isEmpty();
    }

    @Test
    void blankIsNoDay() {
        assertThat(IsoDates.parse("", "The day")).isNull();
        assertThat(IsoDates.parse("   ", "The day")).isNull();
        assertThat(IsoDates.parse(null, "The day")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"11/20/2026", "20.11.2026", "abc", "2026-1-5", "2026-11-20T10:00", "+2026-11-20",
        "２０２６-１１-２０", "1e3-01-01", "2026-11-20 2026-11-21"})
    void anythingElseIsAPlainSentenceNeverAnotherException(String typed) {
        assertThatThrownBy(() -> IsoDates.parse(typed, "The last day"))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("The last day must be written as YYYY-MM-DD, such as 2026-11-20;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31"})
    void aDayThatDoesNotExistIsSaidSo(String typed) {
        assertThatThrownBy(() -> IsoDates.parse(typed, "The last day"))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage(typed + " is not a day that exists: check the month and the day.");
    }

    @Test
    void whatIsQuotedBackIsShortAndPrintable() {
        assertThatThrownBy(() -> IsoDates.parse("\u001b[31m" + "9".repeat(500), "The day"))
                .hasMessageEndingWith("; '[31m" + "9".repeat(20) + "…' is not.")
                .hasMessageNotContaining("\u001b");
    }
}
