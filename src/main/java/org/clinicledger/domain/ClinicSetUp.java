package org.clinicledger.domain;

import java.util.Objects;

/** What set-up made: the first administrator, and the recovery sheet to show once and never store. */
public record ClinicSetUp(Account administrator, RecoverySheet recoverySheet) {
    public ClinicSetUp {
        Objects.requireNonNull(administrator, "administrator");
        Objects.requireNonNull(recoverySheet, "recoverySheet");
    }
}
