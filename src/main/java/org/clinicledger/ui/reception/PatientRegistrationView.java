package org.clinicledger.ui.reception;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.Sex;
import org.clinicledger.ui.common.FieldProblems;
import org.clinicledger.ui.common.FormGrid;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.IsoDateField;
import org.clinicledger.ui.reception.PatientRegistrationViewModel.DoctorChoice;
import org.clinicledger.ui.reception.PatientRegistrationViewModel.Field;
import org.clinicledger.ui.common.TypedSecrets;
import org.clinicledger.ui.common.Texts;

/** The form that registers a patient, and the new MRN once it is made. */
final class PatientRegistrationView extends VBox {

    PatientRegistrationView(PatientRegistrationViewModel model) {
        super(8);
        setId("patientRegistrationView");

        TextField name = StaffRegistrationView.field("patientNameField",
                Texts.get("reception.patientRegistration.eGAdaByron"), model.nameProperty());
        IsoDateField born = new IsoDateField("patientBirthDateField",
                Texts.get("reception.patientRegistration.yyyyMmDdE"),
                model.dateOfBirthProperty());
        ChoiceBox<Sex> sex = new ChoiceBox<>();
        sex.getItems().setAll(Sex.values());
        sex.setId("patientSexChoice");
        sex.valueProperty().bindBidirectional(model.sexProperty());
        sex.setConverter(new StringConverter<>() {
            @Override
            public String toString(Sex value) {
                return value == null ? "" : Character.toUpperCase(value.code().charAt(0)) + value.code().substring(1);
            }

            @Override
            public Sex fromString(String text) {
                return null;
            }
        });
        TextField contact = StaffRegistrationView.field("patientContactField",
                Texts.get("reception.patientRegistration.telephoneAddressOrE"),
                model.contactProperty());
        ComboBox<DoctorChoice> doctor = new ComboBox<>(model.doctors());
        doctor.setId("firstDoctorChoice");
        doctor.valueProperty().bindBidirectional(model.firstDoctorProperty());
        PasswordField passphrase = new PasswordField();
        passphrase.setId("patientPassphraseField");
        passphrase.textProperty().bindBidirectional(model.passphraseProperty());
        PasswordField confirmation = new PasswordField();
        confirmation.setId("patientConfirmPassphraseField");
        confirmation.setPromptText(Texts.get("reception.patientRegistration.thePatientTypesIt"));
        confirmation.textProperty().bindBidirectional(model.confirmationProperty());
        confirmation.setOnAction(event -> model.register());

        FieldProblems.decorate(name, model.problem(Field.NAME));
        FieldProblems.decorate(born.editor(), model.problem(Field.DATE_OF_BIRTH));
        FieldProblems.decorate(passphrase, model.problem(Field.PASSPHRASE));
        FieldProblems.decorate(confirmation, model.problem(Field.CONFIRMATION));
        FormGrid form = new FormGrid()
                .row(Texts.get("reception.patientRegistration.name"), name)
                .message(InlineMessage.problem("patientNameProblem", model.problem(Field.NAME)))
                .row(Texts.get("reception.patientRegistration.dateOfBirth"), born.editor(), born)
                .message(InlineMessage.problem("patientBirthDateProblem", model.problem(Field.DATE_OF_BIRTH)))
                .row(Texts.get("reception.patientRegistration.sexOptional"), sex)
                .row(Texts.get("reception.patientRegistration.contactOptional"), contact)
                .row(Texts.get("reception.patientRegistration.firstDoctor"), doctor)
                .hint(Texts.get("reception.patientRegistration.thePatientConsentsTo"))
                .row(Texts.get("reception.patientRegistration.passphrase"), passphrase)
                .message(InlineMessage.problem("patientPassphraseProblem", model.problem(Field.PASSPHRASE)))
                .row(Texts.get("reception.patientRegistration.passphraseAgain"), confirmation)
                .message(InlineMessage.problem("patientConfirmPassphraseProblem", model.problem(Field.CONFIRMATION)))
                .hint(Texts.format("reception.patientRegistration.thePatientTypesIt2", PasswordRules.MIN_LENGTH));

        Button register = new Button(Texts.get("reception.patientRegistration.registerPatient"));
        register.setId("registerPatientButton");
        register.disableProperty().bind(model.savingProperty());
        register.setOnAction(event -> model.register());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.savingProperty());
        HBox actions = new HBox(12, register, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        // The MRN is what the patient takes home: large, and selectable so it can be copied.
        Label mrnLabel = new Label(Texts.get("reception.patientRegistration.mrn"));
        mrnLabel.getStyleClass().add(Styles.TEXT_MUTED);
        TextField mrn = new TextField();
        mrn.setId("registeredMrnField");
        mrn.setEditable(false);
        mrn.getStyleClass().add("registered-mrn");
        mrn.textProperty().bind(model.registeredMrnProperty());
        mrn.setAccessibleText(Texts.get("reception.patientRegistration.theNewPatientsMrn"));
        mrnLabel.setLabelFor(mrn);
        HBox mrnRow = new HBox(12, mrnLabel, mrn);
        mrnRow.setAlignment(Pos.CENTER_LEFT);
        mrnRow.managedProperty().bind(model.registeredMrnProperty().isNotEmpty());
        mrnRow.visibleProperty().bind(mrnRow.managedProperty());

        getChildren().addAll(form, InlineMessage.problem("patientProblem", model.problemProperty()), actions, mrnRow,
                InlineMessage.success("patientResult", model.resultProperty()),
                InlineMessage.warning("duplicateWarning", model.duplicateWarningProperty()));
        TypedSecrets.clearWhenRemoved(this, () -> model.clearSecrets());
    }
}
