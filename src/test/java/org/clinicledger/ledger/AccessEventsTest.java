package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.store.ClinicDao;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access payloads (grant, revoke, referral, emergency), their reading back from a patient's
 * real chain into {@link AccessEvent}s, the checks of who signed them, and the policy they feed.
 * Also a chain registered together with its first events in one transaction.
 */
class AccessEventsTest {

    private static final ChainId PATIENT = new ChainId(PartyKind.PATIENT, "123456782");
    private static final ChainId LEE = new ChainId(PartyKind.DOCTOR, "dr.lee");
    private static final ChainId KIM = new ChainId(PartyKind.DOCTOR, "dr.kim");
    private static final ChainId ADMIN = new ChainId(PartyKind.STAFF, "admin");
    private static final String HASH = "ab".repeat(32);
    private static final String SIGNATURE = "cd".repeat(64);
    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private LedgerFixture fixture;

    @BeforeEach
    void open() {
        fixture = new LedgerFixture(temp.resolve("data"), 11);
    }

    // ---- the payloads

    @Test
    void aGrantIsTheDocumentedCanonicalJson() {
        assertThat(text(AccessEvents.grant(PATIENT, LEE, null))).isEqualTo("{\"doctor\":\"doctor/dr.lee\","
                + "\"format\":\"clinicledger/access/v1\",\"kind\":\"grant\",\"patient\":\"patient/123456782\","
                + "\"until\":null}");
        assertThat(text(AccessEvents.grant(PATIENT, LEE, Instant.parse("2027-01-01T00:00:00Z"))))
                .endsWith(",\"until\":\"2027-01-01T00:00:00Z\"}");
        assertThat(text(AccessEvents.revoke(PATIENT, LEE))).isEqualTo("{\"doctor\":\"doctor/dr.lee\","
                + "\"format\":\"clinicledger/access/v1\",\"kind\":\"revoke\",\"patient\":\"patient/123456782\"}");
        assertThat(text(AccessEvents.referral(PATIENT, LEE, KIM))).isEqualTo("{\"format\":\"clinicledger/access/v1\","
                + "\"from\":\"doctor/dr.lee\",\"kind\":\"referral\",\"patient\":\"patient/123456782\","
                + "\"to\":\"doctor/dr.kim\"}");
        assertThat(text(AccessEvents.emergency(PATIENT, ADMIN, HASH, "recovery-sheet", SIGNATURE)))
                .isEqualTo("{\"by\":\"staff/admin\",\"confirmation\":\"" + SIGNATURE + "\","
                + "\"confirmedBy\":\"recovery-sheet\",\"format\":\"clinicledger/access/v1\",\"kind\":\"emergency\","
                + "\"patient\":\"patient/123456782\",\"reasonHash\":\"" + HASH + "\"}");
    }

