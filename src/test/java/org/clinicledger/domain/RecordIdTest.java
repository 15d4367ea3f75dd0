package org.clinicledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordIdTest {

    @Test
    void aFreshIdIsAUuidAndParsesBackToItself() {
        RecordId id = RecordId.random();
        assertThat(id.value()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(RecordId.parse("  " + id.value() + "\n")).isEqualTo(id);
        assertThat(id).hasToString(id.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "two words", "tab\there", "nul\0byte", "line\nbreak", "é-accent", "\u202eflip"})
    void whatNoRecordIdLooksLikeIsRefusedInPlainWords(String typed) {
        assertThatThrownBy(() -> new RecordId(typed)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Give the id of a record");
    }

    @Test
    void nullAndOverlongIdsAreRefused() {
        assertThatThrownBy(() -> RecordId.parse(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new RecordId("a".repeat(RecordId.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(new RecordId("a".repeat(RecordId.MAX_LENGTH)).value()).hasSize(RecordId.MAX_LENGTH);
    }
}
