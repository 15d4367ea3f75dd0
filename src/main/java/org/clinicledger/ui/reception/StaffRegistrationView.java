package org.clinicledger.ui.reception;

import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.FieldProblems;
import org.clinicledger.ui.common.FormGrid;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.reception.StaffRegistrationViewModel.Field;
import org.clinicledger.ui.common.TypedSecrets;
import org.clinicledger.ui.common.Texts;

/** The form that adds a doctor, receptionist or administrator. */
final class StaffRegistrationView extends VBox {

    static final String WHY_SECOND_HOLDER = Texts.get("reception.staffRegistration.anAdministratorHoldsA");

    StaffRegistrationView(StaffRegistrationViewModel model) {
        super(8);
        setId("staffRegistrationView");

        ChoiceBox<Role> role = new ChoiceBox<>(model.roles());
        role.setId("staffRoleChoice");
        role.valueProperty().bindBidirectional(model.roleProperty());
        role.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role value) {
                return value == null ? "" : roleName(value);
            }

            @Override
            public Role fromString(String text) {
                return null;
            }
        });
        TextField username = field("staffUsernameField", Texts.get("reception.staffRegistration.eGDrOkafor"),
                model.usernameProperty());
        TextField name = field("staffNameField", Texts.get("reception.staffRegistration.eGDrNgozi"),
                model.nameProperty());
        TextField specialty = field("staffSpecialtyField", Texts.get("reception.staffRegistration.eGGeneralPractice"),
                model.specialtyProperty());
        TextField licence = field("staffLicenceField", "", model.licenceProperty());
        PasswordField password = new PasswordField();
        password.setId("staffPasswordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        PasswordField confirmation = new PasswordField();
        confirmation.setId("staffConfirmPasswordField");
        confirmation.setPromptText(Texts.get("reception.staffRegistration.typeThePasswordAgain"));
        confirmation.textProperty().bindBidirectional(model.confirmationProperty());
        confirmation.setOnAction(event -> model.register());

        FieldProblems.decorate(username, model.problem(Field.USERNAME));
        FieldProblems.decorate(password, model.problem(Field.PASSWORD));
        FieldProblems.decorate(confirmation, model.problem(Field.CONFIRMATION));
        FormGrid form = new FormGrid()
                .row(Texts.get("reception.staffRegistration.role"), role)
                .row(Texts.get("reception.staffRegistration.username"), username)
                .message(InlineMessage.problem("staffUsernameProblem", model.problem(Field.USERNAME)))
                .row(Texts.get("reception.staffRegistration.name"), name)
                .row(Texts.get("reception.staffRegistration.specialty"), specialty, model.doctorProperty())
                .row(Texts.get("reception.staffRegistration.licenceNumber"), licence, model.doctorProperty())
                .row(Texts.get("reception.staffRegistration.password"), password)
                .message(InlineMessage.problem("staffPasswordProblem", model.problem(Field.PASSWORD)))
                .row(Texts.get("reception.staffRegistration.passwordAgain"), confirmation)
                .message(InlineMessage.problem("staffConfirmPasswordProblem", model.problem(Field.CONFIRMATION)))
                .hint(Texts.format("reception.staffRegistration.atLeastCharactersIt", PasswordRules.MIN_LENGTH));
        form.hint(WHY_SECOND_HOLDER, model.administratorProperty());
        SecondHolderFields.addTo(form, model.secondHolder(), "staff", model.administratorProperty());

        Button add = new Button(Texts.get("reception.staffRegistration.addAccount"));
        add.setId("addStaffButton");
        add.disableProperty().bind(model.savingProperty());
        add.setOnAction(event -> model.register());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.savingProperty());
        HBox actions = new HBox(12, add, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(form, InlineMessage.problem("staffProblem", model.problemProperty()),
                InlineMessage.success("staffResult", model.resultProperty()), actions);
        TypedSecrets.clearWhenRemoved(this, () -> model.clearSecrets());
    }

    static String roleName(Role role) {
        return switch (role) {
            case ADMINISTRATOR -> Texts.get("reception.staffRegistration.administrator");
            case RECEPTIONIST -> Texts.get("reception.staffRegistration.receptionist");
            case DOCTOR -> Texts.get("reception.staffRegistration.doctor");
            case PATIENT -> Texts.get("reception.staffRegistration.patient");
        };
    }

    static TextField field(String id, String prompt, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }
}
