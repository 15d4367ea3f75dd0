package org.clinicledger.ui.reception;

import java.util.Arrays;
import java.util.Objects;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.clinic.AccountService;
import org.clinicledger.clinic.KeyRecovery;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.DialogService;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * An administrator recovers the keys of a person who forgot their password, at the desk: who (a
 * username, or a patient's MRN), why, and the new password, which the person types twice. Before
 * anything is written the administrator confirms, told whose keys are replaced and what follows.
 */
public final class KeyRecoveryViewModel {

    private final AccountService accounts;
    private final KeyRecovery recovery;
    private final Session session;
    private final DialogService dialogs;
    private final TaskState saving;
    private final StringProperty person = new SimpleStringProperty(this, "person", "");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty confirmation = new SimpleStringProperty(this, "confirmation", "");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final SecondHolderViewModel second = new SecondHolderViewModel();

    public KeyRecoveryViewModel(AccountService accounts, KeyRecovery recovery, Session session, BackgroundTasks tasks) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.session = Objects.requireNonNull(session, "session");
        this.dialogs = tasks.dialogs();
        this.saving = TaskState.inForm(tasks).unexpectedProblem(Texts.get("reception.keyRecovery.theKeysWereNot"));
    }

    /** Checks the form, finds the person, asks for confirmation, then recovers; the passwords are forgotten at once. */
    public void recover() {
        if (saving.isBusy()) {
            return;
        }
        result.set("");
        String whose = person.get().strip();
        String why = reason.get();
        char[] secret = password.get().toCharArray();
        char[] again = confirmation.get().toCharArray();
        password.set("");
        confirmation.set("");
        EscrowConfirmation given;
        try {
            if (whose.isEmpty()) {
                throw new InvalidInputException(Texts.get("reception.keyRecovery.enterTheUsernameOf"));
            }
            if (why.strip().length() < KeyRecovery.MIN_REASON) {
                throw new InvalidInputException(Texts.format("reception.keyRecovery.giveTheReasonFor",
                        KeyRecovery.MIN_REASON));
            }
            if (secret.length == 0) {
                throw new InvalidInputException(Texts.get("reception.keyRecovery.handTheKeyboardTo2"));
            }
            if (!PasswordRules.same(secret, again)) {
                throw new InvalidInputException(Texts.get("reception.keyRecovery.theTwoPasswordsAre"));
            }
            given = second.take();
        } catch (InvalidInputException e) {
            Arrays.fill(secret, '\0');
            second.passwordProperty().set("");
            saving.problemProperty().set(e.getMessage());
            return;
        } finally {
            Arrays.fill(again, '\0');
        }
        saving.run(Texts.get("reception.keyRecovery.findingTheAccount"),
                progress -> accounts.account(whose).orElseThrow(() ->
                new RefusedException(Texts.format("reception.keyRecovery.thereIsNoAccount", whose))),
                account -> confirmed(account, secret, why, given), failure -> {
                    Arrays.fill(secret, '\0');
                    given.wipe();
                });
    }

    private void confirmed(Account account, char[] secret, String why, EscrowConfirmation given) {
        String who = Formats.party(account.chain(), session.chain());
        boolean go = dialogs.confirm(Texts.get("reception.keyRecovery.recoverKeys2"),
                Texts.format("reception.keyRecovery.theKeysOfWill", who),
                Texts.get("reception.keyRecovery.recoverKeys2"));
        if (!go) {
            Arrays.fill(secret, '\0');
            given.wipe();
            return;
        }
        saving.run(Texts.get("reception.keyRecovery.recoveringKeys"), progress -> {
            try {
                return recovery.recover(session, account.username(), secret, why, given);
            } finally {
                Arrays.fill(secret, '\0');
                given.wipe();
            }
        }, this::recovered);
    }

    private void recovered(KeyRecovery.Recovered recovered) {
        result.set(Texts.format("reception.keyRecovery.theKeysOfWere", Formats.party(recovered.account().chain(),
                session.chain())));
        person.set("");
        reason.set("");
        second.reset();
    }

    /** Forgets the typed passwords: after every attempt, and when the form is hidden. */
    public void clearSecrets() {
        password.set("");
        confirmation.set("");
        second.clearSecrets();
    }

    /** Who confirms the opening of the escrow key: another administrator, or the recovery sheet. */
    public SecondHolderViewModel secondHolder() {
        return second;
    }

    public StringProperty personProperty() {
        return person;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public StringProperty problemProperty() {
        return saving.problemProperty();
    }

    /** The last success, naming the person; empty otherwise. */
    public StringProperty resultProperty() {
        return result;
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.busyProperty();
    }
}
