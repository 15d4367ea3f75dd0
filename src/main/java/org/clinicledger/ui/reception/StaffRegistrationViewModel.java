package org.clinicledger.ui.reception;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.AccountService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FieldProblems;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * Registering a doctor or another member of staff at the desk. Which roles are offered follows
 * what {@link AccountService#addAccount} allows: an administrator adds receptionists, doctors and
 * administrators; a receptionist adds doctors only. A new administrator gets a share of the
 * clinic's escrow key, which takes two holders to make: the form then asks for a second
 * administrator or the recovery sheet ({@link SecondHolderViewModel}).
 */
public final class StaffRegistrationViewModel {

    /** The fields that are checked before the service is asked, each with its own problem. */
    public enum Field { USERNAME, PASSWORD, CONFIRMATION }

    private final AccountService accounts;
    private final Session session;
    private final TaskState saving;
    private final Runnable registered;
    private final ObservableList<Role> roles;
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(this, "role", Role.DOCTOR);
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty specialty = new SimpleStringProperty(this, "specialty", "");
    private final StringProperty licence = new SimpleStringProperty(this, "licence", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty confirmation = new SimpleStringProperty(this, "confirmation", "");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final BooleanBinding doctor = role.isEqualTo(Role.DOCTOR);
    private final BooleanBinding administrator = role.isEqualTo(Role.ADMINISTRATOR);
    private final SecondHolderViewModel second = new SecondHolderViewModel();
    private final FieldProblems<Field> problems = new FieldProblems<>(Field.class);

    /** @param registered told (on the JavaFX thread) after an account was added */
    public StaffRegistrationViewModel(AccountService accounts, Session session, BackgroundTasks tasks,
            Runnable registered) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.session = Objects.requireNonNull(session, "session");
        this.saving = TaskState.inForm(tasks)
                .unexpectedProblem(Texts.get("reception.staffRegistration.theAccountWasNot"));
        this.registered = Objects.requireNonNull(registered, "registered");
        roles = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(rolesFor(session.role())));
    }

    /** The roles {@code actor} may give a new account. */
    static List<Role> rolesFor(Role actor) {
        return switch (actor) {
            case ADMINISTRATOR -> List.of(Role.DOCTOR, Role.RECEPTIONIST, Role.ADMINISTRATOR);
            case RECEPTIONIST -> List.of(Role.DOCTOR);
            default -> List.of();
        };
    }

    /**
     * Checks each field and adds the account. A problem with a field is said at the field
     * ({@link #problem(Field)}) and nothing typed is cleared, the passwords included (a second
     * password that differs is emptied, as it is retyped); the service's refusals show in
     * {@link #problemProperty()}. The passwords are forgotten once the account is added, and when
     * the form is hidden; the second administrator's at every attempt.
     */
    public void register() {
        if (saving.isBusy()) {
            return;
        }
        result.set("");
        problems.clear();
        saving.problemProperty().set("");
        Role chosen = role.get();
        String newUsername = username.get();
        char[] secret = password.get().toCharArray();
        char[] again = confirmation.get().toCharArray();
        try {
            if (chosen == null) {
                saving.problemProperty().set(Texts.get("reception.staffRegistration.chooseTheNewAccounts"));
            }
            if (newUsername.isBlank()) {
                problems.set(Field.USERNAME, Texts.get("reception.staffRegistration.enterTheNewAccounts"));
            } else {
                try {
                    AccountService.staffUsername(newUsername);
                } catch (InvalidInputException e) {
                    problems.set(Field.USERNAME, e.getMessage());
                }
            }
            if (secret.length == 0) {
                problems.set(Field.PASSWORD, Texts.get("reception.staffRegistration.enterAPasswordFor"));
            } else {
                try {
                    PasswordRules.check(secret);
                    if (!PasswordRules.same(secret, again)) {
                        confirmation.set("");
                        problems.set(Field.CONFIRMATION, Texts.get("reception.staffRegistration.theTwoPasswordsAre"));
                    }
                } catch (InvalidInputException e) {
                    problems.set(Field.PASSWORD, e.getMessage());
                }
            }
            if (chosen == null || problems.any()) {
                Arrays.fill(secret, '\0');
                return;
            }
            boolean isDoctor = chosen == Role.DOCTOR;
            AccountDetails details;
            try {
                details = new AccountDetails(name.get(), isDoctor ? specialty.get() : null,
                        isDoctor ? licence.get() : null);
            } catch (InvalidInputException e) {
                Arrays.fill(secret, '\0');
                saving.problemProperty().set(e.getMessage());
                return;
            }
            EscrowConfirmation confirmation = chosen == Role.ADMINISTRATOR ? second.take() : null;
            saving.run(Texts.get("reception.staffRegistration.addingAnAccount"), progress -> {
                try {
                    return accounts.addAccount(session, chosen, newUsername, secret, details, confirmation);
                } finally {
                    Arrays.fill(secret, '\0');
                    if (confirmation != null) {
                        confirmation.wipe();
                    }
                }
            }, this::added);
        } catch (InvalidInputException e) {
            Arrays.fill(secret, '\0');
            saving.problemProperty().set(e.getMessage());
        } finally {
            Arrays.fill(again, '\0');
            // The second administrator's password goes at every attempt, whatever stopped it.
            second.passwordProperty().set("");
        }
    }

    private void added(Account account) {
        result.set(account.role() == Role.ADMINISTRATOR
                ? Texts.format("reception.staffRegistration.addedAn", account.role().code(), account.username())
                : Texts.format("reception.staffRegistration.addedA", account.role().code(), account.username()));
        username.set("");
        name.set("");
        specialty.set("");
        licence.set("");
        clearPasswords();
        second.reset();
        registered.run();
    }

    /** Forgets the new account's typed passwords: once it is added, and when the form is hidden. */
    private void clearPasswords() {
        password.set("");
        confirmation.set("");
    }

    /** Forgets every typed secret, the second holder's too: when the form is hidden. */
    public void clearSecrets() {
        clearPasswords();
        second.clearSecrets();
    }

    /** The roles the signed-in person may give; empty for someone who adds no accounts. */
    public ObservableList<Role> roles() {
        return roles;
    }

    public ObjectProperty<Role> roleProperty() {
        return role;
    }

    /** Whether the chosen role is a doctor's, who alone has a specialty and licence. */
    public BooleanBinding doctorProperty() {
        return doctor;
    }

    /** Whether the chosen role is an administrator's, whom a second holder must confirm. */
    public BooleanBinding administratorProperty() {
        return administrator;
    }

    /** Who confirms a new administrator. */
    public SecondHolderViewModel secondHolder() {
        return second;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty specialtyProperty() {
        return specialty;
    }

    public StringProperty licenceProperty() {
        return licence;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    /** Why the service refused, or what is wrong that belongs to no one field; empty otherwise. */
    public StringProperty problemProperty() {
        return saving.problemProperty();
    }

    /** What is wrong with one field; empty when nothing is. */
    public StringProperty problem(Field field) {
        return problems.of(field);
    }

    /** The last success, naming the username; empty otherwise. */
    public StringProperty resultProperty() {
        return result;
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.busyProperty();
    }
}
