package org.clinicledger.ui.signin;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.clinic.AccountService;
import org.clinicledger.clinic.Session;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * Signing in: the username and password, checked in the background (the password's key derivation
 * takes about half a second). The password is emptied at every attempt; a refusal is shown as the
 * service words it, which never tells a wrong password from an unknown user.
 */
public final class SignInViewModel {

    private final AccountService accounts;
    private final TaskState signingIn;
    private final Consumer<Session> signedIn;
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty notice = new SimpleStringProperty(this, "notice", "");

    /**
     * @param signedIn takes the new session (on the JavaFX thread)
     * @param username offered in the username field, or empty
     * @param notice said above the fields (why the window locked), or empty
     */
    public SignInViewModel(AccountService accounts, BackgroundTasks tasks, Consumer<Session> signedIn, String username,
            String notice) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.signingIn = TaskState.inForm(tasks).unexpectedProblem(Texts.get("signin.signingInFailed"));
        this.signedIn = Objects.requireNonNull(signedIn, "signedIn");
        this.username.set(username == null ? "" : username);
        this.notice.set(notice == null ? "" : notice);
    }

    public void signIn() {
        if (signingIn.isBusy()) {
            return;
        }
        String name = username.get().strip();
        if (name.isEmpty()) {
            signingIn.problemProperty().set(Texts.get("signin.enterYourUsernameA"));
            clearPassword();
            return;
        }
        if (password.get().isEmpty()) {
            signingIn.problemProperty().set(Texts.get("signin.enterYourPassword"));
            return;
        }
        char[] secret = password.get().toCharArray();
        clearPassword();
        signingIn.run(Texts.get("signin.signingIn"), progress -> {
            try {
                return accounts.login(name, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }, session -> {
            notice.set("");
            signedIn.accept(session);
        });
    }

    /** Forgets the typed password; the view calls it when the screen is hidden. */
    public void clearPassword() {
        password.set("");
    }

    public StringProperty usernameProperty() {
        return username;
    }

    /** Bound to a password field; emptied at every attempt. */
    public StringProperty passwordProperty() {
        return password;
    }

    /** Why the last attempt failed, in the service's words; empty when nothing is wrong. */
    public StringProperty problemProperty() {
        return signingIn.problemProperty();
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public ReadOnlyBooleanProperty signingInProperty() {
        return signingIn.busyProperty();
    }
}
