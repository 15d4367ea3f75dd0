package org.clinicledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MedicalRecordNumberTest {

    @Test
    void checkDigitIsLuhnsPublishedExample() {
        // The worked example of the Luhn algorithm (ISO/IEC 7812-1): 7992739871 has check digit 3.
        assertThat(MedicalRecordNumber.checkDigit("7992739871")).isEqualTo(3);
        assertThat(MedicalRecordNumber.checkDigit("12345678")).isEqualTo(2);
    }

    @Test
    void generatedNumbersAreValidDistinctAndPrintable() {
        Random random = new Random(5);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            MedicalRecordNumber mrn = MedicalRecordNumber.generate(random);
            assertThat(MedicalRecordNumber.parse(mrn.formatted())).isEqualTo(mrn);
            assertThat(mrn.formatted()).matches("[1-9]\\d{3}-\\d{4}-\\d");
            seen.add(mrn.digits());
        }
        assertThat(seen).hasSizeGreaterThan(9_990);
    }

    @Test
    void tellsWhatIsWrittenLikeAnMrnRightOrWrong() {
        assertThat(MedicalRecordNumber.looksLikeOne("123456782")).isTrue();
        assertThat(MedicalRecordNumber.looksLikeOne(" 1234-5678-2 ")).isTrue();
        assertThat(MedicalRecordNumber.looksLikeOne("1234-5678-0")).as("a wrong check digit still looks like one").isTrue();
        assertThat(MedicalRecordNumber.looksLikeOne("12345678")).isFalse();
        assertThat(MedicalRecordNumber.looksLikeOne("dr.123456782")).isFalse();
        assertThat(MedicalRecordNumber.looksLikeOne("\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF12")).isFalse();
        assertThat(MedicalRecordNumber.looksLikeOne(null)).isFalse();
        assertThat(MedicalRecordNumber.looksLikeOne("1".repeat(40))).isFalse();
    }

    @Test
    void acceptsDashesAndSpaces() {
        assertThat(MedicalRecordNumber.parse("1234-5678-2").digits()).isEqualTo("123456782");
        assertThat(MedicalRecordNumber.parse(" 1234 5678 2").digits()).isEqualTo("123456782");
    }

    @Test
    void everySingleMistypedDigitAndEveryNeighbourSwapButZeroNineIsCaught() {
        String good = "123456782";
        for (int position = 0; position < good.length(); position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit != good.charAt(position)) {
                    String typo = good.substring(0, position) + digit + good.substring(position + 1);
                    assertThatThrownBy(() -> MedicalRecordNumber.parse(typo)).as(typo)
                            .isInstanceOf(InvalidInputException.class).hasMessageContaining("check digit");
                }
            }
        }
        Random random = new Random(9);
        for (int i = 0; i < 2_000; i++) {
            String digits = MedicalRecordNumber.generate(random).digits();
            for (int position = 0; position + 1 < digits.length(); position++) {
                char a = digits.charAt(position);
                char b = digits.charAt(position + 1);
                boolean luhnBlindSpot = (a == '0' && b == '9') || (a == '9' && b == '0');
                if (a != b && !luhnBlindSpot) {
                    String swapped = digits.substring(0, position) + b + a + digits.substring(position + 2);
                    assertThatThrownBy(() -> MedicalRecordNumber.parse(swapped)).as(swapped)
                            .isInstanceOf(InvalidInputException.class);
                }
            }
        }
    }

    @Test
    void refusesWrongLengthsAndLettersInPlainWords() {
        assertThatThrownBy(() -> MedicalRecordNumber.parse("1234-5678")).hasMessageContaining("nine digits");
        assertThatThrownBy(() -> MedicalRecordNumber.parse("1234-5678-2X")).hasMessageContaining("nine digits");
        assertThatThrownBy(() -> MedicalRecordNumber.parse(null)).hasMessageContaining("Enter the medical record number");
        assertThatThrownBy(() -> MedicalRecordNumber.parse("1".repeat(40))).isInstanceOf(InvalidInputException.class);
    }
}
