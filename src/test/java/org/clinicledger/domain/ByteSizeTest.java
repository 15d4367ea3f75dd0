package org.clinicledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({"0,0 bytes", "1,1 byte", "1023,1023 bytes", "1024,1.0 KiB", "24576,24 KiB",
        "3565158,3.4 MiB", "1099511627776,1.0 TiB"})
    void formatsForPeople(long bytes, String expected) {
        assertThat(ByteSize.format(bytes)).isEqualTo(expected);
    }
}
