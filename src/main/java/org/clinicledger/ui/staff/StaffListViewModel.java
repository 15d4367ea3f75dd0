package org.clinicledger.ui.staff;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import org.clinicledger.clinic.AccountService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffAccount;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * The clinic's staff for an administrator: every doctor's and staff member's account by name, with
 * username, role, status and when it was added, narrowed as the filter is typed (name, username or
 * role); the chosen account deactivated with a reason, or reactivated. Loading and changing run off
 * the JavaFX thread; the list is read again after every change.
 */
public final class StaffListViewModel {

    private final AccountService accounts;
    private final Session session;
    private final TaskState loading;
    private final TaskState changing;
    private final ObservableList<StaffAccount> all = FXCollections.observableArrayList();
    private final FilteredList<StaffAccount> shown = new FilteredList<>(all, account -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<StaffAccount> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final StringProperty reasonProblem = new SimpleStringProperty(this, "reasonProblem", "");
    private final StringProperty outcome = new SimpleStringProperty(this, "outcome", "");
    private final BooleanBinding mayDeactivate;
    private final BooleanBinding mayReactivate;

    public StaffListViewModel(AccountService accounts, Session session, BackgroundTasks tasks) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.session = Objects.requireNonNull(session, "session");
        this.loading = TaskState.inForm(tasks);
        this.changing = TaskState.inForm(tasks);
        filter.addListener((observable, before, now) -> shown.setPredicate(account -> matches(account, now)));
        mayDeactivate = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().active()
                && !isSelf(selected.get()) && !changing.isBusy(), selected, changing.busyProperty());
        mayReactivate = Bindings.createBooleanBinding(() -> selected.get() != null && !selected.get().active()
                && !changing.isBusy(), selected, changing.busyProperty());
    }

    /** Whether the signed-in person sees the staff list: administrators. */
    public static boolean isFor(Role role) {
        return role == Role.ADMINISTRATOR;
    }

    /** Reads the list again, keeping the chosen account chosen where it still is. */
    public void load() {
        String chosen = selected.get() == null ? null : selected.get().member().username();
        loading.run(Texts.get("staff.staffList.readingTheStaffList"), progress -> accounts.staffAccounts(session),
                list -> {
            all.setAll(list);
            selected.set(chosen == null ? null : all.stream()
                    .filter(account -> account.member().username().equals(chosen)).findFirst().orElse(null));
        });
    }

    /** Whether {@code account} fits what was typed: a word of its name, its username or its role. */
    static boolean matches(StaffAccount account, String typed) {
        String query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (query.isEmpty()) {
            return true;
        }
        return account.member().displayName().toLowerCase(Locale.ROOT).contains(query)
                || account.member().username().contains(query)
                || account.member().role().code().startsWith(query);
    }

    /** Deactivates the chosen account with the reason typed; a missing reason is said at its field. */
    public void deactivate() {
        StaffAccount account = selected.get();
        if (account == null || !mayDeactivate.get()) {
            return;
        }
        outcome.set("");
        String text = reason.get().strip();
        if (text.length() < 5) {
            reasonProblem.set(Texts.get("staff.staffList.giveTheReasonFor"));
            return;
        }
        reasonProblem.set("");
        String username = account.member().username();
        changing.run(Texts.get("staff.staffList.deactivatingAnAccount"), progress -> {
            accounts.deactivate(session, username, text);
            return null;
        }, done -> {
            reason.set("");
            outcome.set(Texts.format("staff.staffList.isDeactivatedTheyCannot", account.member().displayName()));
            load();
        });
    }

    /** Reactivates the chosen account. */
    public void reactivate() {
        StaffAccount account = selected.get();
        if (account == null || !mayReactivate.get()) {
            return;
        }
        outcome.set("");
        reasonProblem.set("");
        String username = account.member().username();
        changing.run(Texts.get("staff.staffList.reactivatingAnAccount"), progress -> {
            accounts.reactivate(session, username);
            return null;
        }, done -> {
            outcome.set(Texts.format("staff.staffList.isActiveAgainAnd", account.member().displayName()));
            load();
        });
    }

    private boolean isSelf(StaffAccount account) {
        return account.member().username().equals(session.username());
    }

    /** The accounts that fit the filter, sorted by name. */
    public ObservableList<StaffAccount> shownAccounts() {
        return shown;
    }

    /** Every account read, whatever the filter. */
    public List<StaffAccount> allAccounts() {
        return List.copyOf(all);
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<StaffAccount> selectedProperty() {
        return selected;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty reasonProblemProperty() {
        return reasonProblem;
    }

    /** What the last change did; empty before and while one runs. */
    public StringProperty outcomeProperty() {
        return outcome;
    }

    /** Why the last change was refused. */
    public StringProperty problemProperty() {
        return changing.problemProperty();
    }

    /** Why the list could not be read. */
    public StringProperty loadProblemProperty() {
        return loading.problemProperty();
    }

    public BooleanBinding mayDeactivateProperty() {
        return mayDeactivate;
    }

    public BooleanBinding mayReactivateProperty() {
        return mayReactivate;
    }

    public ReadOnlyBooleanProperty changingProperty() {
        return changing.busyProperty();
    }
}
