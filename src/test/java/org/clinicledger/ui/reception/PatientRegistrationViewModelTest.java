package org.clinicledger.ui.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Sex;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.reception.PatientRegistrationViewModel.DoctorChoice;
import org.clinicledger.ui.reception.PatientRegistrationViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientRegistrationViewModelTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String PASSPHRASE = "patient passphrase 1";

    @TempDir
    Path temp;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final AtomicInteger registered = new AtomicInteger();
    private Workspace workspace;
    private Session admin;
    private PatientRegistrationViewModel model;

    @BeforeEach
    void setUp() {
        workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        workspace.accounts().setUp("Riverside", "admin", PASSWORD.toCharArray());
        admin = workspace.accounts().login("admin", PASSWORD.toCharArray());
        workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.okafor", "doctor password 1".toCharArray(),
                new AccountDetails("Dr Ngozi Okafor", "General practice", null));
        workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.lee", "doctor password 1".toCharArray(),
                AccountDetails.NONE);
        model = new PatientRegistrationViewModel(workspace, admin, BackgroundTasks.direct(dialogs),
                registered::incrementAndGet);
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private void fillIn(String name, String born, String passphrase, String again) {
        model.nameProperty().set(name);
        model.dateOfBirthProperty().set(born);
        model.passphraseProperty().set(passphrase);
        model.confirmationProperty().set(again);
    }

    @Test
    void listsTheDoctorsByNameAfterNoDoctor() {
        assertThat(model.doctors()).containsExactly(DoctorChoice.NONE);
        model.loadDoctors();
        assertThat(model.doctors()).extracting(DoctorChoice::username).containsExactly(null, "dr.lee", "dr.okafor");
        assertThat(model.doctors().get(2).label()).isEqualTo("Dr Ngozi Okafor (dr.okafor), General practice");
        assertThat(model.doctors().get(1).label()).isEqualTo("dr.lee");
        assertThat(model.firstDoctorProperty().get()).isEqualTo(DoctorChoice.NONE);
    }

    @Test
    void registersAPatientWhoSignsInWithTheMrnAndConsentsToTheFirstDoctor() {
        model.loadDoctors();
        fillIn("Ada Byron", "1985-12-10", PASSPHRASE, PASSPHRASE);
        model.sexProperty().set(Sex.FEMALE);
        model.contactProperty().set("+44 20 7946 0000");
        model.firstDoctorProperty().set(model.doctors().get(2));
        model.register();

        assertThat(model.problemProperty().get()).isEmpty();
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(model.registeredMrnProperty().get());
        assertThat(model.resultProperty().get()).contains("Ada Byron", "dr.okafor");
        assertThat(model.duplicateWarningProperty().get()).isEmpty();
        assertThat(model.nameProperty().get()).isEmpty();
        assertThat(model.passphraseProperty().get()).isEmpty();
        assertThat(model.firstDoctorProperty().get()).isEqualTo(DoctorChoice.NONE);
        assertThat(registered).hasValue(1);
        assertThat(workspace.registrations().patientDetails(admin, mrn)).contains(
                new PatientDetails("Ada Byron", LocalDate.of(1985, 12, 10), Sex.FEMALE, "+44 20 7946 0000"));
        try (Session patient = workspace.accounts().login(mrn.formatted(), PASSPHRASE.toCharArray())) {
            assertThat(patient.role()).isEqualTo(Role.PATIENT);
            assertThat(patient.username()).isEqualTo(mrn.digits());
        }
    }

    @Test
    void flagsPossibleDuplicatesByTheirMrns() {
        fillIn("Ada Byron", "1985-12-10", PASSPHRASE, PASSPHRASE);
        model.register();
        String first = model.registeredMrnProperty().get();
        fillIn("ADA   byron", "1985-12-10", PASSPHRASE, PASSPHRASE);
        // Asked first: declined, nobody is registered and everything typed stays.
        dialogs.confirmReply = false;
        model.register();
        assertThat(dialogs.shown).containsExactly("confirm: Register anyway?");
        assertThat(workspace.clinic().accountCounts().patients()).isEqualTo(1);
        assertThat(model.problemProperty().get()).startsWith("Not registered");
        assertThat(model.passphraseProperty().get()).isEqualTo(PASSPHRASE);
        dialogs.confirmReply = true;
        model.register();
        assertThat(model.registeredMrnProperty().get()).isNotEqualTo(first).isNotEmpty();
        assertThat(model.duplicateWarningProperty().get()).isEqualTo("Possible duplicate: MRN " + first
                + " has the same or a similar name and the same date of birth. Check that this is not the same "
                + "person registered twice.");
        assertThat(workspace.clinic().accountCounts().patients()).isEqualTo(2);
        assertThat(PatientRegistrationViewModel.duplicateQuestion(workspace.registrations().likelyDuplicates(admin,
                new PatientDetails("Ada Byron", LocalDate.of(1985, 12, 10), null, null))))
                .startsWith("Patients with this name and date of birth exist: ").contains("Ada Byron, MRN " + first)
                .endsWith("Register anyway, as a different person?");
    }

    @Test
    void badInputIsSaidAtItsFieldKeepsWhatWasTypedAndRegistersNothing() {
        fillIn("Ada Byron", "1985-13-40", PASSPHRASE, PASSPHRASE);
        model.register();
        assertThat(model.problem(Field.DATE_OF_BIRTH).get())
                .isEqualTo("'1985-13-40' is not a date that exists: check the month and the day.");
        assertThat(model.problem(Field.NAME).get()).isEmpty();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.passphraseProperty().get()).as("nothing is cleared that must be typed again")
                .isEqualTo(PASSPHRASE);
        assertThat(model.confirmationProperty().get()).isEqualTo(PASSPHRASE);
        assertThat(model.nameProperty().get()).isEqualTo("Ada Byron");
        assertThat(model.dateOfBirthProperty().get()).isEqualTo("1985-13-40");

        fillIn("Ada Byron", "10.12.1985", PASSPHRASE, PASSPHRASE);
        model.register();
        assertThat(model.problem(Field.DATE_OF_BIRTH).get()).contains("write it as YYYY-MM-DD");

        fillIn("Ada Byron", LocalDate.now().plusDays(3).toString(), PASSPHRASE, PASSPHRASE);
        model.register();
        assertThat(model.problem(Field.DATE_OF_BIRTH).get()).endsWith("is in the future.");

        fillIn("Ada Byron", "1812-01-01", PASSPHRASE, PASSPHRASE);
        model.register();
        assertThat(model.problem(Field.DATE_OF_BIRTH).get()).endsWith("check the year.");

        fillIn(" ", "", PASSPHRASE, PASSPHRASE);
        model.register();
        assertThat(model.problem(Field.NAME).get()).isEqualTo("Enter the patient's name.");
        assertThat(model.problem(Field.DATE_OF_BIRTH).get()).as("every field is checked at once")
                .startsWith("Enter the patient's date of birth");

        fillIn("Ada Byron", "1985-12-10", PASSPHRASE, PASSPHRASE + "!");
        model.register();
        assertThat(model.problem(Field.CONFIRMATION).get()).startsWith("The two passphrases are not the same");
        assertThat(model.passphraseProperty().get()).isEqualTo(PASSPHRASE);
        assertThat(model.confirmationProperty().get()).as("the one to type again is emptied").isEmpty();

        fillIn("Ada Byron", "1985-12-10", "", "");
        model.register();
        assertThat(model.problem(Field.PASSPHRASE).get()).startsWith("Let the patient type a passphrase");

        fillIn("Ada Byron", "1985-12-10", "short", "short");
        model.register();
        assertThat(model.problem(Field.PASSPHRASE).get()).contains("at least 10 characters");

        fillIn("Ada\u0007 Byron", "1985-12-10", PASSPHRASE, PASSPHRASE);
        model.register();
        assertThat(model.problemProperty().get()).isEqualTo("The patient's name contains characters that cannot be "
                + "printed.");

        assertThat(model.registeredMrnProperty().get()).isEmpty();
        assertThat(dialogs.shown).isEmpty();
        assertThat(registered).hasValue(0);
        assertThat(workspace.clinic().accountCounts().patients()).isZero();
    }

    @Test
    void aDoctorWhoseAccountIsGoneIsRefusedInPlainWords() {
        model.firstDoctorProperty().set(new DoctorChoice("dr.gone", "Dr Gone"));
        fillIn("Ada Byron", "1985-12-10", PASSPHRASE, PASSPHRASE);
        model.register();
        assertThat(model.problemProperty().get()).startsWith("There is no doctor with the username dr.gone");
        assertThat(workspace.clinic().accountCounts().patients()).isZero();
    }
}
