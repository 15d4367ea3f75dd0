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
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.store.ChainStore;
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
    /** The clinic key the ledger is founded on; it vouches for every key the fixture registers. */
    final SigningKey clinicKey;
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
        this.clinicKey = newKey();
        ledger().foundClinic(clinicKey);
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
        ChainId chain = new ChainId(party, subject);
        // Members of staff are administrators here, who may sign emergency accesses.
        String role = party == PartyKind.STAFF ? "administrator" : party.code();
        ledger().register(party, subject, key, authorized(chain, key, role));
        owners.put(chain, key);
        (party == PartyKind.DOCTOR ? doctors : party == PartyKind.PATIENT ? patients : staff).add(chain);
        return chain;
    }

    /** A registration payload naming {@code role}, whose key the fixture's clinic key vouches for. */
    byte[] authorized(ChainId chain, SigningKey key, String role) {
        return TestLedger.authorizedPayload(clinicKey, chain, key, Map.of("role", role));
    }

    /**
     * An event between a doctor and a patient, signed by whoever may write it: the doctor, the patient
     * for grants and revocations; an emergency access is the first member of staff's, not the doctor's.
     */
    AppendedEvent between(BlockKind kind, ChainId doctor, ChainId patient) {
        boolean patientActs = kind == BlockKind.ACCESS_GRANTED || kind == BlockKind.ACCESS_REVOKED;
        ChainId actor = kind == BlockKind.EMERGENCY_ACCESS ? staff.get(0) : doctor;
        SigningKey author = owners.get(patientActs ? patient : actor);
        byte[] payload = payload(kind, doctor, patient);
        return ledger().append(EventSpec.between(kind, author, actor, payload, patient, payload));
    }

    /** The chain's owner commits to a new password seal, on their own chain alone. */
    AppendedEvent changePassword(ChainId chain) {
        return ledger().append(EventSpec.single(BlockKind.PASSWORD_CHANGED, owners.get(chain), chain,
                bytes("{\"format\":1,\"sealedKeys\":\"" + hex() + "\"}")));
    }

    AppendedEvent rotateKey(ChainId chain) {
        SigningKey fresh = newKey();
        AppendedEvent event = ledger().append(EventSpec.keyRotation(owners.get(chain), chain, fresh.publicKey()));
        owners.put(chain, fresh);
        return event;
    }

    /**
     * The first member of staff, an administrator, gives the person of {@code chain} a new key: a
     * key recovery on their chain and the administrator's, naming each other.
     */
    AppendedEvent recoverKeys(ChainId chain) {
        SigningKey fresh = newKey();
        AppendedEvent event = ledger().append(EventSpec.keyRecovery(owners.get(staff.get(0)), chain, staff.get(0),
                recoveryPayload(chain, fresh), fresh.publicKey()));
        owners.put(chain, fresh);
        return event;
    }

    /**
     * The first member of staff corrects the demographics of {@code patient}: the patient's block
     * carries a (random) replaced version, the staff member's its hash.
     */
    AppendedEvent correctDemographics(ChainId patient) {
        byte[] replaced = new byte[80];
        byte[] corrected = new byte[80];
        random.nextBytes(replaced);
        random.nextBytes(corrected);
        ChainId by = staff.get(0);
        return ledger().append(EventSpec.between(BlockKind.DEMOGRAPHICS_CORRECTED, owners.get(by), by,
                DemographicsCorrections.staffPayload(patient, by, replaced, corrected), patient,
                DemographicsCorrections.patientPayload(patient, by, replaced, corrected, null)));
    }

    /**
     * The first member of staff, an administrator, deactivates or reactivates the account of
     * {@code chain}: an account-status event on that chain and theirs.
     */
    AppendedEvent setStatus(ChainId chain, boolean active) {
        byte[] payload = payload(BlockKind.ACCOUNT_STATUS, chain, staff.get(0));
        if (active) {
            payload = AccountStatuses.payload(chain, staff.get(0), true, null);
        }
        return ledger().append(EventSpec.between(BlockKind.ACCOUNT_STATUS, owners.get(staff.get(0)), chain, payload,
                staff.get(0), payload));
    }

    /**
     * The first member of staff merges {@code duplicate} into {@code survivor}: a patient-merged
     * event on the duplicate's chain and theirs, with a (random) sealed reason.
     */
    AppendedEvent merge(ChainId duplicate, ChainId survivor) {
        byte[] reason = new byte[48];
        random.nextBytes(reason);
        ChainId by = staff.get(0);
        byte[] payload = PatientMerges.payload(duplicate, survivor, by, reason);
        return ledger().append(EventSpec.between(BlockKind.PATIENT_MERGED, owners.get(by), by, payload, duplicate,
                payload));
    }

    /** The payload of a recovery of {@code chain}'s keys to {@code fresh}, by the first member of staff. */
    byte[] recoveryPayload(ChainId chain, SigningKey fresh) {
        byte[] agreementKey = new byte[32];
        random.nextBytes(agreementKey);
        byte[] sealedReason = new byte[60];
        random.nextBytes(sealedReason);
        return KeyRecoveries.payload(chain, staff.get(0), owners.get(staff.get(0)), fresh.publicKey(), agreementKey,
                hex(), sealedReason);
    }

    /** Two doctors, three patients, and every kind of block at least once. */
    static LedgerFixture everyKind(Path folder) {
        return everyKind(folder, 42);
    }

    /** {@link #everyKind(Path)} with keys drawn from {@code seed}: another seed, another clinic key. */
    static LedgerFixture everyKind(Path folder, long seed) {
        LedgerFixture fixture = new LedgerFixture(folder, seed);
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
        fixture.recoverKeys(doctorB);
        fixture.between(BlockKind.RECORD_ADDED, doctorB, patient3);
        fixture.recoverKeys(patient3);
        fixture.between(BlockKind.ACCESS_REVOKED, doctorA, patient3);
        fixture.correctDemographics(patient2);
        fixture.setStatus(doctorB, false);
        fixture.merge(patient3, patient2);
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

    /**
     * A payload of {@code kind} in its format, about {@code doctor} and {@code patient}, as the
     * services write it; the records it names are not in the record tables (see {@link #verify}).
     */
    byte[] payload(BlockKind kind, ChainId doctor, ChainId patient) {
        String record = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
        return switch (kind) {
            case RECORD_ADDED -> RecordEvents.written(new RecordEvents.Written(record, 1, hex(), hex(), List.of(), 0));
            case RECORD_AMENDED -> RecordEvents.written(new RecordEvents.Written(record, 2, hex(), hex(), List.of(), 1));
            case RECORD_DELETED -> RecordEvents.deleted(record, List.of(1), hex());
            case RECORD_VIEWED -> RecordEvents.viewed(record, 1, null);
            case ACCESS_GRANTED -> AccessEvents.grant(patient, doctor, null);
            case ACCESS_REVOKED -> AccessEvents.revoke(patient, doctor);
            case REFERRAL -> AccessEvents.referral(patient, doctor, doctors.stream()
                    .filter(other -> !other.equals(doctor)).findFirst()
                    .orElse(new ChainId(PartyKind.DOCTOR, "d-elsewhere")));
            case EMERGENCY_ACCESS -> emergency(patient, staff.get(0));
            // Here "patient" is the administrator who deactivates the doctor's account.
            case ACCOUNT_STATUS -> AccountStatuses.payload(doctor, patient, false, java.util.HexFormat.of().parseHex(hex()));
            // Here "doctor" is the member of staff who merges the patient into another.
            case PATIENT_MERGED -> PatientMerges.payload(patient, patients.stream().filter(other -> !other.equals(patient))
                    .findFirst().orElse(new ChainId(PartyKind.PATIENT, "123456789")), doctor, new byte[] {7, 7});
            default -> throw new IllegalArgumentException(kind.code() + " is no event between a doctor and a patient");
        };
    }

    /**
     * An emergency access by {@code by} as the service writes it: a fresh reason hash and the
     * confirmation signed by another administrator of the fixture (one is registered when there is none).
     */
    byte[] emergency(ChainId patient, ChainId by) {
        ChainId second = staff.stream().filter(chain -> !chain.equals(by)).findFirst()
                .orElseGet(() -> register(PartyKind.STAFF));
        String reasonHash = hex();
        String confirmation = EmergencyConfirmation.sign(owners.get(second), patient, by, reasonHash, second.value());
        return AccessEvents.emergency(patient, by, reasonHash, second.value(), confirmation);
    }

    private String hex() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return org.clinicledger.crypto.Hex.encode(bytes);
    }

    /**
     * Verifies the chains alone: the fixture writes blocks through the ledger without the records,
     * accounts and files the services keep beside them, which {@code Workspace#verify} also checks.
     */
    VerificationReport verify() {
        return verify(null);
    }

    VerificationReport verify(ClinicFingerprint expected) {
        return new ChainVerifier(workspace.database(), new ChainStore()).verify(Progress.NONE, expected);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
