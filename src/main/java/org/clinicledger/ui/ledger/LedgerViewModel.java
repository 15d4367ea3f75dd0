package org.clinicledger.ui.ledger;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.domain.WitnessingSummary;
import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;

/** Facts about the data folder, verification of the chains, and the check of the database file. */
public final class LedgerViewModel {

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<DatabaseFacts> facts = new ReadOnlyObjectWrapper<>(this, "facts");
    private final ReadOnlyObjectWrapper<Optional<ClinicFingerprint>> fingerprint =
            new ReadOnlyObjectWrapper<>(this, "fingerprint");
    private final ReadOnlyStringWrapper checkResult = new ReadOnlyStringWrapper(this, "checkResult",
            "The database file has not been checked in this session.");
    private final TaskState checking;
    private final ReadOnlyStringWrapper verificationSummary = new ReadOnlyStringWrapper(this, "verificationSummary",
            "The chains have not been verified in this session.");
    private final ObservableList<VerificationProblem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper witnessing = new ReadOnlyStringWrapper(this, "witnessing", "");
    private final TaskState verifying;

    public LedgerViewModel(Workspace workspace, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.checking = TaskState.inDialogs(tasks).reportedAs("The database could not be checked");
        this.verifying = TaskState.inDialogs(tasks).reportedAs("The chains could not be verified");
    }

    public void refresh() {
        tasks.task("Reading the data folder", progress -> workspace.databaseFacts())
                .onSuccess(facts::set)
                .start();
        tasks.task("Reading the clinic key", progress -> workspace.clinic().fingerprint())
                .onSuccess(fingerprint::set)
                .start();
    }

    public void checkDatabase() {
        if (checking.isBusy()) {
            return;
        }
        checking.run("Checking the database file", workspace::checkDatabaseIntegrity, problems -> {
            checkResult.set(describe(problems));
            refresh();
        }, failure -> checkResult.set("The check could not run."));
    }

    /** Verifies every chain in the background; the summary and the problem list show the outcome. */
    public void verifyChains() {
        if (verifying.isBusy()) {
            return;
        }
        verifying.run("Verifying the chains",
                progress -> new Verified(workspace.verify(progress), workspace.witnesses().summary()), verified -> {
                    problems.setAll(verified.report().problems());
                    verificationSummary.set(summarize(verified.report()));
                    witnessing.set(verified.witnessing().describe());
                }, failure -> {
                    verificationSummary.set("The verification could not run.");
                    witnessing.set("");
                });
    }

    /** What one verification found: the report, and how many machines stand behind each chain's newest checkpoint. */
    private record Verified(VerificationReport report, WitnessingSummary witnessing) {
    }

    static String summarize(VerificationReport report) {
        String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).format(LocalTime.now());
        String counted = report.chains() + (report.chains() == 1 ? " chain, " : " chains, ") + report.blocks()
                + (report.blocks() == 1 ? " block" : " blocks");
        if (report.ok()) {
            return "Intact: " + counted + " verified at " + time + ". Every hash, link, signature, signed head, "
                    + "encrypted file and record table checks out"
                    + (report.clinicKey() == null ? "." : ", and every key traces back to the clinic key "
                            + report.clinicKey().grouped() + ".")
                    + (report.problems().isEmpty() ? "" : " Upkeep that is due is listed below.");
        }
        int count = report.changes().size();
        return "NOT INTACT: " + count + (count == 1 ? " problem" : " problems") + " found in " + counted
                + " (verified at " + time + "). Each is listed below; the data may have been changed outside ClinicLedger.";
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

    /** The clinic key's fingerprint once read: empty before set-up; null while it is being read. */
    public ReadOnlyObjectProperty<Optional<ClinicFingerprint>> fingerprintProperty() {
        return fingerprint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkResultProperty() {
        return checkResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verificationSummaryProperty() {
        return verificationSummary.getReadOnlyProperty();
    }

    /** How many chains' newest checkpoints a majority of the clinic's machines witnessed; empty before a verification. */
    public ReadOnlyStringProperty witnessingProperty() {
        return witnessing.getReadOnlyProperty();
    }

    public ObservableList<VerificationProblem> problems() {
        return problems;
    }

    public ReadOnlyBooleanProperty verifyingProperty() {
        return verifying.busyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.busyProperty();
    }
}
