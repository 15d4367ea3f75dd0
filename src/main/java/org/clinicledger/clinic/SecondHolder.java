package org.clinicledger.clinic;

import org.clinicledger.custody.EscrowKey;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Username;

/**
 * The second holder of an opening of the escrow key, made from what the acting administrator was
 * given: another administrator, signed in by their password exactly as at a login (a wrong one
 * counts towards their lock), or the recovery sheet's words. Closing it wipes the second
 * administrator's keys.
 */
final class SecondHolder implements AutoCloseable {

    private final Session session;
    private final EscrowKey.Confirmation confirmation;

    private SecondHolder(Session session, EscrowKey.Confirmation confirmation) {
        this.session = session;
        this.confirmation = confirmation;
    }

    /**
     * @throws InvalidInputException when nothing was given, or the acting administrator named themselves
     * @throws LoginFailedException for the second administrator's wrong password (or unknown name, or lock)
     * @throws RefusedException when the second person is not an administrator
     */
    static SecondHolder of(AccountService accounts, Session actor, EscrowConfirmation given) {
        if (given == null) {
            throw new InvalidInputException("A second holder must confirm: another administrator, or the clinic's "
                    + "recovery sheet.");
        }
        if (given instanceof EscrowConfirmation.RecoverySheetWords words) {
            return new SecondHolder(null, new EscrowKey.Sheet(words.words()));
        }
        EscrowConfirmation.SecondAdministrator second = (EscrowConfirmation.SecondAdministrator) given;
        if (second.username() == null || second.username().isBlank()) {
            throw new InvalidInputException("Give the second administrator's username.");
        }
        if (Username.isValid(second.username()) && Username.normalize(second.username()).equals(actor.username())) {
            throw new InvalidInputException("The second administrator must be someone other than you: two people "
                    + "confirm, so that no one person opens the escrow key.");
        }
        Session session;
        try {
            session = accounts.login(second.username(), second.password());
        } catch (LoginFailedException e) {
            throw new LoginFailedException("Second administrator: " + e.getMessage());
        }
        if (session.role() != Role.ADMINISTRATOR) {
            String name = session.username();
            session.close();
            throw new RefusedException(name + " is not an administrator and holds no share of the escrow key: ask "
                    + "another administrator, or use the recovery sheet.");
        }
        return new SecondHolder(session, new EscrowKey.Holder(session.username(), session.keys()));
    }

    EscrowKey.Confirmation confirmation() {
        return confirmation;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
