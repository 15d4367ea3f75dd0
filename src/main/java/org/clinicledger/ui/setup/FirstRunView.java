package org.clinicledger.ui.setup;

import java.nio.file.Path;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.ui.common.CentredCard;
import org.clinicledger.ui.common.Icons;

/**
 * Shown while the data folder has no clinic: names it and creates its first administrator, then
 * shows the clinic's recovery sheet once in place of the form.
 */
public final class FirstRunView extends ScrollPane {

    public FirstRunView(FirstRunViewModel model, Path dataFolder) {
        ImageView icon = new ImageView(Icons.application(96));
        icon.setFitWidth(72);
        icon.setFitHeight(72);

        Label title = new Label("Welcome to ClinicLedger");
        title.getStyleClass().add(Styles.TITLE_1);
        Label intro = new Label("This computer has no clinic yet. Name the clinic (it can be renamed later on the "
                + "Reception tab) and choose the first administrator's username and password. The password protects "
                + "the administrator's keys; if it is forgotten, only a second administrator can give them new ones.");
        intro.setWrapText(true);
        // Wrapped text keeps its full height when the window is short; the page scrolls instead.
        intro.setMinHeight(Region.USE_PREF_SIZE);

        Label nameLabel = new Label("Clinic name");
        TextField name = new TextField();
        name.setId("clinicNameField");
        name.setPromptText("e.g. Riverside Family Practice");
        name.textProperty().bindBidirectional(model.clinicNameProperty());
        nameLabel.setLabelFor(name);
        name.setAccessibleText("Clinic name");

        Label administratorLabel = new Label("Administrator's username");
        TextField administrator = new TextField();
        administrator.setId("administratorField");
        administrator.setPromptText("e.g. admin or j.smith");
        administrator.textProperty().bindBidirectional(model.administratorProperty());
        administratorLabel.setLabelFor(administrator);

        Label passwordLabel = new Label("Password (at least " + PasswordRules.MIN_LENGTH + " characters)");
        PasswordField password = new PasswordField();
        password.setId("passwordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        passwordLabel.setLabelFor(password);
        PasswordField confirmation = new PasswordField();
        confirmation.setId("confirmPasswordField");
        confirmation.setPromptText("Type the password again");
        confirmation.textProperty().bindBidirectional(model.confirmationProperty());
        confirmation.setOnAction(event -> model.createClinic());
        confirmation.setAccessibleText("Password again");

        Label problem = new Label();
        problem.setId("clinicNameProblem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());

        Label folder = new Label("Data folder: " + dataFolder);
        folder.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        folder.setWrapText(true);
        folder.setMinHeight(Region.USE_PREF_SIZE);

        Button create = new Button("Set up clinic");
        create.setId("createClinicButton");
        create.setDefaultButton(true);
        create.getStyleClass().add(Styles.ACCENT);
        create.disableProperty().bind(model.canCreateProperty().not());
        create.setOnAction(event -> model.createClinic());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.savingProperty());
        HBox actions = new HBox(12, create, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label limit = new Label("Up to " + ClinicProfile.MAX_NAME_LENGTH + " characters.");
        limit.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        VBox card = new VBox(10, icon, title, intro, nameLabel, name, limit, administratorLabel, administrator,
                passwordLabel, password, confirmation, problem, actions, folder);
        CentredCard.place(this, card, 560);
        setId("firstRunView");
        model.recoverySheetProperty().addListener((observable, before, sheet) -> {
            if (sheet != null) {
                CentredCard.place(this, RecoverySheetPage.card(sheet, model::recoverySheetStored), 720);
                setVvalue(0);
            }
        });
    }
}
