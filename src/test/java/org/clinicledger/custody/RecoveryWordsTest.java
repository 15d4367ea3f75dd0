package org.clinicledger.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;

import org.clinicledger.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The recovery sheet's words: round trips, what typing may change, and mutations the checksum catches. */
class RecoveryWordsTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    @Test
    void wordsAreFourteenGroupsAndReadBackHoweverTyped() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String words = RecoveryWords.encode(key);
        assertThat(words).matches("([A-Z2-7]{4}-){13}[A-Z2-7]{4}");
        assertThat(RecoveryWords.parse(words)).isEqualTo(key);
        assertThat(RecoveryWords.parse(words.toLowerCase(Locale.ROOT).replace('-', ' '))).isEqualTo(key);
        assertThat(RecoveryWords.parse("  " + words.replace("-", "") + "\n")).isEqualTo(key);
    }

    @Test
    void everySingleCharacterChangeIsCaught() {
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        String compact = RecoveryWords.encode(key).replace("-", "");
        for (int position = 0; position < compact.length(); position++) {
            for (char replacement : ALPHABET.toCharArray()) {
                if (replacement == compact.charAt(position)) {
                    continue;
                }
                String typo = compact.substring(0, position) + replacement + compact.substring(position + 1);
                assertThatThrownBy(() -> RecoveryWords.parse(typo)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("typo");
            }
        }
    }

    @Test
    void randomMutationsNeverPassAndNeverThrowAnythingElse() {
        Random random = new Random(11);
        byte[] key = new byte[32];
        random.nextBytes(key);
        String words = RecoveryWords.encode(key);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder mutated = new StringBuilder(words);
            int edits = 1 + random.nextInt(4);
            for (int edit = 0; edit < edits; edit++) {
                int at = random.nextInt(mutated.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> mutated.insert(at, (char) random.nextInt(0x3000));
                    case 1 -> {
                        if (at < mutated.length()) {
                            mutated.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < mutated.length()) {
                            mutated.setCharAt(at, ALPHABET.charAt(random.nextInt(32)));
                        }
                    }
                }
            }
            String typed = mutated.toString();
            try {
                // Only a change that leaves the letters as they were (separators, case) may pass.
                assertThat(RecoveryWords.parse(typed)).as(typed).isEqualTo(key);
            } catch (InvalidInputException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void malformedInputIsRefusedInPlainWords() {
        assertThatThrownBy(() -> RecoveryWords.parse(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RecoveryWords.parse("   ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RecoveryWords.parse("ABCD-EFGH")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("56");
        assertThatThrownBy(() -> RecoveryWords.parse("A".repeat(55) + "1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("\u201c1\u201d");
        assertThatThrownBy(() -> RecoveryWords.parse("A".repeat(55) + "\u0007"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("U+0007");
        assertThatThrownBy(() -> RecoveryWords.parse("A".repeat(10_000))).isInstanceOf(InvalidInputException.class);
    }
}
