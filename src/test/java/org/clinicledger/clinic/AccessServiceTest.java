package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.clinicledger.clinic.AccountServiceTest.MovableClock;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.store.RecordStore;
import org.clinicledger.testing.DataFolderScan;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Grants, revocations, referrals and emergency access against real SQLite files, a real vault and
 * real cryptography at the minimum Argon2id cost: the access matrix (who may show and add records
 * in which state of the patient's chain), checked through the services and by trying to unwrap
 * every stored key, and that the keys change in step with the blocks.
 */
class AccessServiceTest {

    private static final String PASSPHRASE = "correct horse battery";
    private static final String LEE_PASSWORD = "doctor password 1";
    private static final String KIM_PASSWORD = "doctor password 2";
    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final String DESK_PASSWORD = "reception password";
    private static final String RECOVERED_PASSPHRASE = "a new passphrase at the desk";
    private static final String RECOVERED_LEE_PASSWORD = "dr lee's new password";
    private static final String BOSS_PASSWORD = "second admin password";
    private static final String REASON = "Unconscious in the waiting room";

    @TempDir
    Path temp;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private Path data;
    private Path files;
    private Workspace workspace;
    private RecordService records;
    private AccessService access;
    private MedicalRecordNumber mrn;
    private ChainId patientChain;
    /** What the patient and dr.lee sign in with: changed by a key recovery. */
    private String passphrase = PASSPHRASE;
    private String leePassword = LEE_PASSWORD;
    /** The recovery sheet's words, shown once at set-up. */
    private String sheet;

    @BeforeEach
    void setUpClinic() throws Exception {
        data = temp.resolve("data");
        files = Files.createDirectories(temp.resolve("files"));
        workspace = Workspace.open(data, true, clock, KeyDerivationTuning.minimum());
        records = workspace.records();
        access = workspace.access();
        AccountService accounts = workspace.accounts();
        sheet = accounts.setUp("Hillside Clinic", "admin", pw(ADMIN_PASSWORD)).recoverySheet().words();
        try (Session admin = login("admin", ADMIN_PASSWORD)) {
            accounts.addAccount(admin, Role.ADMINISTRATOR, "boss", pw(BOSS_PASSWORD), AccountDetails.NONE,
                    new EscrowConfirmation.RecoverySheetWords(sheet));
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", pw(DESK_PASSWORD), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", pw(LEE_PASSWORD), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.kim", pw(KIM_PASSWORD), AccountDetails.NONE);
        }
        try (Session desk = login("desk", DESK_PASSWORD)) {
            mrn = workspace.registrations().registerPatient(desk,
                    new PatientDetails("Ada Lovelace", LocalDate.of(1985, 12, 10), null, null), pw(PASSPHRASE),
                    "dr.lee").mrn();
        }
        patientChain = new ChainId(PartyKind.PATIENT, mrn.digits());
        clock.advance(Duration.ofMinutes(1));
    }

    // ---- the access matrix

    /**
     * The state of the patient's chain that the matrix is evaluated in; dr.lee (the author) keeps his
     * grant throughout. RECOVERED: the administrator recovered the patient's and dr.lee's keys (both
     * then sign in with new passwords), and is, in that state, the administrator who ran a recovery.
     */
    enum GrantState { NONE, ACTIVE, EXPIRED, REVOKED, REFERRAL, EMERGENCY, RECOVERED }

    /**
     * Who tries: the patient, the record's author, another doctor (dr.kim), a receptionist, the
     * administrator who opens the emergency, and another administrator without one (boss, who
     * confirmed it and holds a share of the escrow key).
     */
    enum Actor {
        PATIENT, AUTHOR, OTHER_DOCTOR, RECEPTIONIST, ADMINISTRATOR, ADMINISTRATOR_WITHOUT_EMERGENCY;

        String principal(String mrnDigits) {
            return switch (this) {
                case PATIENT -> "patient/" + mrnDigits;
                case AUTHOR -> "doctor/dr.lee";
                case OTHER_DOCTOR -> "doctor/dr.kim";
                case RECEPTIONIST -> "staff/desk";
                case ADMINISTRATOR -> "staff/admin";
                case ADMINISTRATOR_WITHOUT_EMERGENCY -> "staff/boss";
            };
        }
    }

    /** Whether {@code actor} may show the author's record in {@code state}, per the policy. */
    private static boolean mayShow(Actor actor, GrantState state) {
        return switch (actor) {
            case PATIENT, AUTHOR -> true;
            case OTHER_DOCTOR -> state == GrantState.ACTIVE || state == GrantState.REFERRAL;
            case RECEPTIONIST, ADMINISTRATOR_WITHOUT_EMERGENCY -> false;
            case ADMINISTRATOR -> state == GrantState.EMERGENCY;
        };
    }

    /** Whether {@code actor} may add a record in {@code state}: doctors with a grant or referral only. */
    private static boolean mayAdd(Actor actor, GrantState state) {
        return switch (actor) {
            case AUTHOR -> true;
            case OTHER_DOCTOR -> state == GrantState.ACTIVE || state == GrantState.REFERRAL;
            case PATIENT, RECEPTIONIST, ADMINISTRATOR, ADMINISTRATOR_WITHOUT_EMERGENCY -> false;
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(GrantState.class)
    void theAccessMatrixHoldsThroughTheServicesAndTheKeys(GrantState state) throws Exception {
        RecordId recordId = addAsLee("Matrix diagnosis");
        enter(state);
        for (Actor actor : Actor.values()) {
            String principal = actor.principal(mrn.digits());
            String cell = actor + " × " + state;
            try (Session session = sessionOf(actor)) {
                // Show.
                if (mayShow(actor, state)) {
                    assertThat(records.showRecord(session, recordId).latest().diagnosis()).as(cell + " show")
                            .isEqualTo("Matrix diagnosis");
                    assertThat(records.readAttachment(session, recordId, 1, 0)).as(cell + " attachment")
                            .isEqualTo("Matrix diagnosis".getBytes(StandardCharsets.UTF_8));
                } else {
                    long viewed = kindCount(patientChain, BlockKind.RECORD_VIEWED);
                    assertThatThrownBy(() -> records.showRecord(session, recordId)).as(cell + " show")
                            .isInstanceOf(RefusedException.class).hasMessageStartingWith("Access denied");
                    assertThatThrownBy(() -> records.readAttachment(session, recordId, 1, 0)).as(cell + " attachment")
                            .isInstanceOf(RefusedException.class).hasMessageStartingWith("Access denied");
                    assertThat(kindCount(patientChain, BlockKind.RECORD_VIEWED)).as(cell + " no view logged")
                            .isEqualTo(viewed);
                    assertThat(principals(recordId)).as(cell + " holds no key").doesNotContain(principal);
                    assertThat(unwrapsAny(session, recordId)).as(cell + " unwraps nothing").isFalse();
                }
                // Add.
                long versions = count("SELECT count(*) FROM record_versions WHERE patient = ?", mrn.digits());
                if (mayAdd(actor, state)) {
                    RecordId added = records.addRecord(session, mrn, input("Added " + actor)).recordId();
                    assertThat(principals(added)).as(cell + " new record's holders").containsExactlyInAnyOrderElementsOf(
                            expectedHolders(actor, state));
                } else {
                    assertThatThrownBy(() -> records.addRecord(session, mrn, input("Refused " + actor)))
                            .as(cell + " add").isInstanceOf(RefusedException.class);
                    assertThat(count("SELECT count(*) FROM record_versions WHERE patient = ?", mrn.digits()))
                            .as(cell + " nothing written").isEqualTo(versions);
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }
        // The keys say what the policy says: the other doctor holds keys exactly when admitted; no staff does
        // but the administrator within an emergency.
        boolean kimAdmitted = mayShow(Actor.OTHER_DOCTOR, state);
        assertThat(count("SELECT count(*) FROM record_keys WHERE principal = ? AND record_id = ?", "doctor/dr.kim",
                recordId) > 0).as("dr.kim's keys to the author's record").isEqualTo(kimAdmitted);
        assertThat(count("SELECT count(*) FROM record_keys WHERE principal LIKE ? AND principal <> ?", "staff/%",
                state == GrantState.EMERGENCY ? "staff/admin" : "")).isZero();
        assertThat(count("SELECT count(*) FROM record_keys WHERE principal = ? AND record_id = ?", "staff/admin",
                recordId) > 0).as("the administrator's keys").isEqualTo(state == GrantState.EMERGENCY);
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    /** Who a record added by {@code actor} in {@code state} is wrapped for. */
    private List<String> expectedHolders(Actor actor, GrantState state) {
        List<String> holders = new ArrayList<>(List.of(patientChain.value(), "doctor/dr.lee", RecordCustody.ESCROW));
        if (state == GrantState.ACTIVE || state == GrantState.REFERRAL) {
            holders.add("doctor/dr.kim");
        }
        if (state == GrantState.EMERGENCY) {
            holders.add("staff/admin");
        }
        return holders;
    }

    private void enter(GrantState state) {
        switch (state) {
            case NONE -> {
            }
            case ACTIVE -> grant("dr.kim", null);
            case EXPIRED -> {
                grant("dr.kim", clock.instant().plus(Duration.ofHours(1)));
                clock.advance(Duration.ofHours(2));
            }
            case REVOKED -> {
                grant("dr.kim", null);
                try (Session patient = patient()) {
                    access.revoke(patient, "dr.kim");
                }
            }
            case REFERRAL -> {
                try (Session lee = lee()) {
                    access.refer(lee, mrn, "dr.kim", "Second opinion on the asthma");
                }
            }
            case EMERGENCY -> {
                try (Session admin = admin()) {
                    access.emergency(admin, mrn, REASON, boss());
                }
            }
            case RECOVERED -> {
                try (Session admin = admin()) {
                    workspace.keyRecovery().recover(admin, mrn.digits(), pw(RECOVERED_PASSPHRASE),
                            "Forgot the passphrase, identity card checked", boss());
                    workspace.keyRecovery().recover(admin, "dr.lee", pw(RECOVERED_LEE_PASSWORD),
                            "Forgot the password after the holidays", boss());
                }
                passphrase = RECOVERED_PASSPHRASE;
                leePassword = RECOVERED_LEE_PASSWORD;
            }
            default -> throw new IllegalStateException();
        }
        clock.advance(Duration.ofSeconds(1));
    }

    private Session sessionOf(Actor actor) {
        return switch (actor) {
            case PATIENT -> patient();
            case AUTHOR -> lee();
            case OTHER_DOCTOR -> kim();
            case RECEPTIONIST -> login("desk", DESK_PASSWORD);
            case ADMINISTRATOR -> admin();
            case ADMINISTRATOR_WITHOUT_EMERGENCY -> login("boss", BOSS_PASSWORD);
        };
    }

    // ---- grants and revocations

    @Test
    void aGrantAfterTheRecordsExistLetsTheDoctorReadTheOldOnes() throws Exception {
        RecordId first = addAsLee("Asthma");
        RecordId second = addAsLee("Hypertension, stage one");
        RecordId deleted = addAsLee("Written in error");
        try (Session lee = lee()) {
            records.amendRecord(lee, second, input("Hypertension, stage two"));
            records.deleteRecord(lee, deleted, "Wrong patient");
        }
        assertThat(principals(first)).doesNotContain("doctor/dr.kim");

        AccessChange change = grant("dr.kim", null);
        // first: document + attachment; second: v1 document + attachment, v2 document + the attachment it
        // carried over; the deleted one nothing.
        assertThat(change.keyCopies()).isEqualTo(6);
        assertThat(change.blockHashes()).hasSize(2);
        assertThat(change.principal()).isEqualTo("doctor/dr.kim");
        assertThat(principals(first)).contains("doctor/dr.kim");
        assertThat(principals(deleted)).isEmpty();
        try (Session kim = kim()) {
            assertThat(records.showRecord(kim, first).latest().diagnosis()).isEqualTo("Asthma");
            assertThat(records.showRecord(kim, second).latest().diagnosis()).isEqualTo("Hypertension, stage two");
            assertThat(records.readAttachment(kim, second, 1, 0)).isEqualTo("Hypertension, stage one"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(records.readAttachment(kim, second, 2, 0)).isEqualTo("Hypertension, stage one"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(unwrapsAny(kim, first)).isTrue();
        }
        JsonNode payload = blockPayload(patientChain, BlockKind.ACCESS_GRANTED);
        assertThat(payload.get("doctor").asText()).isEqualTo("doctor/dr.kim");
        assertThat(payload.get("until").isNull()).isTrue();
        assertThat(workspace.accessEvents(patientChain)).hasSize(2);
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void aRevocationRemovesTheDoctorsKeysAtOnceExceptOfTheirOwnRecords() throws Exception {
        RecordId lees = addAsLee("Asthma");
        grant("dr.kim", null);
        RecordId kims;
        try (Session kim = kim()) {
            kims = records.addRecord(kim, mrn, input("Eczema")).recordId();
        }
        assertThat(principals(lees)).contains("doctor/dr.kim");

        AccessChange change;
        try (Session patient = patient()) {
            change = access.revoke(patient, "dr.kim");
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(change.keyCopies()).as("document and attachment of dr.lee's record").isEqualTo(2);
        assertThat(principals(lees)).doesNotContain("doctor/dr.kim");
        assertThat(principals(kims)).as("the author keeps their own").contains("doctor/dr.kim");
        RecordId after = addAsLee("Bronchitis");
        assertThat(principals(after)).doesNotContain("doctor/dr.kim");
        try (Session kim = kim()) {
            assertThat(records.showRecord(kim, kims).latest().diagnosis()).isEqualTo("Eczema");
            assertThatThrownBy(() -> records.showRecord(kim, lees)).hasMessageStartingWith("Access denied");
            assertThatThrownBy(() -> records.addRecord(kim, mrn, input("Flu")))
                    .hasMessageStartingWith("Access denied");
            assertThat(unwrapsAny(kim, lees)).isFalse();
        }
        assertThat(blockPayload(new ChainId(PartyKind.DOCTOR, "dr.kim"), BlockKind.ACCESS_REVOKED)
                .get("patient").asText()).isEqualTo(patientChain.value());
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void anExpiredGrantEndsAtOnceAndItsKeysGoAtTheFirstTouch() throws Exception {
        RecordId id = addAsLee("Asthma");
        grant("dr.kim", clock.instant().plus(Duration.ofDays(1)));
        try (Session kim = kim()) {
            assertThat(records.showRecord(kim, id).latest().diagnosis()).isEqualTo("Asthma");
        }
        clock.advance(Duration.ofDays(2));
        assertThat(principals(id)).as("nothing has touched the patient since").contains("doctor/dr.kim");
        assertThat(access.removeExpiredKeys(mrn)).isEqualTo(2);
        assertThat(principals(id)).doesNotContain("doctor/dr.kim").contains("doctor/dr.lee");
        try (Session kim = kim()) {
            assertThatThrownBy(() -> records.showRecord(kim, id)).hasMessageStartingWith("Access denied");
        }
    }

    @Test
    void anExpiredGrantsKeysGoWhenTheFolderIsNextOpenedEvenIfNobodyTouchesThePatient() throws Exception {
        RecordId id = addAsLee("Asthma");
        grant("dr.kim", clock.instant().plus(Duration.ofDays(1)));
        clock.advance(Duration.ofHours(12));
        workspace.close();
        try (Workspace beforeTheEnd = Workspace.open(data, false, clock, KeyDerivationTuning.minimum())) {
            assertThat(principals(id)).as("the grant is still running").contains("doctor/dr.kim");
            assertThat(beforeTheEnd.access().removeExpiredKeys()).isZero();
        }
        clock.advance(Duration.ofDays(1));
        try (Workspace inspected = Workspace.inspect(data, clock)) {
            assertThat(inspected.verify(Progress.NONE).ok()).isTrue();
            assertThat(principals(id)).as("looking at a folder changes nothing in it").contains("doctor/dr.kim");
        }
        workspace = Workspace.open(data, false, clock, KeyDerivationTuning.minimum());
        assertThat(principals(id)).doesNotContain("doctor/dr.kim").contains("doctor/dr.lee", patientChain.value());
        assertThat(workspace.access().removeExpiredKeys()).as("nothing left to remove").isZero();
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void onlyThePatientGrantsAndOnlyToADoctorThatExists() throws Exception {
        long blocks = count("SELECT count(*) FROM blocks WHERE chain_id = ?", patientChain.value());
        try (Session lee = lee()) {
            assertThatThrownBy(() -> access.grant(lee, "dr.kim", null)).isInstanceOf(RefusedException.class);
            assertThatThrownBy(() -> access.revoke(lee, "dr.kim")).isInstanceOf(RefusedException.class);
        }
        try (Session patient = patient()) {
            assertThatThrownBy(() -> access.grant(patient, "dr.nobody", null)).isInstanceOf(RefusedException.class);
            assertThatThrownBy(() -> access.grant(patient, "desk", null)).isInstanceOf(RefusedException.class);
            assertThatThrownBy(() -> access.grant(patient, "dr.kim", clock.instant().minusSeconds(1)))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(count("SELECT count(*) FROM blocks WHERE chain_id = ?", patientChain.value())).isEqualTo(blocks);
    }

    // ---- referrals

    @Test
    void aReferralShowsOnAllThreeChainsAndGivesTheReceivingDoctorTheKeys() throws Exception {
        RecordId id = addAsLee("Asthma");
        AccessChange change;
        try (Session lee = lee()) {
            change = access.refer(lee, mrn, "dr.kim", "Needs a pulmonologist");
        }
        assertThat(change.blockHashes()).hasSize(4);
        assertThat(change.keyCopies()).isEqualTo(2);
        assertThat(change.reasonHash()).matches("[0-9a-f]{64}");
        JsonNode onPatient = blockPayload(patientChain, BlockKind.REFERRAL);
        JsonNode onKim = blockPayload(new ChainId(PartyKind.DOCTOR, "dr.kim"), BlockKind.REFERRAL);
        assertThat(onPatient).isEqualTo(onKim);
        assertThat(onPatient.get("from").asText()).isEqualTo("doctor/dr.lee");
        assertThat(onPatient.get("to").asText()).isEqualTo("doctor/dr.kim");
        assertThat(onPatient.get("reasonHash").asText()).isEqualTo(change.reasonHash());
        assertThat(kindCount(new ChainId(PartyKind.DOCTOR, "dr.lee"), BlockKind.REFERRAL)).isEqualTo(2);
        assertThat(onPatient.toString()).doesNotContain("pulmonologist");
        try (Session kim = kim()) {
            assertThat(records.showRecord(kim, id).latest().diagnosis()).isEqualTo("Asthma");
            assertThat(access.reason(kim, mrn, change.reasonHash())).contains("Needs a pulmonologist");
        }
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void onlyADoctorWithAccessRefers() throws Exception {
        long blocks = count("SELECT count(*) FROM blocks WHERE chain_id = ?", patientChain.value());
        try (Session kim = kim()) {
            assertThatThrownBy(() -> access.refer(kim, mrn, "dr.lee", "Back to you"))
                    .isInstanceOf(RefusedException.class).hasMessageStartingWith("Access denied");
        }
        try (Session lee = lee()) {
            assertThatThrownBy(() -> access.refer(lee, mrn, "dr.kim", "  "))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> access.refer(lee, mrn, "dr.lee", "Myself"))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> access.refer(lee, mrn, "dr.nobody", "Nobody"))
                    .isInstanceOf(RefusedException.class);
        }
        try (Session admin = admin()) {
            assertThatThrownBy(() -> access.refer(admin, mrn, "dr.kim", "Not a doctor"))
                    .isInstanceOf(RefusedException.class);
        }
        assertThat(count("SELECT count(*) FROM blocks WHERE chain_id = ?", patientChain.value())).isEqualTo(blocks);
        assertThat(count("SELECT count(*) FROM access_reasons WHERE patient = ?", mrn.digits())).isZero();
    }

    // ---- emergency access

    @Test
    void anEmergencyNeedsAReasonAndASecondHolderAndShowsOnThePatientsChain() throws Exception {
        RecordId id = addAsLee("Asthma");
        long blocks = count("SELECT count(*) FROM blocks WHERE chain_id = ?", patientChain.value());
        try (Session admin = admin()) {
            assertThatThrownBy(() -> records.showRecord(admin, id)).hasMessageStartingWith("Access denied");
            assertThatThrownBy(() -> access.emergency(admin, mrn, null, boss()))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> access.emergency(admin, mrn, "too short", boss()))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> access.emergency(admin, mrn, REASON, null))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("second holder");
            // The same administrator twice, a wrong second password, someone without a share, a mistyped sheet.
            assertThatThrownBy(() -> access.emergency(admin, mrn, REASON,
                    new EscrowConfirmation.SecondAdministrator("admin", pw(ADMIN_PASSWORD))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("someone other than you");
            assertThatThrownBy(() -> access.emergency(admin, mrn, REASON,
                    new EscrowConfirmation.SecondAdministrator("boss", pw("not the password"))))
                    .isInstanceOf(LoginFailedException.class).hasMessageStartingWith("Second administrator");
            assertThatThrownBy(() -> access.emergency(admin, mrn, REASON,
                    new EscrowConfirmation.SecondAdministrator("desk", pw(DESK_PASSWORD))))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("not an administrator");
            String typo = (sheet.charAt(0) == 'A' ? "B" : "A") + sheet.substring(1);
            assertThatThrownBy(() -> access.emergency(admin, mrn, REASON,
                    new EscrowConfirmation.RecoverySheetWords(typo)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("typo");
        }
        for (Session other : List.of(login("desk", DESK_PASSWORD), lee(), patient())) {
            try (other) {
                assertThatThrownBy(() -> access.emergency(other, mrn, REASON, boss()))
                        .isInstanceOf(RefusedException.class);
            }
        }
        assertThat(count("SELECT count(*) FROM blocks WHERE chain_id = ?", patientChain.value())).isEqualTo(blocks);
        assertThat(count("SELECT count(*) FROM record_keys WHERE principal LIKE 'staff/%'")).isZero();

        AccessChange change;
        try (Session admin = admin()) {
            change = access.emergency(admin, mrn, REASON, boss());
        }
        assertThat(change.keyCopies()).isPositive();
        JsonNode payload = blockPayload(patientChain, BlockKind.EMERGENCY_ACCESS);
        assertThat(payload.get("by").asText()).isEqualTo("staff/admin");
        assertThat(payload.get("confirmedBy").asText()).isEqualTo("staff/boss");
        assertThat(payload.get("reasonHash").asText()).isEqualTo(change.reasonHash());
        assertThat(blockPayload(new ChainId(PartyKind.STAFF, "admin"), BlockKind.EMERGENCY_ACCESS)).isEqualTo(payload);
        assertThat(workspace.accessEvents(patientChain)).last().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(org.clinicledger.domain.AccessEvent.Kind.EMERGENCY);
            assertThat(event.subject()).isEqualTo("staff/admin");
        });
        assertThat(Hex.encode(Sha256.digest(sealedAccessReason(change.reasonHash())))).isEqualTo(change.reasonHash());
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();

        clock.advance(Duration.ofMinutes(5));
        long viewed = kindCount(new ChainId(PartyKind.STAFF, "admin"), BlockKind.RECORD_VIEWED);
        RecordId during = addAsLee("Added during the window");
        try (Session admin = admin()) {
            assertThat(records.showRecord(admin, id).latest().diagnosis()).isEqualTo("Asthma");
            assertThat(records.showRecord(admin, during).latest().diagnosis()).isEqualTo("Added during the window");
            assertThat(access.reason(admin, mrn, change.reasonHash())).contains(REASON);
        }
        assertThat(kindCount(new ChainId(PartyKind.STAFF, "admin"), BlockKind.RECORD_VIEWED)).isEqualTo(viewed + 2);
        assertThat(principals(id)).contains("staff/admin").doesNotContain("staff/boss");

        clock.advance(AccessPolicy.EMERGENCY_WINDOW);
        assertThat(workspace.verify(Progress.NONE).problems()).extracting(problem -> problem.code())
                .containsOnly(ProblemCode.RECORD_KEY_AWAITING_REMOVAL);
        assertThat(access.removeExpiredKeys()).isPositive();
        assertThat(count("SELECT count(*) FROM record_keys WHERE principal LIKE 'staff/%'")).isZero();
        try (Session admin = admin()) {
            assertThatThrownBy(() -> records.showRecord(admin, id)).hasMessageStartingWith("Access denied");
        }
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void theRecoverySheetConfirmsAndTheBlockSaysSo() throws Exception {
        RecordId id = addAsLee("Asthma");
        try (Session boss = login("boss", BOSS_PASSWORD)) {
            access.emergency(boss, mrn, REASON, new EscrowConfirmation.RecoverySheetWords(
                    sheet.toLowerCase(java.util.Locale.ROOT).replace("-", " ")));
            assertThat(records.showRecord(boss, id).latest().diagnosis()).isEqualTo("Asthma");
        }
        assertThat(blockPayload(patientChain, BlockKind.EMERGENCY_ACCESS).get("confirmedBy").asText())
                .isEqualTo("recovery-sheet");
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    // ---- attacks on the escrow key

    @Test
    void anAdministratorWithOnlyTheirShareAndTheDatabaseOpensNoRecordKey() throws Exception {
        RecordId id = addAsLee("Asthma");
        try (Session admin = admin()) {
            // Every copy of a clinic key the administrator can unwrap, under every purpose it could be bound to.
            List<byte[]> candidates = new ArrayList<>();
            try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                    "SELECT username, purpose, wrapped_key FROM wrapped_clinic_keys")) {
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        byte[] stored = rows.getBytes(3);
                        boolean share = "escrow-share".equals(rows.getString(2));
                        byte[] wrapped = share ? java.util.Arrays.copyOfRange(stored, 1, stored.length) : stored;
                        String[] context = share ? new String[] {"escrow-share", rows.getString(1),
                                Integer.toString(stored[0] & 0xff)} : new String[] {rows.getString(2), rows.getString(1)};
                        try {
                            candidates.add(KeyWrap.unwrap(KeyWrap.WrappedKey.decode(wrapped),
                                    TestKeys.agreement(admin.keys()), org.clinicledger.custody.Labels.bind(
                                            org.clinicledger.custody.Labels.CLINIC_KEY, context)));
                        } catch (AuthenticationFailedException | IllegalArgumentException notTheirs) {
                            // Not this administrator's copy.
                        }
                    }
                }
            }
            // The directory key, the clinic key and the share's value: each tried as the escrow private key.
            assertThat(candidates).hasSize(3);
            List<byte[]> tries = new ArrayList<>(candidates);
            assertThat(unwrapsAnyWith(tries, id)).isFalse();
            assertThat(unwrapsAny(admin, id)).isFalse();
        }
    }

    @Test
    void sharesSwappedBetweenAdministratorsOpenNothing() throws Exception {
        addAsLee("Asthma");
        {
            RawTables tables = raw();
            byte[] mine = tables.bytes("SELECT wrapped_key FROM wrapped_clinic_keys WHERE username = 'admin' "
                    + "AND purpose = 'escrow-share'");
            byte[] theirs = tables.bytes("SELECT wrapped_key FROM wrapped_clinic_keys WHERE username = 'boss' "
                    + "AND purpose = 'escrow-share'");
            tables.update("UPDATE wrapped_clinic_keys SET wrapped_key = ? WHERE username = 'admin' "
                    + "AND purpose = 'escrow-share'", theirs);
            tables.update("UPDATE wrapped_clinic_keys SET wrapped_key = ? WHERE username = 'boss' "
                    + "AND purpose = 'escrow-share'", mine);
        }
        try (Session admin = admin()) {
            assertThatThrownBy(() -> access.emergency(admin, mrn, REASON, boss()))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("integrity check");
        }
        assertThat(kindCount(patientChain, BlockKind.EMERGENCY_ACCESS)).isZero();
    }

    @Test
    void aShareWrappedForAnotherPurposeIsRefused() throws Exception {
        addAsLee("Asthma");
        {
            RawTables tables = raw();
            // The administrator's clinic-key copy put in the place of their share: same holder, other purpose.
            byte[] clinicKey = tables.bytes("SELECT wrapped_key FROM wrapped_clinic_keys WHERE username = 'admin' "
                    + "AND purpose = 'clinic-signing'");
            tables.update("DELETE FROM wrapped_clinic_keys WHERE username = 'admin' AND purpose = 'escrow-share'");
            tables.update("INSERT INTO wrapped_clinic_keys (username, purpose, wrapped_key) VALUES "
                    + "('admin', 'escrow-share', ?)", concat(new byte[] {1}, clinicKey));
        }
        try (Session admin = admin()) {
            assertThatThrownBy(() -> access.emergency(admin, mrn, REASON, boss()))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("integrity check");
        }
        assertThat(kindCount(patientChain, BlockKind.EMERGENCY_ACCESS)).isZero();
    }

    // ---- no plaintext on disk

    @Test
    void referralAndEmergencyReasonsAppearNowhereOnDisk() throws Exception {
        String marker = "CANARY-REASON-7f3a9c";
        addAsLee("Asthma");
        try (Session lee = lee()) {
            access.refer(lee, mrn, "dr.kim", "Referral " + marker);
        }
        try (Session admin = admin()) {
            access.emergency(admin, mrn, "Emergency " + marker, new EscrowConfirmation.RecoverySheetWords(sheet));
        }
        try (Session kim = kim()) {
            access.refer(kim, mrn, "dr.lee", "Back " + marker);
        } catch (RefusedException alreadyHasAccess) {
            // dr.lee has access already; the attempt writes nothing.
        }
        DataFolderScan.Result scan = DataFolderScan.forText(data, List.of(marker));
        assertThat(scan.filesRead()).isGreaterThanOrEqualTo(2);
        assertThat(scan.findings()).isEmpty();
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    // ---- helpers

    private AccessChange grant(String doctor, Instant until) {
        AccessChange change;
        try (Session patient = patient()) {
            change = access.grant(patient, doctor, until);
        }
        clock.advance(Duration.ofSeconds(1));
        return change;
    }

    private RecordId addAsLee(String diagnosis) throws Exception {
        Path file = Files.write(files.resolve("att-" + diagnosis.length() + ".txt"),
                diagnosis.getBytes(StandardCharsets.UTF_8));
        try (Session lee = lee()) {
            RecordId id = records.addRecord(lee, mrn, new RecordInput(diagnosis, null, "", List.of(file)))
                    .recordId();
            clock.advance(Duration.ofSeconds(1));
            return id;
        }
    }

    private static RecordInput input(String diagnosis) {
        return new RecordInput(diagnosis, null, "", List.of());
    }

    /** Whether the session's own X25519 key opens any wrapped key stored for the record, whoever it was stored for. */
    private boolean unwrapsAny(Session session, RecordId recordId) throws Exception {
        boolean opened = false;
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT version, object, wrapped_key FROM record_keys WHERE record_id = ?")) {
            query.setString(1, recordId.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    try {
                        byte[] key = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(rows.getBytes(3)),
                                TestKeys.agreement(session.keys()), RecordCustody.keyContext(recordId.value(), rows.getInt(1),
                                        rows.getInt(2)));
                        java.util.Arrays.fill(key, (byte) 0);
                        opened = true;
                    } catch (AuthenticationFailedException expected) {
                        // Not this session's copy.
                    }
                }
            }
        }
        return opened;
    }

    /** Whether any of {@code privateKeys}, taken as an X25519 private key, opens any key stored for the record. */
    private boolean unwrapsAnyWith(List<byte[]> privateKeys, RecordId recordId) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT version, object, wrapped_key FROM record_keys WHERE record_id = ?")) {
            query.setString(1, recordId.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    for (byte[] candidate : privateKeys) {
                        if (candidate.length != 32) {
                            continue;
                        }
                        try {
                            KeyWrap.unwrap(KeyWrap.WrappedKey.decode(rows.getBytes(3)),
                                    org.clinicledger.crypto.X25519.KeyPair.fromPrivate(candidate),
                                    RecordCustody.keyContext(recordId.value(), rows.getInt(1), rows.getInt(2)));
                            return true;
                        } catch (AuthenticationFailedException expected) {
                            // This candidate opens nothing.
                        }
                    }
                }
            }
        }
        return false;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Boss, the second administrator, confirming. */
    private static EscrowConfirmation boss() {
        return new EscrowConfirmation.SecondAdministrator("boss", pw(BOSS_PASSWORD));
    }

    private List<String> principals(RecordId recordId) throws Exception {
        return raw().keyHolders(recordId, "AND object = ?", RecordStore.DOCUMENT);
    }

    private byte[] sealedAccessReason(String hash) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT sealed_reason FROM access_reasons WHERE reason_hash = ?")) {
            query.setString(1, hash);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private JsonNode blockPayload(ChainId chain, BlockKind kind) throws Exception {
        return raw().latestPayload(chain, kind);
    }

    private long kindCount(ChainId chain, BlockKind kind) throws Exception {
        return raw().blockCount(chain, kind);
    }

    private long count(String sql, Object... parameters) throws Exception {
        return raw().count(sql, parameters);
    }

    private Connection connect() throws Exception {
        return raw().connect();
    }

    private RawTables raw() {
        return new RawTables(data);
    }

    private Session lee() {
        return login("dr.lee", leePassword);
    }

    private Session kim() {
        return login("dr.kim", KIM_PASSWORD);
    }

    private Session admin() {
        return login("admin", ADMIN_PASSWORD);
    }

    private Session patient() {
        return login(mrn.digits(), passphrase);
    }

    private Session login(String username, String password) {
        return workspace.accounts().login(username, pw(password));
    }

    private static char[] pw(String text) {
        return text.toCharArray();
    }
}
