package org.clinicledger.ui.receipt;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PageLayout;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.PaperSize;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Printing;
import org.clinicledger.ui.common.Texts;

/**
 * A record version's receipt: the page as it will print, the paper it is laid out for, "Print…"
 * through the system's print dialog, "Save as PDF…" and "Save proof file…".
 */
public final class ReceiptDialog {

    private ReceiptDialog() {
    }

    /** Shows the dialog without blocking and starts making the receipt. */
    public static Dialog<Void> show(Window owner, ReceiptViewModel model, FilePicker files) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(Texts.get("receipt.receipt"));
        dialog.setHeaderText(Texts.get("receipt.aReceiptNamesThe"));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("receiptDialog");

        ComboBox<PaperSize> paper = new ComboBox<>(FXCollections.observableArrayList(PaperSize.values()));
        paper.setId("receiptPaperBox");
        paper.setButtonCell(new PaperCell());
        paper.setCellFactory(list -> new PaperCell());
        paper.valueProperty().bindBidirectional(model.paperProperty());
        Label paperLabel = new Label(Texts.get("receipt.paper"));
        paperLabel.setLabelFor(paper);

        StringProperty printProblem = new SimpleStringProperty("");
        StringProperty printResult = new SimpleStringProperty("");
        Button print = new Button(Texts.get("receipt.print"));
        print.setId("printReceiptButton");
        print.setOnAction(event -> {
            printProblem.set("");
            printResult.set("");
            model.drawForPrinting(page -> print(owner(dialog), page, printProblem, printResult));
        });
        Button save = new Button(Texts.get("receipt.saveAsPdf"));
        save.setId("saveReceiptPdfButton");
        save.getStyleClass().add(Styles.ACCENT);
        save.setOnAction(event -> {
            printProblem.set("");
            printResult.set("");
            files.chooseFileToSave(Texts.get("receipt.saveTheReceiptAs"),
                    model.suggestedPdfName()).ifPresent(model::savePdf);
        });
        Button proof = new Button(Texts.get("receipt.saveProofFile"));
        proof.setId("saveProofButton");
        proof.setOnAction(event -> {
            printProblem.set("");
            printResult.set("");
            files.chooseFileToSave(Texts.get("receipt.saveTheProofFile"),
                    model.suggestedProofName()).ifPresent(model::saveProof);
        });
        print.disableProperty().bind(model.receiptProperty().isNull().or(model.workingProperty()));
        save.disableProperty().bind(print.disableProperty());
        proof.disableProperty().bind(print.disableProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.workingProperty());
        HBox actions = new HBox(12, paperLabel, paper, print, save, proof, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        ImageView page = new ImageView();
        page.setId("receiptPreview");
        page.setPreserveRatio(true);
        page.setAccessibleText(Texts.get("receipt.theReceiptsPageAs"));
        page.imageProperty().bind(model.previewProperty());
        StackPane sheet = new StackPane(page);
        sheet.setPadding(new Insets(12));
        sheet.getStyleClass().add("receipt-preview");
        ScrollPane scroll = new ScrollPane(sheet);
        scroll.setPrefViewportWidth(840);
        scroll.setPrefViewportHeight(owner == null ? 560 : Math.max(300, Math.min(720, owner.getHeight() - 260)));

        VBox content = new VBox(10, actions, InlineMessage.problem("receiptProblem", model.problemProperty()),
                InlineMessage.warning("receiptPrintProblem", printProblem),
                InlineMessage.success("receiptMessage", model.messageProperty()),
                InlineMessage.success("receiptPrintResult", printResult), scroll);
        dialog.getDialogPane().setContent(content);
        dialog.setResizable(true);
        dialog.show();
        model.load();
        return dialog;
    }

    private static Window owner(Dialog<?> dialog) {
        return dialog.getDialogPane().getScene() == null ? null : dialog.getDialogPane().getScene().getWindow();
    }

    private static void print(Window owner, Image drawn, StringProperty problem, StringProperty result) {
        switch (Printing.printOnePage(owner, layout -> fitted(drawn, layout))) {
            case NO_PRINTER -> problem.set(Texts.get("receipt.thisComputerHasNo"));
            case PRINTED -> result.set(Texts.get("receipt.theReceiptWentTo"));
            case FAILED -> problem.set(Texts.get("receipt.theReceiptWasNot"));
            case CANCELLED -> {
            }
        }
    }

    /** The drawn page scaled to the printable area, keeping its proportions. */
    private static Node fitted(Image drawn, PageLayout layout) {
        ImageView page = new ImageView(drawn);
        page.setPreserveRatio(true);
        page.setSmooth(true);
        page.setFitWidth(layout.getPrintableWidth());
        page.setFitHeight(layout.getPrintableHeight());
        return page;
    }

    /** "A4" and "Letter", as people write them. */
    private static final class PaperCell extends ListCell<PaperSize> {
        @Override
        protected void updateItem(PaperSize item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item == PaperSize.A4 ? Texts.get("receipt.a4")
                    : Texts.get("receipt.letter"));
        }
    }
}
