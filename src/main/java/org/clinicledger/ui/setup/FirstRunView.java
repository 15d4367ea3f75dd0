package org.clinicledger.ui.setup;

import java.nio.file.Path;

import javafx.geometry.Pos;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
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
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.Icons;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.TypedSecrets;
import org.clinicledger.ui.common.Texts;

/**
 * Shown while the data folder has no clinic: names it and creates its first administrator, then
 * shows the clinic's recovery sheet once in place of the form. The second way, for an offline
 * workstation, makes the folder a replica of a clinic from an export file.
 */
public final class FirstRunView extends ScrollPane {

    public FirstRunView(FirstRunViewModel model, ReplicaViewModel replica, FilePicker files, Path dataFolder) {
        ImageView icon = new ImageView(Icons.application(96));
        icon.setFitWidth(72);
        icon.setFitHeight(72);

        Label title = new Label(Texts.get("setup.firstRun.welcomeToClinicledger"));
        title.getStyleClass().add(Styles.TITLE_1);
        Label intro = new Label(Texts.get("setup.firstRun.thisComputerHasNo"));
        intro.setWrapText(true);
        // Wrapped text keeps its full height when the window is short; the page scrolls instead.
        intro.setMinHeight(Region.USE_PREF_SIZE);

        Label nameLabel = new Label(Texts.get("setup.firstRun.clinicName"));
        TextField name = new TextField();
        name.setId("clinicNameField");
        name.setPromptText(Texts.get("setup.firstRun.eGRiversideFamily"));
        name.textProperty().bindBidirectional(model.clinicNameProperty());
        nameLabel.setLabelFor(name);
        name.setAccessibleText(Texts.get("setup.firstRun.clinicName"));

        Label administratorLabel = new Label(Texts.get("setup.firstRun.administratorsUsername"));
        TextField administrator = new TextField();
        administrator.setId("administratorField");
        administrator.setPromptText(Texts.get("setup.firstRun.eGAdminOr"));
        administrator.textProperty().bindBidirectional(model.administratorProperty());
        administratorLabel.setLabelFor(administrator);

        Label passwordLabel = new Label(Texts.format("setup.firstRun.passwordAtLeastCharacters",
                PasswordRules.MIN_LENGTH));
        PasswordField password = new PasswordField();
        password.setId("passwordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        passwordLabel.setLabelFor(password);
        PasswordField confirmation = new PasswordField();
        confirmation.setId("confirmPasswordField");
        confirmation.setPromptText(Texts.get("setup.firstRun.typeThePasswordAgain"));
        confirmation.textProperty().bindBidirectional(model.confirmationProperty());
        confirmation.setOnAction(event -> model.createClinic());
        confirmation.setAccessibleText(Texts.get("setup.firstRun.passwordAgain"));

        Label problem = new Label();
        problem.setId("clinicNameProblem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());

        Label folder = new Label(Texts.format("setup.firstRun.dataFolder", dataFolder));
        folder.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        folder.setWrapText(true);
        folder.setMinHeight(Region.USE_PREF_SIZE);

        Button create = new Button(Texts.get("setup.firstRun.setUpClinic"));
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

        Label limit = new Label(Texts.format("setup.firstRun.upToCharacters", ClinicProfile.MAX_NAME_LENGTH));
        limit.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        Hyperlink otherWay = new Hyperlink(Texts.get("setup.firstRun.makeThisComputerA"));
        otherWay.setId("replicaLink");
        otherWay.setOnAction(event -> replica.shownProperty().set(true));

        VBox card = new VBox(10, icon, title, intro, nameLabel, name, limit, administratorLabel, administrator,
                passwordLabel, password, confirmation, problem, actions, otherWay, folder);
        VBox replicaCard = replicaCard(replica, files, dataFolder);
        replica.shownProperty().subscribe(replicaShown -> {
            CentredCard.place(this, replicaShown ? replicaCard : card, 560);
            setVvalue(0);
        });
        setId("firstRunView");
        // A password typed for the replica does not outlive the screen.
        TypedSecrets.clearWhenRemoved(this, () -> replica.passwordProperty().set(""));
        model.recoverySheetProperty().addListener((observable, before, sheet) -> {
            if (sheet != null) {
                CentredCard.place(this, RecoverySheetPage.card(sheet, model::recoverySheetStored), 720);
                setVvalue(0);
            }
        });
    }

    /** The second way: a file exported with a new machine for the person who then signs in here. */
    private static VBox replicaCard(ReplicaViewModel model, FilePicker files, Path dataFolder) {
        Label title = new Label(Texts.get("setup.firstRun.makeThisComputerA2"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label intro = new Label(Texts.get("setup.firstRun.forAWorkstationThat"));
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);

        Label fileName = new Label();
        fileName.setId("replicaFileName");
        fileName.setWrapText(true);
        fileName.textProperty().bind(Bindings.createStringBinding(() -> model.fileProperty().get() == null
                ? Texts.get("setup.firstRun.noFileChosen") : model.fileProperty().get().toString(),
                        model.fileProperty()));
        Button choose = new Button(Texts.get("setup.firstRun.chooseFile"));
        choose.setId("chooseReplicaFileButton");
        choose.disableProperty().bind(model.makingProperty());
        choose.setOnAction(event
                -> files.chooseFilesToOpen(Texts.get("setup.firstRun.chooseTheExportFile")).stream().findFirst()
                .ifPresent(model.fileProperty()::set));
        HBox file = new HBox(12, choose, fileName);
        file.setAlignment(Pos.CENTER_LEFT);

        Label usernameLabel = new Label(Texts.get("setup.firstRun.yourUsername"));
        TextField username = new TextField();
        username.setId("replicaUsernameField");
        username.textProperty().bindBidirectional(model.usernameProperty());
        usernameLabel.setLabelFor(username);
        Label passwordLabel = new Label(Texts.get("setup.firstRun.yourPassword"));
        PasswordField password = new PasswordField();
        password.setId("replicaPasswordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        passwordLabel.setLabelFor(password);
        password.setOnAction(event -> model.start());

        Button start = new Button(Texts.get("setup.firstRun.makeReplica"));
        start.setId("makeReplicaButton");
        start.setDefaultButton(true);
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(model.canStartProperty().not());
        start.setOnAction(event -> model.start());
        Button cancel = new Button(Texts.get("setup.firstRun.cancel"));
        cancel.setId("cancelReplicaButton");
        cancel.visibleProperty().bind(model.makingProperty());
        cancel.setOnAction(event -> model.cancel());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.makingProperty());
        HBox actions = new HBox(12, start, cancel, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        Hyperlink back = new Hyperlink(Texts.get("setup.firstRun.setUpANew"));
        back.setId("setUpInsteadLink");
        back.disableProperty().bind(model.makingProperty());
        back.setOnAction(event -> model.shownProperty().set(false));

        Label folder = new Label(Texts.format("setup.firstRun.dataFolder", dataFolder));
        folder.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        folder.setWrapText(true);
        folder.setMinHeight(Region.USE_PREF_SIZE);

        VBox card = new VBox(10, title, intro, file, usernameLabel, username, passwordLabel, password,
                InlineMessage.problem("replicaProblem", model.problemProperty()), actions, back, folder);
        card.setId("replicaForm");
        return card;
    }
}
