package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.X25519;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key recovery against a real clinic (real SQLite files, vault and cryptography at the minimum
 * Argon2id cost): a patient, a doctor and a receptionist get new keys from an administrator; the
 * old password stops working, the new one opens everything the person could open before, grants
 * hold, the chains show the event and {@code verify} is intact. Refusals change nothing, and keys
 * replaced without the block are caught.
 */
class KeyRecoveryTest {

    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final String NEW_PASSWORD = "the new password at the desk";
    private static final String REASON = "Forgot the password; identity checked at the desk";

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Workspace workspace;
    private KeyRecovery recovery;
    private RawTables raw;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        workspace = clinic.workspace;
        recovery = workspace.keyRecovery();
        raw = new RawTables(workspace.root());
    }

    @Test
    void aPatientsKeysAreRecoveredAndTheNewPasswordOpensEveryEarlierRecord() throws Exception {
        RecordId first = addAsLee("Asthma");
        RecordId second = addAsLee("Hypertension, stage one");
        try (Session lee = clinic.lee()) {
            workspace.records().amendRecord(lee, second, input("Hypertension, stage two"));
        }
        long copies = raw.count("SELECT count(*) FROM record_keys WHERE principal = ?", patientChain().value());
        // Wrong passwords before the recovery: the throttle forgets them with it.
        for (int i = 0; i <= LoginThrottle.FREE_WRONG_PASSWORDS; i++) {
            assertThatThrownBy(() -> clinic.login(clinic.mrn.digits(), "not the passphrase at all"))
                    .isInstanceOf(LoginFailedException.class);
        }

        KeyRecovery.Recovered recovered = recover(clinic.mrn.toString());

        assertThat(recovered.account().chain()).isEqualTo(patientChain());
        assertThat(recovered.recordKeys()).isEqualTo(copies).isEqualTo(3);
        assertThatThrownBy(clinic::patient).as("the old passphrase").isInstanceOf(LoginFailedException.class);
        try (Session patient = clinic.login(clinic.mrn.digits(), NEW_PASSWORD)) {
            assertThat(workspace.records().showRecord(patient, first).latest().diagnosis()).isEqualTo("Asthma");
            assertThat(workspace.records().showRecord(patient, second).latest().diagnosis())
                    .isEqualTo("Hypertension, stage two");
            List<ChainEntry> chain = workspace.chainBrowser().ownChain(patient);
            ChainEntry shown = chain.stream().filter(entry -> entry.kind() == BlockKind.KEY_RECOVERED).findFirst()
                    .orElseThrow();
            assertThat(shown.actor()).isEqualTo(new ChainId(PartyKind.STAFF, "admin"));
            assertThat(shown.counterpart()).isEqualTo(new ChainId(PartyKind.STAFF, "admin"));
            assertThat(shown.hash()).isEqualTo(recovered.blockHash());
            assertThat(workspace.registrations().ownDetails(patient)).as("their details, sealed for the new key")
                    .get().extracting(org.clinicledger.domain.PatientDetails::name).isEqualTo("Ada Byron");
            // The new key signs the patient's consent: a grant after the recovery is decided from the chain.
            workspace.access().grant(patient, "dr.kim", null);
        }
        try (Session kim = clinic.kim()) {
            assertThat(workspace.records().showRecord(kim, first).latest().diagnosis()).isEqualTo("Asthma");
        }
        try (Session lee = clinic.lee()) {
            assertThat(workspace.records().showRecord(lee, first).latest().diagnosis())
                    .as("the doctor's grant still holds").isEqualTo("Asthma");
            workspace.records().addRecord(lee, clinic.mrn, input("Bronchitis"));
        }
        JsonNode payload = raw.latestPayload(new ChainId(PartyKind.STAFF, "admin"), BlockKind.KEY_RECOVERED);
        assertThat(payload.get("chain").asText()).isEqualTo(patientChain().value());
        assertThat(payload.get("by").asText()).isEqualTo("staff/admin");
        assertThat(payload.toString()).doesNotContain("identity checked");
        assertThat(payload.has("ownDetails")).as("the patient's copy is on their chain only").isFalse();
        assertThat(raw.latestPayload(patientChain(), BlockKind.KEY_RECOVERED).has("ownDetails")).isTrue();
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aPatientWhoseDirectoryEntryWasDamagedStillGetsTheirRecordsBackWithoutACopyOfTheirDetails()
            throws Exception {
        RecordId first = addAsLee("Asthma");
        raw.update("UPDATE patients SET sealed_demographics = ? WHERE mrn = ?", new byte[64], clinic.mrn.digits());

        recover(clinic.mrn.toString());

        try (Session patient = clinic.login(clinic.mrn.digits(), NEW_PASSWORD)) {
            assertThat(workspace.records().showRecord(patient, first).latest().diagnosis()).isEqualTo("Asthma");
            assertThat(workspace.registrations().ownDetails(patient)).as("the old copy was for the lost keys")
                    .isEmpty();
        }
        assertThat(raw.latestPayload(patientChain(), BlockKind.KEY_RECOVERED).has("ownDetails")).isFalse();
        assertThat(workspace.verify(Progress.NONE).problems()).extracting(VerificationProblem::code)
                .containsOnly(ProblemCode.SEALED_DETAILS);
    }

    @Test
    void aDoctorsKeysAreRecoveredAndTheirGrantsStillHold() throws Exception {
        RecordId lees = addAsLee("Asthma");
        try (Session patient = clinic.patient()) {
            workspace.access().grant(patient, "dr.kim", null);
        }
        RecordId kims;
        try (Session kim = clinic.kim()) {
            kims = workspace.records().addRecord(kim, clinic.mrn, input("Eczema")).recordId();
        }

        KeyRecovery.Recovered recovered = recover("dr.lee");

        assertThat(recovered.recordKeys()).as("dr.lee's own record and dr.kim's, under his grant").isEqualTo(2);
        assertThatThrownBy(clinic::lee).isInstanceOf(LoginFailedException.class);
        try (Session lee = clinic.login("dr.lee", NEW_PASSWORD)) {
            assertThat(workspace.records().showRecord(lee, lees).latest().diagnosis()).isEqualTo("Asthma");
            assertThat(workspace.records().showRecord(lee, kims).latest().diagnosis()).isEqualTo("Eczema");
            RecordId later = workspace.records().addRecord(lee, clinic.mrn, input("Bronchitis")).recordId();
            workspace.records().amendRecord(lee, later, input("Bronchitis, acute"));
        }
        try (Session patient = clinic.patient()) {
            assertThat(workspace.records().listRecords(patient, clinic.mrn)).hasSize(3);
            workspace.access().revoke(patient, "dr.lee");
        }
        try (Session lee = clinic.login("dr.lee", NEW_PASSWORD)) {
            assertThatThrownBy(() -> workspace.records().showRecord(lee, kims))
                    .hasMessageStartingWith("Access denied");
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aReceptionistsKeysAreRecoveredWithANewCopyOfTheDirectoryKey() throws Exception {
        recover("desk");
        assertThatThrownBy(() -> clinic.login("desk", TestClinic.DESK_PASSWORD)).isInstanceOf(LoginFailedException.class);
        try (Session desk = clinic.login("desk", NEW_PASSWORD)) {
            assertThat(workspace.registrations().searchPatients(desk, "Byron")).singleElement()
                    .satisfies(found -> assertThat(found.mrn()).isEqualTo(clinic.mrn));
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void theRecoveringAdministratorOpensNothingOfThePatientsAfterwards() throws Exception {
        RecordId id = addAsLee("Asthma");
        recover(clinic.mrn.digits());
        try (Session admin = admin()) {
            assertThatThrownBy(() -> workspace.records().showRecord(admin, id))
                    .isInstanceOf(RefusedException.class).hasMessageStartingWith("Access denied");
        }
        assertThat(raw.count("SELECT count(*) FROM record_keys WHERE principal LIKE 'staff/%'")).isZero();
    }

    @Test
    void refusalsWriteNothing() throws Exception {
        long blocks = raw.count("SELECT count(*) FROM blocks");
        try (Session admin = admin()) {
            assertThatThrownBy(() -> recovery.recover(admin, "admin", NEW_PASSWORD.toCharArray(), REASON, clinic.sheet()))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("your own keys");
            assertThatThrownBy(() -> recovery.recover(admin, "dr.nobody", NEW_PASSWORD.toCharArray(), REASON, clinic.sheet()))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("no account dr.nobody");
            assertThatThrownBy(() -> recovery.recover(admin, "dr.lee", "short".toCharArray(), REASON, clinic.sheet()))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> recovery.recover(admin, "dr.lee", NEW_PASSWORD.toCharArray(), "  why ", clinic.sheet()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("reason");
        }
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            assertThatThrownBy(() -> recovery.recover(desk, "dr.lee", NEW_PASSWORD.toCharArray(), REASON, clinic.sheet()))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("Only an administrator");
        }
        try (Session lee = clinic.lee()) {
            assertThatThrownBy(() -> recovery.recover(lee, clinic.mrn.digits(), NEW_PASSWORD.toCharArray(), REASON, clinic.sheet()))
                    .isInstanceOf(RefusedException.class);
        }
        assertThat(raw.count("SELECT count(*) FROM blocks")).isEqualTo(blocks);
        clinic.lee().close();
    }

    @Test
    void keysReplacedWithoutTheBlockAreCaughtByVerify() throws Exception {
        addAsLee("Asthma");
        // What a recovery would write to the account row, written without the block that vouches for it.
        byte[] signing = Ed25519.KeyPair.generate(new java.security.SecureRandom()).publicKey();
        byte[] agreement = X25519.KeyPair.generate(new java.security.SecureRandom()).publicKey();
        raw.update("UPDATE accounts SET signing_public_key = ?, agreement_public_key = ? WHERE username = ?",
                signing, agreement, clinic.mrn.digits());
        VerificationReport report = workspace.verify(Progress.NONE);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).filteredOn(problem -> problem.chain().equals(patientChain().value()))
                .extracting(VerificationProblem::code).contains(ProblemCode.ACCOUNT);
    }

    @Test
    void aSecondRecoveryAndAPasswordChangeAfterOneKeepTheChainIntact() throws Exception {
        addAsLee("Asthma");
        recover("dr.lee");
        workspace.accounts().changePassword("dr.lee", NEW_PASSWORD.toCharArray(), "yet another password".toCharArray());
        try (Session admin = admin()) {
            recovery.recover(admin, "dr.lee", "a third password here".toCharArray(), REASON, clinic.sheet());
        }
        try (Session lee = clinic.login("dr.lee", "a third password here")) {
            assertThat(workspace.records().listRecords(lee, clinic.mrn)).hasSize(1);
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aRecoveredAdministratorsShareOpensTheEscrowKeyWithTheirNewKeys() throws Exception {
        addAsLee("Asthma");
        try (Session admin = admin()) {
            workspace.accounts().addAccount(admin, Role.ADMINISTRATOR, "boss", "boss password 1".toCharArray(),
                    AccountDetails.NONE, clinic.sheet());
            recovery.recover(admin, "boss", NEW_PASSWORD.toCharArray(), REASON, clinic.sheet());
        }
        // The recovered administrator's share, wrapped anew, confirms an emergency access with admin's.
        try (Session admin = admin()) {
            AccessChange opened = workspace.access().emergency(admin, clinic.mrn, "Unconscious in the waiting room",
                    new EscrowConfirmation.SecondAdministrator("boss", NEW_PASSWORD.toCharArray()));
            assertThat(opened.keyCopies()).isPositive();
        }
        assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    // ---- helpers

    private KeyRecovery.Recovered recover(String username) {
        try (Session admin = admin()) {
            return recovery.recover(admin, username, NEW_PASSWORD.toCharArray(), REASON, clinic.sheet());
        }
    }

    private RecordId addAsLee(String diagnosis) {
        try (Session lee = clinic.lee()) {
            return workspace.records().addRecord(lee, clinic.mrn, input(diagnosis)).recordId();
        }
    }

    private static RecordInput input(String diagnosis) {
        return new RecordInput(diagnosis, null, "", List.of());
    }

    private ChainId patientChain() {
        return new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
    }

    private Session admin() {
        return clinic.login("admin", ADMIN_PASSWORD);
    }
}
