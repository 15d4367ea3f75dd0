package org.clinicledger.ui.signin;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.clinicledger.ui.common.CentredCard;
import org.clinicledger.ui.common.Icons;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.TypedSecrets;
import org.clinicledger.ui.common.Texts;

/**
 * Shown while nobody is signed in: username, password and "Sign in". Verifying the ledger and
 * checking a receipt need no password, so links lead there too.
 */
public final class SignInView extends ScrollPane {

    /**
     * @param clinicName the clinic's name, for the title
     * @param verifyWithoutSigningIn shows the Ledger page to someone who is not signed in
     * @param checkReceiptWithoutSigningIn shows the Check a receipt page to someone who is not signed in
     */
    public SignInView(SignInViewModel model, String clinicName, Runnable verifyWithoutSigningIn,
            Runnable checkReceiptWithoutSigningIn) {
        ImageView icon = new ImageView(Icons.application(96));
        icon.setFitWidth(56);
        icon.setFitHeight(56);

        Label title = new Label(clinicName);
        title.setId("signInClinicName");
        title.getStyleClass().add(Styles.TITLE_2);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Label intro = new Label(Texts.get("signin.signInToWork"));
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        intro.getStyleClass().add(Styles.TEXT_MUTED);

        Label notice = InlineMessage.warning("signInNotice", model.noticeProperty());

        Label usernameLabel = new Label(Texts.get("signin.username"));
        TextField username = new TextField();
        username.setId("signInUsernameField");
        username.setPromptText(Texts.get("signin.eGAdminDr"));
        username.textProperty().bindBidirectional(model.usernameProperty());
        usernameLabel.setLabelFor(username);

        Label passwordLabel = new Label(Texts.get("signin.password"));
        PasswordField password = new PasswordField();
        password.setId("signInPasswordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        passwordLabel.setLabelFor(password);

        Label problem = InlineMessage.problem("signInProblem", model.problemProperty());

        Button signIn = new Button(Texts.get("signin.signIn"));
        signIn.setId("signInButton");
        signIn.setDefaultButton(true);
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.disableProperty().bind(model.signingInProperty());
        signIn.setOnAction(event -> model.signIn());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.signingInProperty());
        HBox actions = new HBox(12, signIn, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        Hyperlink verify = new Hyperlink(Texts.get("signin.verifyTheLedgerWithout"));
        verify.setId("verifyWithoutSigningInLink");
        verify.setOnAction(event -> verifyWithoutSigningIn.run());
        Hyperlink checkReceipt = new Hyperlink(Texts.get("signin.checkAReceiptWithout"));
        checkReceipt.setId("checkReceiptWithoutSigningInLink");
        checkReceipt.setOnAction(event -> checkReceiptWithoutSigningIn.run());

        VBox card = new VBox(10, icon, title, intro, notice, usernameLabel, username, passwordLabel, password, problem,
                actions, new VBox(0, verify, checkReceipt));
        CentredCard.place(this, card, 460);
        setId("signInView");

        // The typed password does not outlive the screen.
        TypedSecrets.clearWhenRemoved(this, model::clearPassword);
        sceneProperty().addListener((observable, before, now) -> {
            if (now != null) {
                TextField first = username.getText().isEmpty() ? username : password;
                Platform.runLater(first::requestFocus);
            }
        });
    }
}
