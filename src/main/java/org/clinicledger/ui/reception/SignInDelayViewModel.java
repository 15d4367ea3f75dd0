package org.clinicledger.ui.reception;

import java.util.Objects;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.clinic.AccountService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * An administrator clears the sign-in delay of an account whose owner should not wait out the
 * delay that wrong passwords (theirs or someone else's) have set.
 */
public final class SignInDelayViewModel {

    private final AccountService accounts;
    private final Session session;
    private final TaskState clearing;
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty outcome = new SimpleStringProperty(this, "outcome", "");

    public SignInDelayViewModel(AccountService accounts, Session session, BackgroundTasks tasks) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.session = Objects.requireNonNull(session, "session");
        this.clearing = TaskState.inForm(tasks);
    }

    /** Whether the signed-in person may clear delays: administrators only. */
    public boolean isAvailable() {
        return session.role() == Role.ADMINISTRATOR;
    }

    public void clear() {
        if (clearing.isBusy()) {
            return;
        }
        String name = username.get().strip();
        outcome.set("");
        if (name.isEmpty()) {
            clearing.problemProperty().set(Texts.get("reception.signInDelay.enterTheUsernameA"));
            return;
        }
        clearing.run(Texts.get("reception.signInDelay.clearingASignIn"), progress -> accounts.clearSignInDelay(session,
                name), cleared -> {
            outcome.set(cleared ? Texts.format("reception.signInDelay.theSignInDelay", name)
                    : Texts.format("reception.signInDelay.hadNoSignIn", name));
            username.set("");
        });
    }

    public StringProperty usernameProperty() {
        return username;
    }

    /** What clearing did; empty before and while it runs. */
    public StringProperty outcomeProperty() {
        return outcome;
    }

    public StringProperty problemProperty() {
        return clearing.problemProperty();
    }

    public ReadOnlyBooleanProperty clearingProperty() {
        return clearing.busyProperty();
    }
}
