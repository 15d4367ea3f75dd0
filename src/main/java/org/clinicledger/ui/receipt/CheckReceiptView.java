package org.clinicledger.ui.receipt;

import java.nio.file.Path;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.ReceiptVerdict.Outcome;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Page;
import org.clinicledger.ui.common.Texts;

/**
 * Check a receipt: type or paste a hash, or open a receipt's PDF or picture, add the copy if there
 * is one, and read the answer. The answer says its outcome in words before any colour or sign, so
 * that it reads the same to someone who does not see colours.
 */
public final class CheckReceiptView extends Page {

    public CheckReceiptView(CheckReceiptViewModel model, FilePicker files) {
        super(Texts.get("receipt.checkReceipt.checkAReceipt"), Texts.get("receipt.checkReceipt.anyoneCanCheckA"));
        setId("checkReceiptView");

        Label typedLabel = new Label(Texts.get("receipt.checkReceipt.hashOrTheReceipts"));
        TextArea typed = new TextArea();
        typed.setId("checkHashField");
        typed.setPromptText(Texts.get("receipt.checkReceipt.eGFD"));
        typed.setPrefRowCount(1);
        typed.setWrapText(true);
        typed.getStyleClass().add("monospace");
        typed.textProperty().bindBidirectional(model.typedProperty());
        typed.disableProperty().bind(model.receiptFileProperty().isNotNull());
        typedLabel.setLabelFor(typed);

        Button open = new Button(Texts.get("receipt.checkReceipt.openAReceipt"));
        open.setId("openReceiptButton");
        open.setOnAction(event
                -> files.chooseFilesToOpen(Texts.get("receipt.checkReceipt.openAReceiptPdf")).stream().findFirst()
                .ifPresent(model.receiptFileProperty()::set));
        Button addCopy = new Button(Texts.get("receipt.checkReceipt.addMyCopy"));
        addCopy.setId("addCopyButton");
        addCopy.setOnAction(event
                -> files.chooseFilesToOpen(Texts.get("receipt.checkReceipt.addYourCopyOf")).stream().findFirst()
                .ifPresent(model.copyFileProperty()::set));

        Button check = new Button(Texts.get("receipt.checkReceipt.check"));
        check.setId("checkButton");
        check.setDefaultButton(true);
        check.getStyleClass().add(Styles.ACCENT);
        check.disableProperty().bind(model.checkingProperty());
        check.setOnAction(event -> model.check());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.checkingProperty());
        HBox actions = new HBox(12, check, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        section(Texts.get("receipt.checkReceipt.whatToCheck"), typedLabel, typed, InlineMessage.problem("checkProblem",
                model.problemProperty()),
                chosen(open, "receiptFileName", Texts.get("receipt.checkReceipt.noReceiptFileOpen"),
                        model.receiptFileProperty()),
                chosen(addCopy, "copyFileName", Texts.get("receipt.checkReceipt.noCopyAddedOptional"),
                        model.copyFileProperty()), actions);
        section(Texts.get("receipt.checkReceipt.answer"), answer(model));
        // The answer is what was asked for: bring it into view when it arrives.
        model.outcomeProperty().addListener((observable, before, now) -> {
            if (now != null) {
                Platform.runLater(() -> setVvalue(getVmax()));
            }
        });
    }

    /** Shows the screen in a dialog of {@code owner}, for someone who is signed in. */
    public static Dialog<Void> showDialog(Window owner, CheckReceiptViewModel model, FilePicker files) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(Texts.get("receipt.checkReceipt.checkAReceipt"));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("checkReceiptDialog");
        CheckReceiptView view = new CheckReceiptView(model, files);
        view.setPrefSize(760, owner == null ? 600 : Math.max(360, Math.min(700, owner.getHeight() - 120)));
        dialog.getDialogPane().setContent(view);
        dialog.setResizable(true);
        dialog.show();
        return dialog;
    }

    /** A button that chooses a file, the chosen file's name, and a link that takes it away again. */
    private static HBox chosen(Button choose, String id, String none, ObjectProperty<Path> file) {
        Label name = new Label();
        name.setId(id);
        name.textProperty().bind(Bindings.createStringBinding(() -> file.get() == null ? none
                : String.valueOf(file.get().getFileName()), file));
        Hyperlink remove = new Hyperlink(Texts.get("receipt.checkReceipt.remove"));
        remove.setId(id + "Remove");
        remove.visibleProperty().bind(file.isNotNull());
        remove.setOnAction(event -> file.set(null));
        HBox row = new HBox(12, choose, name, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static VBox answer(CheckReceiptViewModel model) {
        Label waiting = Page.emptyState(Texts.get("receipt.checkReceipt.theAnswerAppearsHere"));
        Label outcome = new Label();
        outcome.setId("checkOutcome");
        outcome.getStyleClass().addAll(Styles.TITLE_3);
        Label headline = new Label();
        headline.setId("checkHeadline");
        headline.setWrapText(true);
        headline.setMinHeight(Region.USE_PREF_SIZE);
        headline.getStyleClass().add(Styles.TEXT_BOLD);
        headline.textProperty().bind(model.headlineProperty());
        VBox details = new VBox(6);
        details.setId("checkDetails");
        VBox answer = new VBox(8, outcome, headline, details);
        answer.setId("checkAnswer");
        answer.getStyleClass().add("check-answer");

        model.outcomeProperty().subscribe(found -> {
            outcome.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING);
            if (found != null) {
                outcome.setText(words(found));
                outcome.getStyleClass().add(style(found));
            }
            answer.setVisible(found != null);
            answer.setManaged(found != null);
            waiting.setVisible(found == null);
            waiting.setManaged(found == null);
        });
        model.details().addListener((Observable changed) -> details.getChildren().setAll(model.details().stream()
                .map(sentence -> {
                    Label line = new Label("•  " + sentence);
                    line.setWrapText(true);
                    line.setMinHeight(Region.USE_PREF_SIZE);
                    return line;
                }).toList()));
        return new VBox(8, waiting, answer);
    }

    /** The outcome in words, then a sign; colour comes third, from the style. */
    static String words(Outcome outcome) {
        return switch (outcome) {
            case MATCHES -> Texts.get("receipt.checkReceipt.matches");
            case DOES_NOT_MATCH -> Texts.get("receipt.checkReceipt.doesNotMatch");
            case ROLLED_BACK -> Texts.get("receipt.checkReceipt.historyRolledBack");
            case REWRITTEN -> Texts.get("receipt.checkReceipt.historyRewritten");
        };
    }

    private static String style(Outcome outcome) {
        return switch (outcome) {
            case MATCHES -> Styles.SUCCESS;
            case DOES_NOT_MATCH -> Styles.DANGER;
            case ROLLED_BACK, REWRITTEN -> Styles.WARNING;
        };
    }
}
