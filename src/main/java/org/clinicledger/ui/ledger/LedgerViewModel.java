package org.clinicledger.ui.ledger;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
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

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.BlockFacts;
import org.clinicledger.domain.ByteSize;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ExportVerdict;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.domain.WitnessingSummary;
import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.CancelSwitch;
import org.clinicledger.ui.common.TaskState;

/**
 * Facts about the data folder, verification of the chains and of export files, and the check of
 * the database file. None of it needs a password.
 */
public final class LedgerViewModel {

    /** The verification's outcome in one word or two, for the badge beside the summary. */
    public enum Verdict {
        NOT_VERIFIED("Not verified yet", ""),
        VERIFYING("Verifying…", ""),
        INTACT("Intact", "intact"),
        NOT_INTACT("Not intact", "not-intact"),
        FAILED("Could not verify", "not-intact");

        private final String words;
        private final String styleClass;

        Verdict(String words, String styleClass) {
            this.words = words;
            this.styleClass = styleClass;
        }

        public String words() {
            return words;
        }

        /** The badge's extra style class; empty for the neutral ones. */
        public String styleClass() {
            return styleClass;
        }
    }

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
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>(this, "verdict",
            Verdict.NOT_VERIFIED);
    private final ReadOnlyObjectWrapper<BlockFacts> block = new ReadOnlyObjectWrapper<>(this, "block");
    private final ReadOnlyStringWrapper blockNote = new ReadOnlyStringWrapper(this, "blockNote",
            "Choose a problem to see the block it names.");
    private final ReadOnlyStringWrapper exportSummary = new ReadOnlyStringWrapper(this, "exportSummary",
            "No export file has been checked in this session.");
    private final ReadOnlyStringWrapper exportDescription = new ReadOnlyStringWrapper(this, "exportDescription", "");
    private final ObservableList<VerificationProblem> exportProblems = FXCollections.observableArrayList();
    private final TaskState verifyingExport;
    private final CancelSwitch exportCancel = new CancelSwitch();

    public LedgerViewModel(Workspace workspace, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.checking = TaskState.inDialogs(tasks).reportedAs("The database could not be checked");
        this.verifying = TaskState.inDialogs(tasks).reportedAs("The chains could not be verified").announced();
        this.verifyingExport = TaskState.inForm(tasks).reportedAs("The export file could not be checked").announced();
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
        verdict.set(Verdict.VERIFYING);
        showBlock(null);
        verifying.run("Verifying the chains",
                progress -> new Verified(workspace.verify(progress), workspace.witnesses().summary()), verified -> {
                    problems.setAll(verified.report().problems());
                    verificationSummary.set(summarize(verified.report()));
                    witnessing.set(verified.witnessing().describe());
                    verdict.set(verified.report().ok() ? Verdict.INTACT : Verdict.NOT_INTACT);
                }, failure -> {
                    verificationSummary.set("The verification could not run.");
                    witnessing.set("");
                    verdict.set(Verdict.FAILED);
                });
    }

    /**
     * Shows the block {@code problem} names (read as stored, in the background), or says why there
     * is none to show: a problem of a whole chain, of this machine's memory, or of a missing block.
     */
    public void showBlock(VerificationProblem problem) {
        block.set(null);
        if (problem == null) {
            blockNote.set("Choose a problem to see the block it names.");
            return;
        }
        if (problem.height() < 0) {
            blockNote.set("This problem is about " + problem.chain() + " as a whole, not one block.");
            return;
        }
        blockNote.set("Reading block " + problem.height() + " of " + problem.chain() + "…");
        tasks.task("Reading block " + problem.height() + " of " + problem.chain(),
                progress -> workspace.chainBrowser().block(problem.chain(), problem.height()))
                .onSuccess(found -> {
                    block.set(found.orElse(null));
                    blockNote.set(found.isPresent() ? "" : "There is no block " + problem.height() + " in "
                            + problem.chain() + ": it is missing from the table.");
                })
                .start();
    }

    /** What one verification found: the report, and how many machines stand behind each chain's newest checkpoint. */
    private record Verified(VerificationReport report, WitnessingSummary witnessing) {
    }

    /**
     * Checks an export file with nothing but the file, in the background, anchored to this
     * folder's clinic key once there is one (a file of another clinic is then a problem). A file
     * that cannot be read as an export at all is told on the summary line in plain words.
     */
    public void verifyExport(Path file) {
        if (verifyingExport.isBusy()) {
            return;
        }
        exportProblems.clear();
        exportDescription.set("");
        exportSummary.set("Checking " + file.getFileName() + "…");
        exportCancel.reset();
        verifyingExport.run("Checking the export file " + file.getFileName(), progress -> ExchangeService.verifyExport(
                file, workspace.clinic().fingerprint().orElse(null), progress, exportCancel), verdict -> {
                    exportProblems.setAll(verdict.problems());
                    exportSummary.set(verdict.headline());
                    exportDescription.set(describe(file, verdict));
                }, failure -> exportSummary.set("Failed: " + file.getFileName() + " could not be checked as an export "
                        + "file."));
    }

    /** Stops checking an export file. */
    public void cancelExportCheck() {
        if (verifyingExport.isBusy()) {
            exportCancel.request();
        }
    }

    /** What the file says it is: scope, who and when, which machine and clinic, what it holds. */
    static String describe(Path file, ExportVerdict verdict) {
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .format(verdict.createdAt().atZone(ZoneId.systemDefault()));
        return file.getFileName() + ": an export of " + verdict.scope()
                + (verdict.subject().isEmpty() ? "" : " " + verdict.subject()) + " made by " + verdict.exportedBy()
                + " on " + when + " on machine " + verdict.node() + ", clinic key " + verdict.clinic() + ". It holds "
                + verdict.chains() + " chains, " + verdict.blocks() + " blocks, " + verdict.rows() + " table rows and "
                + verdict.files() + " encrypted files in " + ByteSize.format(verdict.bytes()) + ".";
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

    public ReadOnlyObjectProperty<Verdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** The block the chosen problem names, as stored; null when none is shown. */
    public ReadOnlyObjectProperty<BlockFacts> blockProperty() {
        return block.getReadOnlyProperty();
    }

    /** Why no block is shown, or that it is being read; empty while one is. */
    public ReadOnlyStringProperty blockNoteProperty() {
        return blockNote.getReadOnlyProperty();
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

    /** The last export file check's headline, or why it could not run. */
    public ReadOnlyStringProperty exportSummaryProperty() {
        return exportSummary.getReadOnlyProperty();
    }

    /** What the last checked export file says it is; empty before. */
    public ReadOnlyStringProperty exportDescriptionProperty() {
        return exportDescription.getReadOnlyProperty();
    }

    /** Why the file could not be read as an export at all; empty otherwise. */
    public javafx.beans.property.StringProperty exportProblemProperty() {
        return verifyingExport.problemProperty();
    }

    public ObservableList<VerificationProblem> exportProblems() {
        return exportProblems;
    }

    public ReadOnlyBooleanProperty verifyingExportProperty() {
        return verifyingExport.busyProperty();
    }

    public ReadOnlyBooleanProperty verifyingProperty() {
        return verifying.busyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.busyProperty();
    }
}
