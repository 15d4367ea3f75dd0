package org.clinicledger.ui.account;

import java.util.Arrays;
import java.util.Objects;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.clinic.AccountService;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.UserFacingException;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.Texts;

/**
 * The signed-in person changes their own password: the current one, the new one twice. Each
 * problem is said at its field; nothing the person must type again is cleared, except a current
 * password that proved wrong. The service checks the current password as a sign-in does (so wrong
 * ones count towards the sign-in delay) and seals the same keys anew, committed to on their chain.
 */
public final class ChangePasswordViewModel {

    private final AccountService accounts;
    private final String username;
    private final BackgroundTasks tasks;
    private final StringProperty current = new SimpleStringProperty(this, "current", "");
    private final StringProperty fresh = new SimpleStringProperty(this, "fresh", "");
    private final StringProperty repeated = new SimpleStringProperty(this, "repeated", "");
    private final StringProperty currentProblem = new SimpleStringProperty(this, "currentProblem", "");
    private final StringProperty freshProblem = new SimpleStringProperty(this, "freshProblem", "");
    private final StringProperty repeatedProblem = new SimpleStringProperty(this, "repeatedProblem", "");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    public ChangePasswordViewModel(AccountService accounts, String username, BackgroundTasks tasks) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.username = Objects.requireNonNull(username, "username");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /** Whose password this is. */
    public String username() {
        return username;
    }

    /**
     * Checks the form and, when it holds, changes the password off the JavaFX thread; {@code onChanged}
     * runs on it afterwards, with the fields emptied.
     */
    public void change(Runnable onChanged) {
        if (busy.get()) {
            return;
        }
        currentProblem.set("");
        freshProblem.set("");
        repeatedProblem.set("");
        problem.set("");
        char[] old = current.get().toCharArray();
        char[] next = fresh.get().toCharArray();
        char[] again = repeated.get().toCharArray();
        try {
            if (old.length == 0) {
                currentProblem.set(Texts.get("account.changePassword.typeYourCurrentPassword"));
            }
            try {
                PasswordRules.check(next);
                if (old.length > 0 && PasswordRules.same(old, next)) {
                    freshProblem.set(Texts.get("account.changePassword.theNewPasswordMust"));
                }
            } catch (InvalidInputException weak) {
                freshProblem.set(weak.getMessage());
            }
            if (freshProblem.get().isEmpty() && !PasswordRules.same(next, again)) {
                repeatedProblem.set(Texts.get("account.changePassword.theTwoNewPasswords"));
            }
        } finally {
            Arrays.fill(again, '\0');
        }
        if (!currentProblem.get().isEmpty() || !freshProblem.get().isEmpty() || !repeatedProblem.get().isEmpty()) {
            Arrays.fill(old, '\0');
            Arrays.fill(next, '\0');
            return;
        }
        busy.set(true);
        tasks.task(Texts.get("account.changePassword.changingYourPassword"), progress -> {
            try {
                accounts.changePassword(username, old, next);
                return null;
            } finally {
                Arrays.fill(old, '\0');
                Arrays.fill(next, '\0');
            }
        }).onFinished(() -> busy.set(false)).onSuccess(done -> {
            clear();
            onChanged.run();
        }).onFailure(this::failed).start();
    }

    private void failed(Throwable failure) {
        if (failure instanceof LoginFailedException wrong) {
            current.set("");
            currentProblem.set(wrong.getMessage().equals(LoginFailedException.WRONG_USERNAME_OR_PASSWORD)
                    ? Texts.get("account.changePassword.thisIsNotYour") : wrong.getMessage());
        } else if (failure instanceof InvalidInputException invalid) {
            freshProblem.set(invalid.getMessage());
        } else if (failure instanceof UserFacingException refused) {
            problem.set(refused.getMessage());
        } else {
            tasks.dialogs().reportFailure(Texts.get("account.changePassword.changePassword"), failure);
        }
    }

    /** Empties the fields: after a change, and when the form closes. */
    public void clear() {
        current.set("");
        fresh.set("");
        repeated.set("");
    }

    public StringProperty currentProperty() {
        return current;
    }

    public StringProperty freshProperty() {
        return fresh;
    }

    public StringProperty repeatedProperty() {
        return repeated;
    }

    public StringProperty currentProblemProperty() {
        return currentProblem;
    }

    public StringProperty freshProblemProperty() {
        return freshProblem;
    }

    public StringProperty repeatedProblemProperty() {
        return repeatedProblem;
    }

    /** A refusal that belongs to no one field. */
    public StringProperty problemProperty() {
        return problem;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
