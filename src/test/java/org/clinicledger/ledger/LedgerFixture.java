package org.clinicledger.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.testing.TestLedger;

/**
 * Builds real ledgers in a real data folder for tests: doctors and patients with their own keys,
 * and events of every kind between them.
 */
final class LedgerFixture {

    final Workspace workspace;
    final Map<ChainId, SigningKey> owners = new LinkedHashMap<>();
    final List<ChainId> doctors = new ArrayList<>();
    final List<ChainId> patients = new ArrayList<>();
    /** Members of staff: who signs emergency accesses. */
    final List<ChainId> staff = new ArrayList<>();
    private final Random random;
    private long millis = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();

    LedgerFixture(Path folder, long seed) {
        this.random = new Random(seed);
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis += 1 + random.nextInt(1000));
            }
        };
        this.workspace = Workspace.open(folder, true, ticking);
    }

    TestLedger ledger() {
        return TestLedger.of(workspace);
    }

    SigningKey newKey() {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new SigningKey(Ed25519.KeyPair.fromSeed(seed));
    }

    ChainId register(PartyKind party) {
        SigningKey key = newKey();
        String subject = party.code().charAt(0) + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        // Members of staff are administrators here, who may sign emergency accesses.
        ledger().register(party, subject, key, party == PartyKind.STAFF ? bytes("{\"role\":\"administrator\"}")
                : bytes("registration of " + subject));
        ChainId chain = new ChainId(party, subject);
        owners.put(chain, key);
        (party == PartyKind.DOCTOR ? doctors : party == PartyKind.PATIENT ? patients : staff).add(chain);
        return chain;
    }

    /**
     * An event between a doctor and a patient, signed by whoever may write it: the doctor, the patient
     * for grants and revocations; an emergency access is the first member of staff's, not the doctor's.
     */
    AppendedEvent between(BlockKind kind, ChainId doctor, ChainId patient) {
        boolean patientActs = kind == BlockKind.ACCESS_GRANTED || kind == BlockKind.ACCESS_REVOKED;
        ChainId actor = kind == BlockKind.EMERGENCY_ACCESS ? staff.get(0) : doctor;
        SigningKey author = owners.get(patientActs ? patient : actor);
        return ledger().append(EventSpec.between(kind, author, actor, payload(kind), patient, payload(kind)));
    }

    /** The chain's owner commits to a new password seal, on their own chain alone. */
    AppendedEvent changePassword(ChainId chain) {
        return ledger().append(EventSpec.single(BlockKind.PASSWORD_CHANGED, owners.get(chain), chain,
                payload(BlockKind.PASSWORD_CHANGED)));
    }

    AppendedEvent rotateKey(ChainId chain) {
        SigningKey fresh = newKey();
        AppendedEvent event = ledger().append(EventSpec.keyRotation(owners.get(chain), chain, fresh.publicKey()));
        owners.put(chain, fresh);
        return event;
    }

    /** Two doctors, three patients, and every kind of block at least once. */
    static LedgerFixture everyKind(Path folder) {
        LedgerFixture fixture = new LedgerFixture(folder, 42);
        ChainId doctorA = fixture.register(PartyKind.DOCTOR);
        ChainId doctorB = fixture.register(PartyKind.DOCTOR);
        ChainId patient1 = fixture.register(PartyKind.PATIENT);
        ChainId patient2 = fixture.register(PartyKind.PATIENT);
        ChainId patient3 = fixture.register(PartyKind.PATIENT);
        fixture.register(PartyKind.STAFF);
        fixture.between(BlockKind.ACCESS_GRANTED, doctorA, patient1);
        fixture.between(BlockKind.RECORD_ADDED, doctorA, patient1);
        fixture.between(BlockKind.RECORD_VIEWED, doctorA, patient1);
        fixture.between(BlockKind.RECORD_AMENDED, doctorA, patient1);
        fixture.between(BlockKind.REFERRAL, doctorA, patient1);
        fixture.changePassword(doctorA);
        fixture.changePassword(patient1);
        fixture.between(BlockKind.ACCESS_GRANTED, doctorB, patient1);
        fixture.between(BlockKind.RECORD_ADDED, doctorB, patient1);
        fixture.between(BlockKind.RECORD_DELETED, doctorA, patient1);
        fixture.between(BlockKind.ACCESS_REVOKED, doctorA, patient1);
        fixture.between(BlockKind.EMERGENCY_ACCESS, doctorB, patient2);
        fixture.between(BlockKind.RECORD_ADDED, doctorB, patient3);
        fixture.rotateKey(doctorB);
        fixture.between(BlockKind.RECORD_ADDED, doctorB, patient2);
        fixture.rotateKey(patient3);
        fixture.between(BlockKind.ACCESS_GRANTED, doctorA, patient3);
        return fixture;
    }

    /** A random ledger: {@code events} events among a few doctors and patients. */
    static LedgerFixture random(Path folder, long seed, int events) {
        LedgerFixture fixture = new LedgerFixture(folder, seed);
        int doctors = 1 + fixture.random.nextInt(4);
        int patients = 1 + fixture.random.nextInt(8);
        for (int i = 0; i < doctors; i++) {
            fixture.register(PartyKind.DOCTOR);
        }
        for (int i = 0; i < patients; i++) {
            fixture.register(PartyKind.PATIENT);
        }
        fixture.register(PartyKind.STAFF);
        BlockKind[] twoParty = {BlockKind.RECORD_ADDED, BlockKind.RECORD_AMENDED, BlockKind.RECORD_DELETED,
            BlockKind.REFERRAL, BlockKind.ACCESS_GRANTED, BlockKind.ACCESS_REVOKED, BlockKind.RECORD_VIEWED,
            BlockKind.EMERGENCY_ACCESS};
        for (int i = 0; i < events; i++) {
            ChainId doctor = fixture.doctors.get(fixture.random.nextInt(fixture.doctors.size()));
            ChainId patient = fixture.patients.get(fixture.random.nextInt(fixture.patients.size()));
            int choice = fixture.random.nextInt(twoParty.length + 1);
            if (choice == twoParty.length) {
                fixture.rotateKey(fixture.random.nextBoolean() ? doctor : patient);
            } else {
                fixture.between(twoParty[choice], doctor, patient);
            }
        }
        return fixture;
    }

    private byte[] payload(BlockKind kind) {
        byte[] payload = new byte[16 + random.nextInt(48)];
        random.nextBytes(payload);
        return payload;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
