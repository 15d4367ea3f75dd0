package org.clinicledger.clinic;

import java.time.Duration;
import java.util.Objects;

import org.clinicledger.crypto.Argon2id;
import org.clinicledger.crypto.Argon2id.PasswordCost;

/**
 * How first-run set-up chooses the clinic's Argon2id cost for passwords. The clinic keeps the
 * cost it chose and every account stores the cost its keys were sealed with, so the choice is
 * made once per clinic (or again when an administrator re-tunes), not at every login.
 *
 * <p>A seam, like {@link java.time.Clock}: the application measures this machine; tests pass a
 * fixed cost so that they stay fast without any lowering of what the application does.
 */
@FunctionalInterface
public interface KeyDerivationTuning {

    /** The window the design asks for: about half a second, between a quarter of a second and one second. */
    Duration TARGET = Duration.ofMillis(500);
    Duration LOWEST = Duration.ofMillis(250);
    Duration HIGHEST = Duration.ofSeconds(1);

    /** The cost to use from now on; never below {@link PasswordCost#DEFAULT}, whatever an implementation says. */
    PasswordCost passwordCost();

    /** Measures Argon2id on this machine (a few seconds) and picks the cost that takes about {@link #TARGET}. */
    static KeyDerivationTuning thisMachine() {
        return () -> Argon2id.tune(TARGET, LOWEST, HIGHEST);
    }

    /** Always {@code cost}, for tests and for a clinic that sets its cost by policy. */
    static KeyDerivationTuning fixed(PasswordCost cost) {
        Objects.requireNonNull(cost, "cost");
        return () -> cost;
    }

    /** Always {@link PasswordCost#DEFAULT}, the OWASP minimum (19 MiB, two passes): for tests, which must stay fast. */
    static KeyDerivationTuning minimum() {
        return fixed(PasswordCost.DEFAULT);
    }
}
