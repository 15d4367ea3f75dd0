package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.SignedHead;
import org.clinicledger.domain.VerificationProblem;
import org.junit.jupiter.api.Test;

/** The memory file's format: what it writes reads back; anything else is refused with a plain reason. */
class HeadMemoryTest {

    private static final ClinicFingerprint CLINIC = new ClinicFingerprint("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    private static final SigningKey KEY = new SigningKey(Ed25519.KeyPair.generate(new SecureRandom()));

    static HeadMemory sample() {
        SignedHead head = new SignedHead(ChainId.parse("doctor/dr.lee"), 3, new byte[32], Instant.ofEpochMilli(1_000),
                "00112233445566778899aabbccddeeff", new byte[64], null, null);
        SignedHead next = new SignedHead(ChainId.parse("staff/admin"), 2, new byte[32], Instant.ofEpochMilli(2_000),
                "00112233445566778899aabbccddeeff", new byte[64], new byte[32], null);
        RollbackAcceptance acceptance = RollbackAcceptance.sign(KEY, "staff/admin", CLINIC, "/data", "restored",
                List.of(new VerificationProblem("doctor/dr.lee", 2, ProblemCode.ROLLED_BACK, "rolled back")),
                Instant.ofEpochMilli(3_000));
        return HeadMemory.empty(CLINIC)
                .remembering(Map.of("doctor/dr.lee", new HeadMemory.Seen(head, Instant.ofEpochMilli(5_000))))
                .accepting(Map.of("doctor/dr.lee", new HeadMemory.Seen(head, Instant.ofEpochMilli(5_000)),
                        "staff/admin", new HeadMemory.Seen(next, Instant.ofEpochMilli(6_000))), acceptance);
    }

    @Test
    void whatIsWrittenReadsBackAndItsAcceptanceStillVerifies() {
        byte[] written = sample().encode();
        HeadMemory read = HeadMemory.parse(written);
        assertThat(read.encode()).isEqualTo(written);
        assertThat(read.clinic()).isEqualTo(CLINIC);
        assertThat(read.chains()).containsOnlyKeys("doctor/dr.lee", "staff/admin");
        assertThat(read.acceptances()).singleElement().satisfies(acceptance -> {
            assertThat(acceptance.verifies()).isTrue();
            assertThat(acceptance.keyId()).isEqualTo(KEY.keyId());
            assertThat(acceptance.reason()).isEqualTo("restored");
        });
    }

    @Test
    void aHeadIsReplacedOnlyByOneAtLeastAsLarge() {
        HeadMemory memory = sample();
        SignedHead smaller = new SignedHead(ChainId.parse("doctor/dr.lee"), 2, new byte[32], Instant.EPOCH, "k",
                new byte[64], null, null);
        assertThat(memory.remembering(Map.of("doctor/dr.lee", new HeadMemory.Seen(smaller, Instant.EPOCH)))
                .chains().get("doctor/dr.lee").head().size()).isEqualTo(3);
    }

    @Test
    void malformedFilesAreRefusedWithAPlainReason() {
        String good = new String(sample().encode(), StandardCharsets.UTF_8);
        Map<String, String> cases = Map.ofEntries(
                Map.entry("", "not a JSON object"),
                Map.entry("[]", "not a JSON object"),
                Map.entry("{", "not readable JSON"),
                Map.entry(good + " {}", "not readable JSON"),
                Map.entry(good.replace("rollback-memory/v1", "rollback-memory/v2"), "not in the format"),
                Map.entry(good.replace(CLINIC.value(), "not a fingerprint"), "no valid clinic fingerprint"),
                Map.entry(good.replace("\"size\" : 3", "\"size\" : 0"), "no valid size"),
                Map.entry(good.replace("\"size\" : 3", "\"size\" : 3.5"), "not a whole number"),
                Map.entry(good.replace("\"size\" : 3", "\"size\" : \"3\""), "not a whole number"),
                Map.entry(good.replace("\"chain\" : \"doctor/dr.lee\"", "\"chain\" : \"nobody\""), "no valid chain"),
                Map.entry(good.replace("\"staff/admin\",\n    \"size\"", "\"doctor/dr.lee\",\n    \"size\""), "twice"),
                Map.entry(good.replace("\"seenAt\"", "\"@class\""), "unknown field"),
                Map.entry(good.replaceFirst("\"root\" : \"0000", "\"root\" : \"zz00"), "not 32 bytes in hex"),
                Map.entry(good.replace("\"format\"", "\"format\" : 1, \"format\""), "not readable JSON"),
                Map.entry("{\"format\":" + "[".repeat(50) + "]".repeat(50) + "}", "not readable JSON"));
        cases.forEach((text, reason) -> assertThatThrownBy(() -> HeadMemory.parse(text.getBytes(StandardCharsets.UTF_8)))
                .as(text).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason));
        assertThatThrownBy(() -> HeadMemory.parse(new byte[HeadMemory.MAX_BYTES + 1]))
                .hasMessageContaining("larger than 64 MB");
    }

    @Test
    void anAcceptanceChangedAfterSigningNoLongerVerifies() {
        RollbackAcceptance acceptance = sample().acceptances().get(0);
        acceptance.statement().put("reason", "something else");
        assertThat(acceptance.verifies()).isFalse();
        acceptance.statement().put("publicKey", "00");
        assertThat(acceptance.verifies()).isFalse();
        assertThat(acceptance.keyId()).isNull();
        acceptance.statement().put("publicKey", 1.5);
        assertThat(acceptance.verifies()).isFalse();
    }
}
