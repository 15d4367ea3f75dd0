package org.clinicledger.domain;

/** Asked between steps of long work whether the person has cancelled it. */
@FunctionalInterface
public interface Cancel {

    Cancel NEVER = () -> false;

    boolean requested();

    /** Throws {@link CancelledException} with {@code message} when cancelling was asked for. */
    default void check(String message) {
        if (requested()) {
            throw new CancelledException(message);
        }
    }
}