    @Test
    void thePayloadsNameTheRightKindsOfChain() {
        assertThatThrownBy(() -> AccessEvents.grant(LEE, PATIENT, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessEvents.referral(PATIENT, LEE, ADMIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessEvents.emergency(PATIENT, LEE, HASH, "recovery-sheet", SIGNATURE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachPayloadDecodesIntoTheEventThePolicyReads() {
        Instant until = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(AccessEvents.decode(block(BlockKind.ACCESS_GRANTED, AccessEvents.grant(PATIENT, LEE, until))))
                .isEqualTo(new AccessEvent(AccessEvent.Kind.GRANT, PATIENT.value(), LEE.value(), AT, until));
        assertThat(AccessEvents.decode(block(BlockKind.ACCESS_GRANTED, AccessEvents.grant(PATIENT, LEE, null))).until())
                .isNull();
        assertThat(AccessEvents.decode(block(BlockKind.ACCESS_REVOKED, AccessEvents.revoke(PATIENT, LEE))))
                .isEqualTo(new AccessEvent(AccessEvent.Kind.REVOKE, PATIENT.value(), LEE.value(), AT, null));
        assertThat(AccessEvents.decode(block(BlockKind.REFERRAL, AccessEvents.referral(PATIENT, LEE, KIM))))
                .isEqualTo(new AccessEvent(AccessEvent.Kind.REFERRAL, LEE.value(), KIM.value(), AT, null));
        assertThat(AccessEvents.decode(block(BlockKind.EMERGENCY_ACCESS, AccessEvents.emergency(PATIENT, ADMIN, HASH, "recovery-sheet", SIGNATURE))))
                .isEqualTo(new AccessEvent(AccessEvent.Kind.EMERGENCY, ADMIN.value(), ADMIN.value(), AT, null));
    }

    @Test
    void membersALaterVersionAddsAreIgnored() {
        String withReason = "{\"doctor\":\"doctor/dr.lee\",\"format\":\"clinicledger/access/v1\",\"kind\":\"revoke\","
                + "\"patient\":\"patient/123456782\",\"reasonHash\":\"00ff\"}";
        assertThat(AccessEvents.decode(block(BlockKind.ACCESS_REVOKED, bytes(withReason))).subject()).isEqualTo("doctor/dr.lee");
    }

    @Test
    void malformedPayloadsAreRefusedSayingWhatIsWrong() {
        assertRefused(BlockKind.ACCESS_GRANTED, "not json", "not JSON");
        assertRefused(BlockKind.ACCESS_GRANTED, "[1]", "not a JSON object");
        assertRefused(BlockKind.ACCESS_GRANTED, "{\"doctor\": \"doctor/dr.lee\",\"format\":\"clinicledger/access/v1\","
                + "\"kind\":\"grant\",\"patient\":\"patient/123456782\",\"until\":null}", "canonical");
        assertRefused(BlockKind.ACCESS_GRANTED, "{\"doctor\":\"doctor/dr.lee\",\"format\":\"clinicledger/access/v2\","
                + "\"kind\":\"grant\",\"patient\":\"patient/123456782\",\"until\":null}", "format");
        assertRefused(BlockKind.ACCESS_REVOKED, text(AccessEvents.grant(PATIENT, LEE, null)), "says 'grant'");
        assertRefused(BlockKind.ACCESS_GRANTED, "{\"doctor\":\"staff/admin\",\"format\":\"clinicledger/access/v1\","
                + "\"kind\":\"grant\",\"patient\":\"patient/123456782\",\"until\":null}", "doctor's chain");
        assertRefused(BlockKind.ACCESS_GRANTED, "{\"doctor\":\"doctor/dr.lee\",\"format\":\"clinicledger/access/v1\","
                + "\"kind\":\"grant\",\"patient\":\"patient/123456782\"}", "no until");
        assertRefused(BlockKind.ACCESS_GRANTED, "{\"doctor\":\"doctor/dr.lee\",\"format\":\"clinicledger/access/v1\","
                + "\"kind\":\"grant\",\"patient\":\"patient/123456782\",\"until\":\"2027-01-01T00:00:00.000Z\"}", "one form");
        assertRefused(BlockKind.ACCESS_GRANTED, "{\"doctor\":\"doctor/dr.lee\",\"format\":\"clinicledger/access/v1\","
                + "\"kind\":\"grant\",\"patient\":\"patient/123456782\",\"until\":\"soon\"}", "not a time");
        assertRefused(BlockKind.ACCESS_GRANTED, "{\"doctor\":\"nobody\",\"format\":\"clinicledger/access/v1\","
                + "\"kind\":\"grant\",\"patient\":\"patient/123456782\",\"until\":null}", "not a chain id");
        assertRefused(BlockKind.REFERRAL, text(AccessEvents.referral(PATIENT, LEE, KIM)).replace("dr.kim", "dr.lee"),
                "to themselves");
        assertRefused(BlockKind.RECORD_ADDED, text(AccessEvents.grant(PATIENT, LEE, null)), "records no access event");
    }

    private static void assertRefused(BlockKind kind, String payload, String reason) {
        assertThatThrownBy(() -> AccessEvents.decode(block(kind, bytes(payload)))).as(payload)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    // ---- reading a patient's chain

    @Test
    void aPatientsChainReadsIntoTheEventsThePolicyDecidesFrom() {
        ChainId patient = fixture.register(PartyKind.PATIENT);
        ChainId lee = fixture.register(PartyKind.DOCTOR);
        ChainId kim = fixture.register(PartyKind.DOCTOR);
        ChainId nurse = fixture.register(PartyKind.DOCTOR);
        ChainId admin = new ChainId(PartyKind.STAFF, "admin");
        SigningKey adminKey = fixture.newKey();
        fixture.ledger().register(PartyKind.STAFF, "admin", adminKey, fixture.authorized(admin, adminKey, "administrator"));

        append(BlockKind.ACCESS_GRANTED, patient, fixture.owners.get(patient), lee, AccessEvents.grant(patient, lee, null));
        append(BlockKind.RECORD_ADDED, patient, fixture.owners.get(lee), lee,
                fixture.payload(BlockKind.RECORD_ADDED, lee, patient));
        // A referral is written as the service writes it: the referring doctor with the patient, and with the receiving doctor.
        byte[] referral = AccessEvents.referral(patient, lee, kim);
        fixture.ledger().appendAll(List.of(
                EventSpec.between(BlockKind.REFERRAL, fixture.owners.get(lee), lee, referral, patient, referral),
                EventSpec.between(BlockKind.REFERRAL, fixture.owners.get(lee), lee, referral, kim, referral)));
        append(BlockKind.ACCESS_GRANTED, patient, fixture.owners.get(patient), nurse,
                AccessEvents.grant(patient, nurse, Instant.parse("2026-01-01T00:00:00Z")));
        append(BlockKind.ACCESS_REVOKED, patient, fixture.owners.get(patient), lee, AccessEvents.revoke(patient, lee));
        byte[] emergency = fixture.emergency(patient, admin);
        fixture.ledger().append(EventSpec.between(BlockKind.EMERGENCY_ACCESS, adminKey, patient,
                emergency, admin, emergency));

        List<AccessEvent> events = fixture.ledger().accessEvents(patient);
        assertThat(events).extracting(AccessEvent::kind).containsExactly(AccessEvent.Kind.GRANT,
                AccessEvent.Kind.REFERRAL, AccessEvent.Kind.GRANT, AccessEvent.Kind.REVOKE, AccessEvent.Kind.EMERGENCY);
        assertThat(events.get(1).actor()).isEqualTo(lee.value());
        assertThat(events.get(1).subject()).isEqualTo(kim.value());
        Block registration = fixture.ledger().registration(patient).orElseThrow();
        assertThat(events.get(0).at()).as("the time is the block's").isAfter(registration.createdAt());

        Instant now = events.get(4).at();
        AccessState state = AccessPolicy.evaluate(patient.value(), events, now);
        assertThat(state.readers()).containsOnlyKeys(patient.value(), kim.value(), admin.value());
        assertThat(state.mayRead(kim.value(), lee.value())).contains(Reason.REFERRAL);
        assertThat(state.mayRead(lee.value(), lee.value())).as("revoked, but still the author").contains(Reason.AUTHOR);
        assertThat(state.mayRead(lee.value(), kim.value())).isEmpty();
        assertThat(state.mayRead(nurse.value(), lee.value())).as("a grant that had ended").isEmpty();
        assertThat(AccessPolicy.evaluate(patient.value(), events, now.plus(AccessPolicy.EMERGENCY_WINDOW)).readers())
                .containsOnlyKeys(patient.value(), kim.value());
        assertThat(fixture.verify().ok()).isTrue();
    }

    @Test
    void aChainWithoutAccessEventsAndAMissingChainReadAsNone() {
        ChainId patient = fixture.register(PartyKind.PATIENT);
        assertThat(fixture.ledger().accessEvents(patient)).isEmpty();
        assertThat(fixture.ledger().accessEvents(new ChainId(PartyKind.PATIENT, "999999999"))).isEmpty();
        assertThatThrownBy(() -> fixture.ledger().accessEvents(LEE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGrantSignedByAnyoneButThePatientIsRefusedNotSkipped() {
        ChainId patient = fixture.register(PartyKind.PATIENT);
        ChainId lee = fixture.register(PartyKind.DOCTOR);
        append(BlockKind.ACCESS_GRANTED, patient, fixture.owners.get(lee), lee, AccessEvents.grant(patient, lee, null));
        assertThatThrownBy(() -> fixture.ledger().accessEvents(patient)).isInstanceOf(RefusedException.class)
                .hasMessageStartingWith("Block 1 of " + patient + " records a change of access that cannot be trusted "
                        + "(it is not signed by " + patient + ")");
    }

    @Test
    void aReferralOrEmergencySignedByAnotherPartyIsRefused() {
        ChainId patient = fixture.register(PartyKind.PATIENT);
        ChainId lee = fixture.register(PartyKind.DOCTOR);
        ChainId kim = fixture.register(PartyKind.DOCTOR);
        append(BlockKind.ACCESS_GRANTED, patient, fixture.owners.get(patient), lee, AccessEvents.grant(patient, lee, null));
        // Kim signs a referral that claims to come from Lee.
        append(BlockKind.REFERRAL, patient, fixture.owners.get(kim), kim, AccessEvents.referral(patient, lee, kim));
        assertThatThrownBy(() -> fixture.ledger().accessEvents(patient)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("Block 2 of").hasMessageContaining("it is not signed by " + lee);

        ChainId other = fixture.register(PartyKind.PATIENT);
        append(BlockKind.EMERGENCY_ACCESS, other, fixture.owners.get(kim), kim, fixture.emergency(other, ADMIN));
        assertThatThrownBy(() -> fixture.ledger().accessEvents(other)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("it is not signed by staff/admin");
    }

    @Test
    void aGrantAboutAnotherPatientIsRefused() {
        ChainId patient = fixture.register(PartyKind.PATIENT);
        ChainId lee = fixture.register(PartyKind.DOCTOR);
        append(BlockKind.ACCESS_GRANTED, patient, fixture.owners.get(patient), lee, AccessEvents.grant(PATIENT, lee, null));
        assertThatThrownBy(() -> fixture.ledger().accessEvents(patient)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("it is about another patient");
    }

    @Test
    void afterAKeyRotationOnlyThePatientsNewKeyGrants() {
        ChainId patient = fixture.register(PartyKind.PATIENT);
        ChainId lee = fixture.register(PartyKind.DOCTOR);
        SigningKey retired = fixture.owners.get(patient);
        fixture.rotateKey(patient);
        append(BlockKind.ACCESS_GRANTED, patient, fixture.owners.get(patient), lee, AccessEvents.grant(patient, lee, null));
        assertThat(fixture.ledger().accessEvents(patient)).hasSize(1);

        append(BlockKind.ACCESS_REVOKED, patient, retired, lee, AccessEvents.revoke(patient, lee));
        assertThatThrownBy(() -> fixture.ledger().accessEvents(patient)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("Block 3 of").hasMessageContaining("not signed by " + patient);
    }

    @Test
    void aGrantRewrittenInTheDatabaseFailsItsSignatureAndIsRefused() throws Exception {
        ChainId patient = fixture.register(PartyKind.PATIENT);
        ChainId lee = fixture.register(PartyKind.DOCTOR);
        ChainId kim = fixture.register(PartyKind.DOCTOR);
        append(BlockKind.ACCESS_GRANTED, patient, fixture.owners.get(patient), lee, AccessEvents.grant(patient, lee, null));
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE blocks SET payload = ? WHERE chain_id = ? AND height = 1")) {
            statement.executeUpdate("DROP TRIGGER blocks_are_never_updated");
            update.setBytes(1, AccessEvents.grant(patient, kim, null));
            update.setString(2, patient.value());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThatThrownBy(() -> fixture.ledger().accessEvents(patient)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("its signature does not verify");
    }

    // ---- registering a chain with its first events

    @Test
    void aChainIsRegisteredWithItsFirstEventsInOneTransactionAndOneHeadPerChain() throws Exception {
        ChainId lee = fixture.register(PartyKind.DOCTOR);
        SigningKey key = fixture.newKey();
        ChainId patient = new ChainId(PartyKind.PATIENT, "123456782");
        byte[] grant = AccessEvents.grant(patient, lee, null);
        long leeHeadsBefore = count("SELECT count(*) FROM signed_heads WHERE chain_id = ?", lee.value());

        List<AppendedEvent> written = fixture.ledger().register(PartyKind.PATIENT, "123456782", key,
                fixture.authorized(patient, key, "patient"),
                List.of(EventSpec.between(BlockKind.ACCESS_GRANTED, key, patient, grant, lee, grant)));

        assertThat(written).hasSize(2);
        assertThat(written.get(0).blocks()).extracting(Block::kind).containsExactly(BlockKind.REGISTRATION);
        assertThat(written.get(1).blocks()).extracting(Block::chain).containsExactly(patient, lee);
        assertThat(written.get(0).heads()).singleElement().satisfies(head -> assertThat(head.size()).isEqualTo(2));
        assertThat(count("SELECT count(*) FROM signed_heads WHERE chain_id = ?", patient.value()))
                .as("one head over both blocks, not one per block").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM signed_heads WHERE chain_id = ?", lee.value())).isEqualTo(leeHeadsBefore + 1);
        assertThat(fixture.ledger().accessEvents(patient)).singleElement()
                .satisfies(event -> assertThat(event.subject()).isEqualTo(lee.value()));
        assertThat(fixture.verify().ok()).isTrue();
    }

    @Test
    void aFollowingEventThatFailsRollsBackTheRegistrationAndTheRowsAlongside() throws Exception {
        SigningKey key = fixture.newKey();
        ChainId patient = new ChainId(PartyKind.PATIENT, "123456782");
        byte[] grant = AccessEvents.grant(patient, LEE, null);
        long blocks = count("SELECT count(*) FROM blocks", null);
        assertThatThrownBy(() -> fixture.workspace.database().write("register", work -> {
            new ClinicDao().save(work, new ClinicProfile("Never", Instant.EPOCH));
            return fixture.workspace.ledger().register(work, PartyKind.PATIENT, "123456782", key, bytes("{}"),
                    List.of(EventSpec.between(BlockKind.ACCESS_GRANTED, key, patient, grant, LEE, grant)));
        }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("There is no chain doctor/dr.lee");
        assertThat(fixture.ledger().registration(patient)).isEmpty();
        assertThat(count("SELECT count(*) FROM blocks", null)).isEqualTo(blocks);
        assertThat(count("SELECT count(*) FROM clinic", null)).isZero();
        assertThat(count("SELECT count(*) FROM author_keys WHERE chain_id = ?", patient.value())).isZero();
        assertThat(fixture.verify().ok()).isTrue();
    }

    // ---- helpers

    private void append(BlockKind kind, ChainId patient, SigningKey author, ChainId counterpart, byte[] payload) {
        fixture.ledger().append(EventSpec.between(kind, author, patient, payload, counterpart, payload));
    }

    private static Block block(BlockKind kind, byte[] payload) {
        return new Block(PATIENT, 1, new byte[32], AT, kind, "00", null, "event", null, payload, new byte[64],
                new byte[32]);
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + fixture.workspace.root().resolve("clinicledger.db"));
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
