package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-recovered payload, written and read back, malformed payloads refused with a reason, and a
 * patient's chain read for access: grants signed with a recovered key count only after a recovery an
 * administrator signed and vouched for.
 */
class KeyRecoveriesTest {

    @TempDir
    Path temp;

    private LedgerFixture fixture;
    private ChainId patient;
    private ChainId doctor;
    private ChainId administrator;

    @BeforeEach
    void open() {
        fixture = new LedgerFixture(temp.resolve("data"), 7);
        doctor = fixture.register(PartyKind.DOCTOR);
        patient = fixture.register(PartyKind.PATIENT);
        administrator = fixture.register(PartyKind.STAFF);
    }

    @Test
    void aPayloadReadsBackAsWritten() {
        SigningKey fresh = fixture.newKey();
        KeyRecoveries.Recovery recovery = KeyRecoveries.read(fixture.recoveryPayload(patient, fresh));
        assertThat(recovery.chain()).isEqualTo(patient);
        assertThat(recovery.by()).isEqualTo(administrator);
        assertThat(recovery.signingKey()).isEqualTo(fresh.publicKey());
        assertThat(recovery.agreementKey()).hasSize(32);
        assertThat(recovery.sealedKeys()).matches("[0-9a-f]{64}");
        assertThat(recovery.authorization()).hasValueSatisfying(authorization ->
                assertThat(authorization.keyId()).isEqualTo(fixture.owners.get(administrator).keyId()));
    }

    @Test
    void malformedPayloadsAreRefusedWithAReason() throws Exception {
        ObjectNode good = (ObjectNode) new ObjectMapper().readTree(fixture.recoveryPayload(patient, fixture.newKey()));
        assertRefused("not JSON".getBytes(StandardCharsets.UTF_8), "not JSON");
        assertRefused("[1]".getBytes(StandardCharsets.UTF_8), "not a JSON object");
        assertRefused((good.toPrettyString()).getBytes(StandardCharsets.UTF_8), "canonical");
        assertRefused(with(good, "format", "clinicledger/key-recovery/v0"), "format");
        assertRefused(with(good, "chain", "patient/../x"), "chain is not a chain id");
        assertRefused(with(good, "chain", "node/abc"), "not a person's");
        assertRefused(with(good, "by", "doctor/dr.lee"), "member of staff");
        assertRefused(with(good, "signingKey", "abcd"), "signingKey is not 32 bytes");
        assertRefused(with(good, "agreementKey", "zz"), "agreementKey is not hex");
        assertRefused(with(good, "sealedKeys", "ABCDEF"), "sealedKeys");
        assertRefused(with(good, "reason", ""), "reason");
        assertRefused(with(good, "reason", "ab".repeat(KeyRecoveries.MAX_SEALED_REASON + 1)), "reason");
        assertRefused(with(good, "extra", "x"), "members");
        ObjectNode missing = good.deepCopy();
        missing.remove("by");
        assertRefused(CanonicalJson.encode(missing), "has no by");
    }

    @Test
    void aGrantSignedWithTheRecoveredKeyCountsAfterAnHonestRecovery() {
        fixture.recoverKeys(patient);
        byte[] grant = AccessEvents.grant(patient, doctor, null);
        fixture.ledger().append(EventSpec.between(BlockKind.ACCESS_GRANTED, fixture.owners.get(patient), doctor,
                grant, patient, grant));
        List<AccessEvent> events = fixture.workspace.database().read("read", work ->
                new AccessEvents(new org.clinicledger.store.ChainStore()).fromPatientChain(work, patient));
        assertThat(events).singleElement().satisfies(event -> assertThat(event.kind()).isEqualTo(AccessEvent.Kind.GRANT));
    }

    @Test
    void aRecoverySignedByADoctorHandsNoOneThePatientsConsent() {
        SigningKey fresh = fixture.newKey();
        // A doctor "recovers" the patient's key to one of their own making, then grants themselves access with it.
        byte[] payload = fixture.recoveryPayload(patient, fresh);
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(doctor), patient, administrator, payload,
                fresh.publicKey()));
        byte[] grant = AccessEvents.grant(patient, doctor, null);
        fixture.ledger().append(EventSpec.between(BlockKind.ACCESS_GRANTED, fresh, doctor, grant, patient, grant));
        assertThatThrownBy(() -> fixture.workspace.database().read("read", work ->
                new AccessEvents(new org.clinicledger.store.ChainStore()).fromPatientChain(work, patient)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("key recovery that cannot be trusted");
    }

    @Test
    void aRecoveryWhoseNewKeyTheAdministratorDoesNotVouchForIsRefused() throws Exception {
        SigningKey fresh = fixture.newKey();
        ObjectNode fields = (ObjectNode) new ObjectMapper().readTree(fixture.recoveryPayload(patient, fresh));
        fields.remove("authorization");
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(administrator), patient, administrator,
                CanonicalJson.encode(fields), fresh.publicKey()));
        assertThatThrownBy(() -> fixture.workspace.database().read("read", work ->
                new AccessEvents(new org.clinicledger.store.ChainStore()).fromPatientChain(work, patient)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("does not vouch for the new key");
    }

    private static byte[] with(ObjectNode good, String field, String value) {
        ObjectNode changed = good.deepCopy();
        changed.put(field, value);
        return CanonicalJson.encode(changed);
    }

    private static void assertRefused(byte[] payload, String reason) {
        assertThatThrownBy(() -> KeyRecoveries.read(payload)).as(reason)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
