package org.clinicledger.ui.setup;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PageLayout;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.RecoverySheet;
import org.clinicledger.ui.common.FactGrid;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Printing;
import org.clinicledger.ui.common.QrCodes;
import org.clinicledger.ui.common.Texts;

/**
 * The clinic's recovery sheet, shown once after set-up: the clinic's name and fingerprint (so the
 * sheet is never taken for another clinic's), the words that hold the whole escrow key, the same as
 * a QR code, what to do with it, a Print button and "I have stored it". The sheet is printed
 * straight from memory ({@link Printing}); nothing of it is written to disk.
 */
final class RecoverySheetPage {

    private static final int MODULE_PIXELS = 3;
    private static final int GROUPS_PER_LINE = 7;

    private RecoverySheetPage() {
    }

    /** The card the first-run screen shows in place of the form; {@code stored} continues to sign-in. */
    static VBox card(RecoverySheet sheet, Runnable stored) {
        StringProperty printProblem = new SimpleStringProperty("");
        StringProperty printResult = new SimpleStringProperty("");
        VBox card = new VBox(12);
        Label title = new Label(Texts.get("setup.recoverySheet.theClinicsRecoverySheet"));
        title.getStyleClass().add(Styles.TITLE_1);
        Label once = wrapped(Texts.get("setup.recoverySheet.theClinicIsSet"));
        once.getStyleClass().add(Styles.WARNING);

        Button print = new Button(Texts.get("setup.recoverySheet.print"));
        print.setId("printRecoverySheetButton");
        print.setOnAction(event -> {
            printProblem.set("");
            printResult.set("");
            print(sheet, card.getScene() == null ? null : card.getScene().getWindow(), printProblem, printResult);
        });
        Button done = new Button(Texts.get("setup.recoverySheet.iHaveStoredIt"));
        done.setId("recoverySheetStoredButton");
        done.getStyleClass().add(Styles.ACCENT);
        done.setOnAction(event -> stored.run());
        HBox actions = new HBox(12, print, done);
        actions.setAlignment(Pos.CENTER_LEFT);

        card.getChildren().addAll(title, once, sheet(sheet, true),
                InlineMessage.warning("printProblem", printProblem),
                InlineMessage.success("printResult", printResult), actions);
        card.setId("recoverySheetView");
        return card;
    }

    /** What is on the sheet, on the screen and on paper alike. */
    private static VBox sheet(RecoverySheet sheet, boolean onScreen) {
        Label heading = new Label(Texts.format("setup.recoverySheet.recoverySheetOf", sheet.clinicName()));
        heading.getStyleClass().add(Styles.TITLE_3);
        Label name = FactGrid.value(onScreen ? "recoverySheetClinic" : null);
        name.setText(sheet.clinicName());
        Label fingerprint = FactGrid.value(onScreen ? "recoverySheetFingerprint" : null);
        fingerprint.setText(sheet.fingerprint().grouped());
        fingerprint.setStyle("-fx-font-family: monospace;");
        Label words = new Label(lines(sheet.words()));
        words.setId(onScreen ? "recoverySheetWords" : null);
        words.getStyleClass().add(Styles.TITLE_3);
        words.setStyle("-fx-font-family: monospace;");
        words.setMinHeight(Region.USE_PREF_SIZE);
        ImageView code = new ImageView(QrCodes.of(sheet.words(), MODULE_PIXELS));
        code.setId(onScreen ? "recoverySheetQr" : null);
        code.setAccessibleText(Texts.get("setup.recoverySheet.qrCodeOfThe"));
        HBox wordsAndCode = new HBox(24, words, code);
        wordsAndCode.setAlignment(Pos.CENTER_LEFT);
        Label instruction = wrapped(RecoverySheet.INSTRUCTION);
        Label how = wrapped(Texts.get("setup.recoverySheet.checkTheClinicFingerprint"));
        return new VBox(10, heading, new FactGrid().row(Texts.get("setup.recoverySheet.clinic"),
                name).row(Texts.get("setup.recoverySheet.clinicFingerprint"), fingerprint),
                wordsAndCode, instruction, how);
    }

    /** The words in two lines of seven groups, to be read and copied by hand without losing one's place. */
    static String lines(String words) {
        String[] groups = words.split("-");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i > 0) {
                text.append(i % GROUPS_PER_LINE == 0 ? "\n" : "-");
            }
            text.append(groups[i]);
        }
        return text.toString();
    }

    /**
     * Prints the sheet on a printer the person chooses; says in plain words when this computer has
     * no printer, or the printing did not happen.
     */
    private static void print(RecoverySheet sheet, Window owner, StringProperty problem, StringProperty result) {
        switch (Printing.printOnePage(owner, layout -> page(sheet, layout))) {
            case NO_PRINTER -> problem.set(Texts.get("setup.recoverySheet.thisComputerHasNo"));
            case PRINTED -> result.set(Texts.get("setup.recoverySheet.theSheetWentTo"));
            case FAILED -> problem.set(Texts.get("setup.recoverySheet.theSheetWasNot"));
            case CANCELLED -> {
            }
        }
    }

    /** The sheet laid out for the printable area, scaled down if it would not fit on one page. */
    private static Node page(RecoverySheet sheet, PageLayout layout) {
        VBox page = sheet(sheet, false);
        page.setPadding(new Insets(24));
        page.setPrefWidth(layout.getPrintableWidth());
        page.setMaxWidth(layout.getPrintableWidth());
        // Laid out off screen, so that what is printed has its size before it goes to the printer.
        new Scene(new Group(page));
        page.applyCss();
        page.layout();
        double scale = Math.min(1, layout.getPrintableHeight() / page.getHeight());
        page.setScaleX(scale);
        page.setScaleY(scale);
        return page;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
