package org.clinicledger.ui.receipt;

import java.nio.file.Path;
import java.util.List;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.ReceiptService;
import org.clinicledger.domain.HashFinding;
import org.clinicledger.domain.ReceiptVerdict;
import org.clinicledger.domain.ReceiptVerdict.Outcome;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * The Check a receipt screen: a typed or pasted hash, or a receipt's file (PDF, PNG or JPEG, whose QR
 * code is read), optionally with the patient's copy, checked against this clinic's ledger. Nobody
 * needs to be signed in: a check reads only hashes, blocks and signed checkpoints. The answer is an
 * outcome, a headline and the sentences saying what was checked and what the receipt covers.
 */
public final class CheckReceiptViewModel {

    static final String NOTHING_TO_CHECK = Texts.get("receipt.checkReceipt.typeOrPasteA");

    private final ReceiptService receipts;
    private final TaskState checking;
    private final StringProperty typed = new SimpleStringProperty(this, "typed", "");
    private final ObjectProperty<Path> receiptFile = new SimpleObjectProperty<>(this, "receiptFile");
    private final ObjectProperty<Path> copyFile = new SimpleObjectProperty<>(this, "copyFile");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ObservableList<String> details = FXCollections.observableArrayList();
    private final ObservableList<String> shownDetails = FXCollections.unmodifiableObservableList(details);

    public CheckReceiptViewModel(ReceiptService receipts, BackgroundTasks tasks) {
        this.receipts = receipts;
        this.checking = TaskState.inForm(tasks).reportedAs(Texts.get("receipt.checkReceipt.checking"));
        // An answer belongs to what was checked; changing that takes the answer away.
        typed.addListener((observable, before, now) -> clearAnswer());
        receiptFile.addListener((observable, before, now) -> clearAnswer());
        copyFile.addListener((observable, before, now) -> clearAnswer());
    }

    /**
     * Checks what was given: a receipt's file if one is open, else the typed text (a receipt code's
     * text when it has several lines, as a pasted code has, else a hash), each with the copy if one
     * was added. A typed hash without a copy is looked up: where it occurs in this ledger.
     */
    public void check() {
        if (checking.isBusy()) {
            return;
        }
        clearAnswer();
        Path receipt = receiptFile.get();
        Path copy = copyFile.get();
        String text = typed.get() == null ? "" : typed.get().strip();
        if (receipt != null) {
            checking.run(Texts.get("receipt.checkReceipt.checkingTheReceipt"),
                    progress -> receipts.checkReceipt(receipt, copy), this::show);
        } else if (text.contains("\n")) {
            String code = text.replace("\r\n", "\n") + "\n";
            checking.run(Texts.get("receipt.checkReceipt.checkingTheReceipt"),
                    progress -> receipts.checkReceiptText(code, copy), this::show);
        } else if (text.isEmpty()) {
            checking.problemProperty().set(copy == null ? NOTHING_TO_CHECK
                    : Texts.get("receipt.checkReceipt.typeTheRecordHash"));
        } else if (copy != null) {
            checking.run(Texts.get("receipt.checkReceipt.checkingTheCopy"), progress -> receipts.checkCopy(text, copy),
                    this::show);
        } else {
            checking.run(Texts.get("receipt.checkReceipt.lookingTheHashUp"), progress -> receipts.checkHash(text),
                    this::showFindings);
        }
    }

    private void showFindings(List<HashFinding> findings) {
        if (findings.isEmpty()) {
            show(new ReceiptVerdict(Outcome.DOES_NOT_MATCH, Texts.get("receipt.checkReceipt.thisClinicsLedgerHas"),
                    List.of(Texts.get("receipt.checkReceipt.checkThatEveryDigit"))));
        } else {
            show(new ReceiptVerdict(Outcome.MATCHES, Texts.get("receipt.checkReceipt.thisHashIsIn"),
                    findings.stream().map(HashFinding::describe).toList()));
        }
    }

    private void show(ReceiptVerdict verdict) {
        outcome.set(verdict.outcome());
        headline.set(verdict.headline());
        details.setAll(verdict.details());
    }

    private void clearAnswer() {
        outcome.set(null);
        headline.set("");
        details.clear();
    }

    /** A hash, or a receipt code's text pasted whole. */
    public StringProperty typedProperty() {
        return typed;
    }

    /** The receipt's PDF, PNG or JPEG; null when none is open. */
    public ObjectProperty<Path> receiptFileProperty() {
        return receiptFile;
    }

    /** The patient's copy of the record; null when none was added. */
    public ObjectProperty<Path> copyFileProperty() {
        return copyFile;
    }

    /** What the last check found; null before a check, or after what was checked changed. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** What was checked and what the receipt or hash covers, one sentence each. */
    public ObservableList<String> details() {
        return shownDetails;
    }

    /** Why the check could not be made (not a hash, an unreadable file), in plain words. */
    public ReadOnlyStringProperty problemProperty() {
        return checking.problemProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.busyProperty();
    }
}
