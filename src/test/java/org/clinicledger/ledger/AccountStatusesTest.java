package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account-status payload, written and read back; malformed payloads refused with a reason; and
 * forged account-status blocks (someone with write access to the folder and a key of their own, or
 * an administrator's payload that says something else) named by verify. Signers the kind does not
 * allow are swept by {@link ForgeryTest}.
 */
class AccountStatusesTest {

    @TempDir
    Path temp;

    private LedgerFixture fixture;
    private ChainId doctor;
    private ChainId administrator;
    private ChainId otherAdministrator;

    @BeforeEach
    void open() {
        fixture = new LedgerFixture(temp.resolve("data"), 11);
        doctor = fixture.register(PartyKind.DOCTOR);
        administrator = fixture.register(PartyKind.STAFF);
        otherAdministrator = fixture.register(PartyKind.STAFF);
    }

    @Test
    void aPayloadReadsBackAsWritten() {
        AccountStatuses.Status off = AccountStatuses.read(AccountStatuses.payload(doctor, administrator, false,
                new byte[] {1, 2, 3}));
        assertThat(off.account()).isEqualTo(doctor);
        assertThat(off.by()).isEqualTo(administrator);
        assertThat(off.active()).isFalse();
        assertThat(off.sealedReason()).hasValueSatisfying(reason -> assertThat(reason).containsExactly(1, 2, 3));
        AccountStatuses.Status on = AccountStatuses.read(AccountStatuses.payload(doctor, administrator, true, null));
        assertThat(on.active()).isTrue();
        assertThat(on.sealedReason()).isEmpty();
        assertThatThrownBy(() -> AccountStatuses.payload(administrator, administrator, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountStatuses.payload(doctor, administrator, false, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedPayloadsAreRefusedWithAReason() throws Exception {
        ObjectNode good = (ObjectNode) new ObjectMapper().readTree(AccountStatuses.payload(doctor, administrator, false,
                new byte[] {9, 9}));
        assertRefused("not JSON".getBytes(StandardCharsets.UTF_8), "not JSON");
        assertRefused("[1]".getBytes(StandardCharsets.UTF_8), "not a JSON object");
        assertRefused(good.toPrettyString().getBytes(StandardCharsets.UTF_8), "canonical");
        assertRefused(with(good, "format", "clinicledger/account-status/v0"), "format");
        assertRefused(with(good, "account", "doctor/../x"), "account is not a chain id");
        assertRefused(with(good, "account", "patient/123456789"), "not a doctor's or a member of staff's");
        assertRefused(with(good, "by", "doctor/dr.lee"), "member of staff");
        assertRefused(with(good, "reason", "zz"), "reason is not hex");
        assertRefused(with(good, "reason", ""), "reason");
        assertRefused(with(good, "reason", "ab".repeat(AccountStatuses.MAX_SEALED_REASON + 1)), "reason");
        assertRefused(with(good, "extra", "x"), "members");
        ObjectNode textActive = good.deepCopy();
        textActive.put("active", "false");
        assertRefused(CanonicalJson.encode(textActive), "true or false");
        ObjectNode reactivatedWithReason = good.deepCopy();
        reactivatedWithReason.put("active", true);
        assertRefused(CanonicalJson.encode(reactivatedWithReason), "carries no reason");
        ObjectNode deactivatedWithout = good.deepCopy();
        deactivatedWithout.remove("reason");
        assertRefused(CanonicalJson.encode(deactivatedWithout), "carries its sealed reason");
        ObjectNode missing = good.deepCopy();
        missing.remove("by");
        assertRefused(CanonicalJson.encode(missing), "has no by");
    }

    @Test
    void anHonestDeactivationAndReactivationVerify() {
        fixture.setStatus(doctor, false);
        fixture.setStatus(doctor, true);
        assertThat(fixture.verify().problems()).isEmpty();
        AccountStatuses.Standing standing = fixture.workspace.database().read("statuses",
                work -> fixture.workspace.ledger().accountStatuses(work).get(doctor));
        assertThat(standing.active()).isTrue();
        assertThat(standing.trusted()).isTrue();
        assertThat(standing.by()).isEqualTo(administrator);
    }

    @Test
    void aForgedDeactivationNamingAnotherAdministratorAsActingIsNamed() {
        // The payload says the other administrator acted; the block is signed with this one's key.
        byte[] payload = AccountStatuses.payload(doctor, otherAdministrator, false, new byte[] {1});
        long height = size(doctor);
        fixture.ledger().append(EventSpec.between(BlockKind.ACCOUNT_STATUS, fixture.owners.get(administrator), doctor,
                payload, administrator, payload));
        assertNamed(fixture.verify(), doctor, height, ProblemCode.PAYLOAD);
    }

    @Test
    void anAdministratorSettingTheirOwnStatusIsNamed() throws Exception {
        ObjectNode fields = (ObjectNode) new ObjectMapper().readTree(AccountStatuses.payload(doctor, administrator,
                false, new byte[] {1}));
        fields.put("account", administrator.value());
        byte[] payload = CanonicalJson.encode(fields);
        long height = size(doctor);
        fixture.ledger().append(EventSpec.between(BlockKind.ACCOUNT_STATUS, fixture.owners.get(administrator), doctor,
                payload, administrator, payload));
        assertNamed(fixture.verify(), doctor, height, ProblemCode.PAYLOAD);
    }

    @Test
    void aStatusWrittenOnOneChainAloneIsNamed() {
        byte[] payload = AccountStatuses.payload(doctor, administrator, false, new byte[] {1});
        long height = size(doctor);
        fixture.ledger().append(EventSpec.single(BlockKind.ACCOUNT_STATUS, fixture.owners.get(administrator), doctor,
                payload));
        assertNamed(fixture.verify(), doctor, height, ProblemCode.AUTHORITY);
    }

    private long size(ChainId chain) {
        return fixture.workspace.database().read("size", work ->
                new org.clinicledger.store.ChainStore().chainState(work, chain.value()).orElseThrow().size());
    }

    private static void assertNamed(VerificationReport report, ChainId chain, long height, ProblemCode code) {
        assertThat(report.problems()).filteredOn(problem -> problem.chain().equals(chain.value())
                && problem.height() == height).extracting(VerificationProblem::code).contains(code);
    }

    private static byte[] with(ObjectNode good, String field, String value) {
        ObjectNode changed = good.deepCopy();
        changed.put(field, value);
        return CanonicalJson.encode(changed);
    }

    private static void assertRefused(byte[] payload, String reason) {
        assertThatThrownBy(() -> AccountStatuses.read(payload)).as(reason)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
