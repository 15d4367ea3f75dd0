package org.clinicledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Icd10CodeTest {

    @ParameterizedTest
    @CsvSource({"J45,J45", "j45.9,J45.9", " E11.9 ,E11.9", "E119,E11.9", "S72.001A,S72.001A", "U07.1,U07.1",
        "C4A.0,C4A.0", "Z00.00,Z00.00"})
    void acceptsWhatPeopleTypeAndKeepsOneSpelling(String typed, String kept) {
        assertThat(Icd10Code.parse(typed).value()).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "J4", "45J", "JJ45", "J45.", "J45.12345", "J45-9", "Ä45", "J45 9", "J45..9", "1J45"})
    void refusesAnythingElseInPlainWords(String typed) {
        assertThatThrownBy(() -> Icd10Code.parse(typed))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not an ICD-10 code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"J459", "j45.9", "J45.12345"})
    void theRecordItselfHoldsOnlyTheKeptSpelling(String value) {
        assertThatThrownBy(() -> new Icd10Code(value)).isInstanceOf(InvalidInputException.class);
    }
}
