package org.clinicledger.ui.receipt;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;

import org.clinicledger.clinic.ChosenFile;
import org.clinicledger.clinic.ReceiptService;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.Receipt;
import org.clinicledger.domain.RecordId;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * The receipt of one record version: its page as a preview, on the paper chosen (A4 or Letter, by
 * default the one usual where the computer's locale is), saved as PDF or rendered for the printer.
 * A receipt holds hashes, the MRN and the signed checkpoint, nothing of the record's content, so
 * making one decrypts and logs nothing.
 */
public final class ReceiptViewModel {

    /** The preview is drawn at the resolution a screen shows a page at its real size. */
    static final float PREVIEW_DPI = 96;
    /** Paper is printed from a page drawn at a printer's usual resolution, so the QR code stays sharp. */
    static final float PRINT_DPI = 300;

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final RecordId recordId;
    private final Integer version;
    private final TaskState working;
    private final ReadOnlyObjectWrapper<Receipt> receipt = new ReadOnlyObjectWrapper<>(this, "receipt");
    private final ObjectProperty<PaperSize> paper = new SimpleObjectProperty<>(this, "paper",
            PaperSize.forLocale(Locale.getDefault()));
    private final ReadOnlyObjectWrapper<Image> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /** The receipt of {@code version} (null: the newest) of the record, once {@link #load()} has run. */
    public ReceiptViewModel(Workspace workspace, Session session, BackgroundTasks tasks, RecordId recordId,
            Integer version) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
        this.recordId = recordId;
        this.version = version;
        this.working = TaskState.inForm(tasks).reportedAs(Texts.get("receipt.receipt"));
        paper.addListener((observable, before, now) -> drawPreview());
    }

    /** Makes the receipt and draws its preview. */
    public void load() {
        working.run(Texts.get("receipt.makingTheReceipt"), progress -> workspace.receipts().receipt(session, recordId,
                version),
                made -> {
                    receipt.set(made);
                    drawPreview();
                });
    }

    private void drawPreview() {
        Receipt made = receipt.get();
        PaperSize size = paper.get();
        if (made == null || size == null) {
            return;
        }
        tasks.task(Texts.get("receipt.drawingTheReceipt"), progress -> image(made, size, PREVIEW_DPI))
                .onSuccess(image -> {
                    // A slower drawing for the paper chosen before must not replace the newer one.
                    if (made == receipt.get() && size == paper.get()) {
                        preview.set(image);
                    }
                })
                .start();
    }

    /** The page drawn for printing on the chosen paper, handed to {@code then} on the JavaFX thread. */
    public void drawForPrinting(Consumer<Image> then) {
        Receipt made = receipt.get();
        if (made == null) {
            return;
        }
        PaperSize size = paper.get();
        message.set("");
        working.run(Texts.get("receipt.preparingTheReceiptFor"), progress -> image(made, size, PRINT_DPI), then);
    }

    /** Saves the receipt as a one-page PDF on the chosen paper. */
    public void savePdf(Path target) {
        Receipt made = receipt.get();
        if (made == null || target == null) {
            return;
        }
        PaperSize size = paper.get();
        message.set("");
        working.run(Texts.get("receipt.savingTheReceipt"), progress -> {
            ChosenFile.write(target, ReceiptService.receiptPdf(made, size), true);
            return target;
        }, saved -> message.set(Texts.format("receipt.savedReceipt", saved.getFileName())));
    }

    /**
     * Saves the proof file of the same version ({@code docs/formats/proof.md}): with it, anyone checks
     * offline that the record was in the patient's chain under the receipt's checkpoint.
     */
    public void saveProof(Path target) {
        if (receipt.get() == null || target == null) {
            return;
        }
        message.set("");
        working.run(Texts.get("receipt.savingTheProofFile"), progress -> {
            ChosenFile.write(target, workspace.receipts().proof(session, recordId, version).bytes(), true);
            return target;
        }, saved -> message.set(Texts.format("receipt.savedProof", saved.getFileName())));
    }

    /** The name a saved proof is offered under: {@code proof-<id>-v<version>.json}. */
    public String suggestedProofName() {
        Receipt made = receipt.get();
        return made == null ? "proof.json" : "proof-" + made.recordId() + "-v" + made.version() + ".json";
    }

    private static Image image(Receipt receipt, PaperSize paper, float dpi) {
        Image image = new Image(new ByteArrayInputStream(ReceiptService.receiptImage(receipt, paper, dpi)));
        if (image.isError()) {
            throw new IllegalStateException("The receipt's page could not be drawn", image.getException());
        }
        return image;
    }

    /** The name a saved receipt is offered under: {@code receipt-<id>-v<version>.pdf}. */
    public String suggestedPdfName() {
        Receipt made = receipt.get();
        return made == null ? "receipt.pdf" : "receipt-" + made.recordId() + "-v" + made.version() + ".pdf";
    }

    public ReadOnlyObjectProperty<Receipt> receiptProperty() {
        return receipt.getReadOnlyProperty();
    }

    public ObjectProperty<PaperSize> paperProperty() {
        return paper;
    }

    /** The page at screen resolution; null until drawn. */
    public ReadOnlyObjectProperty<Image> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** What was saved. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the receipt could not be made, saved or printed. */
    public ReadOnlyStringProperty problemProperty() {
        return working.problemProperty();
    }

    public ReadOnlyBooleanProperty workingProperty() {
        return working.busyProperty();
    }
}
