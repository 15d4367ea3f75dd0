package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    private static Exception thrownHere(String message) {
        return new IllegalStateException(message);
    }

    private static Exception thrownElsewhere() {
        return new IllegalStateException("same");
    }

    @Test
    void hasTheDocumentedShape() {
        assertThat(ErrorCode.of(new RuntimeException("x"))).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
    }

    @Test
    void dependsOnWhereNotOnTheMessage() {
        assertThat(ErrorCode.of(thrownHere("patient 1"))).isEqualTo(ErrorCode.of(thrownHere("patient 2")));
        assertThat(ErrorCode.of(thrownHere("same"))).isNotEqualTo(ErrorCode.of(thrownElsewhere()));
    }

    @Test
    void followsTheCauseChain() {
        Exception cause = thrownHere("root");
        assertThat(ErrorCode.of(new RuntimeException("wrapper", cause)))
                .isNotEqualTo(ErrorCode.of(cause))
                .isEqualTo(ErrorCode.of(new RuntimeException("other wrapper", cause)));
    }
}
