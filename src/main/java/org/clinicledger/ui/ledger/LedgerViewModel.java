package org.clinicledger.ui.ledger;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.ui.common.BackgroundTasks;

/** Facts about the data folder, and the check of the database file. */
public final class LedgerViewModel {

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<DatabaseFacts> facts = new ReadOnlyObjectWrapper<>(this, "facts");
    private final ReadOnlyStringWrapper checkResult = new ReadOnlyStringWrapper(this, "checkResult",
            "The database file has not been checked in this session.");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");

    public LedgerViewModel(Workspace workspace, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.tasks = tasks;
    }

    public void refresh() {
        tasks.task("Reading the data folder", progress -> workspace.databaseFacts())
                .onSuccess(facts::set)
                .start();
    }

    public void checkDatabase() {
        if (checking.get()) {
            return;
        }
        checking.set(true);
        tasks.task("Checking the database file", workspace::checkDatabaseIntegrity)
                .onSuccess(problems -> {
                    checking.set(false);
                    checkResult.set(describe(problems));
                    refresh();
                })
                .onFailure(failure -> {
                    checking.set(false);
                    checkResult.set("The check could not run.");
                    tasks.dialogs().reportFailure("The database could not be checked", failure);
                })
                .start();
    }

    static String describe(List<String> problems) {
        String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).format(LocalTime.now());
        if (problems.isEmpty()) {
            return "The database file is sound (checked at " + time + ").";
        }
        return "The database file is damaged (checked at " + time + "): " + String.join("; ", problems)
                + ". Restore it from a backup before adding records.";
    }

    public ReadOnlyObjectProperty<DatabaseFacts> factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkResultProperty() {
        return checkResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }
}
