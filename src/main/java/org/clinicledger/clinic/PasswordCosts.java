package org.clinicledger.clinic;

import java.util.Optional;

import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.Database;

/**
 * The clinic's Argon2id cost: tuned to the machine at set-up, never below the design's floor,
 * raised (never lowered) when an administrator retunes it; each account moves up to it at its
 * next login.
 */
final class PasswordCosts {

    private final Database database;
    private final AccountStore accounts;
    private final KeyDerivationTuning tuning;

    PasswordCosts(Database database, AccountStore accounts, KeyDerivationTuning tuning) {
        this.database = database;
        this.accounts = accounts;
        this.tuning = tuning;
    }

    /** The clinic's cost, or empty before set-up. */
    Optional<PasswordCost> current() {
        return database.read("read the clinic's settings", accounts::settings)
                .map(settings -> new PasswordCost(settings.passwordMemoryKiB(), settings.passwordIterations(),
                        settings.passwordParallelism()));
    }

    /** What set-up seals the first account at: this machine's tuning, at least the default. */
    PasswordCost forSetUp() {
        return higherOf(tuning.passwordCost(), PasswordCost.DEFAULT);
    }

    /** The cost a new account's keys are sealed at; refused before set-up. */
    PasswordCost forNewAccount() {
        return current().orElseThrow(() -> new RefusedException("The clinic has not been set up yet."));
    }

    /** The clinic's cost after measuring this machine again: never lower than it was. */
    PasswordCost retuned() {
        return higherOf(forNewAccount(), forSetUp());
    }

    /** What keys sealed at {@code stored} are sealed at anew (a new password): the higher of it and the clinic's. */
    PasswordCost forResealing(PasswordCost stored) {
        return higherOf(stored, current().orElse(PasswordCost.DEFAULT));
    }

    /** The cost to re-seal keys stored at {@code stored} at, when any figure of it is below the clinic's. */
    Optional<PasswordCost> raiseFrom(PasswordCost stored) {
        Optional<PasswordCost> current = current();
        if (current.isEmpty() || !isLower(stored, current.get())) {
            return Optional.empty();
        }
        return Optional.of(higherOf(stored, current.get()));
    }

    /** Lower when any figure is lower: re-sealing at {@link #higherOf} then raises it and lowers nothing. */
    private static boolean isLower(PasswordCost stored, PasswordCost current) {
        return stored.memoryKiB() < current.memoryKiB() || stored.iterations() < current.iterations()
                || stored.parallelism() < current.parallelism();
    }

    private static PasswordCost higherOf(PasswordCost a, PasswordCost b) {
        return new PasswordCost(Math.max(a.memoryKiB(), b.memoryKiB()), Math.max(a.iterations(), b.iterations()),
                Math.max(a.parallelism(), b.parallelism()));
    }
}
