package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.store.BlockRow;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgeries that pass every hash and signature check, as someone could make them who holds some
 * keys of the clinic (a patient's, a doctor's, a receptionist's, the node key) or a key of their
 * own, and write access to the data folder. Each is appended with correct links, heads and
 * derived tables, and each must be named by {@code verify} at its chain and height with the reason
 * code of the one rule it breaks, so that every rule of the verifier is needed by some test here.
 */
class ForgeryTest {

    @TempDir
    Path temp;

    private LedgerFixture fixture;
    private ChainId doctor;
    private ChainId otherDoctor;
    private ChainId patient;
    private ChainId otherPatient;
    private ChainId administrator;
    private ChainId receptionist;

    private int builds;

    @BeforeEach
    void buildLedger() {
        fixture = LedgerFixture.everyKind(temp.resolve("data-" + builds++));
        doctor = fixture.doctors.get(0);
        otherDoctor = fixture.doctors.get(1);
        patient = fixture.patients.get(0);
        otherPatient = fixture.patients.get(1);
        administrator = fixture.staff.get(0);
        receptionist = registerAuthorized(PartyKind.STAFF, "desk", "receptionist");
        assertThat(report().problems()).as("the fixture itself").isEmpty();
    }

    // ---- every kind signed by every key that may not sign it

    /** Who may sign each kind, on which chain, with which counterpart, as the fixture writes it. */
    private record Act(BlockKind kind, ChainId chain, ChainId counterpart, PartyKind actor) {
    }

    private List<Act> acts() {
        List<Act> acts = new ArrayList<>();
        for (BlockKind kind : List.of(BlockKind.RECORD_ADDED, BlockKind.RECORD_AMENDED, BlockKind.RECORD_DELETED,
                BlockKind.RECORD_VIEWED)) {
            acts.add(new Act(kind, patient, doctor, PartyKind.DOCTOR));
        }
        acts.add(new Act(BlockKind.REFERRAL, doctor, patient, PartyKind.DOCTOR));
        acts.add(new Act(BlockKind.ACCESS_GRANTED, doctor, patient, PartyKind.PATIENT));
        acts.add(new Act(BlockKind.ACCESS_REVOKED, doctor, patient, PartyKind.PATIENT));
        acts.add(new Act(BlockKind.EMERGENCY_ACCESS, administrator, otherPatient, PartyKind.STAFF));
        acts.add(new Act(BlockKind.ACCOUNT_STATUS, doctor, administrator, PartyKind.STAFF));
        acts.add(new Act(BlockKind.DEMOGRAPHICS_CORRECTED, receptionist, patient, PartyKind.STAFF));
        acts.add(new Act(BlockKind.PATIENT_MERGED, patient, administrator, PartyKind.STAFF));
        return acts;
    }

    /** Every registered key of a person, by who holds it. */
    private Map<String, ChainId> people() {
        Map<String, ChainId> people = new java.util.LinkedHashMap<>();
        people.put("the patient", patient);
        people.put("another patient", otherPatient);
        people.put("the doctor", doctor);
        people.put("another doctor", otherDoctor);
        people.put("a receptionist", receptionist);
        people.put("an administrator", administrator);
        return people;
    }

    private Act act(BlockKind kind) {
        return acts().stream().filter(candidate -> candidate.kind() == kind).findFirst().orElseThrow();
    }

    @TestFactory
    Stream<DynamicTest> everyKindSignedByAKeyThatMayNotSignItIsNamed() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Act act : acts()) {
            BlockKind kind = act.kind();
            for (Map.Entry<String, ChainId> signer : people().entrySet()) {
                if (mayAct(act, signer.getValue())) {
                    continue;
                }
                String name = signer.getKey();
                tests.add(DynamicTest.dynamicTest(kind.code() + " signed by " + name, () -> {
                    buildLedger();
                    Act fresh = act(kind);
                    long height = size(fresh.chain());
                    append(kind, fixture.owners.get(people().get(name)), fresh.chain(), fresh.counterpart());
                    assertNamed(fresh.chain(), height, ProblemCode.AUTHORITY);
                }));
            }
            tests.add(DynamicTest.dynamicTest(kind.code() + " signed by the node key", () -> {
                buildLedger();
                Act fresh = act(kind);
                long height = size(fresh.chain());
                append(kind, nodeKey(), fresh.chain(), fresh.counterpart());
                assertNamed(fresh.chain(), height, ProblemCode.AUTHORITY);
            }));
            tests.add(DynamicTest.dynamicTest(kind.code() + " signed by a key of the signer's own making", () -> {
                buildLedger();
                Act fresh = act(kind);
                // The intruder registers a chain of the right party for themselves, with no one vouching for it.
                SigningKey key = fixture.newKey();
                ChainId intruder = new ChainId(fresh.actor(), "intruder");
                String role = fresh.actor() == PartyKind.STAFF ? "administrator" : fresh.actor().code();
                fixture.ledger().register(fresh.actor(), "intruder", key,
                        LedgerFixture.bytes("{\"role\":\"" + role + "\"}"));
                boolean actorOnChain = fresh.actor() == fresh.chain().party();
                ChainId chain = actorOnChain ? intruder : fresh.chain();
                ChainId counterpart = actorOnChain ? fresh.counterpart() : intruder;
                ChainId other = actorOnChain ? counterpart : chain;
                long height = size(other);
                append(kind, key, chain, counterpart);
                VerificationReport report = report();
                assertNamedIn(report, intruder, 0, ProblemCode.UNAUTHORIZED_KEY);
                assertNamedIn(report, other, height, ProblemCode.UNAUTHORIZED_KEY);
            }));
        }
        return tests.stream();
    }

    private boolean mayAct(Act act, ChainId signer) {
        PartyKind party = signer.party();
        if (act.kind() == BlockKind.EMERGENCY_ACCESS || act.kind() == BlockKind.ACCOUNT_STATUS) {
            return signer.equals(administrator);
        }
        if (act.kind() == BlockKind.RECORD_VIEWED) {
            return signer.equals(doctor);
        }
        return party == act.actor() && (signer.equals(act.chain()) || signer.equals(act.counterpart()));
    }

    @Test
    void aKeyRotationSignedWithAnotherPersonsKeyIsNamed() {
        long height = size(doctor);
        fixture.ledger().append(EventSpec.keyRotation(fixture.owners.get(otherDoctor), doctor,
                fixture.newKey().publicKey()));
        assertOnly(doctor, height, ProblemCode.ROTATION_SIGNER);
    }

    @Test
    void aBlockSignedWithARetiredKeyIsNamed() {
        SigningKey retired = fixture.owners.get(doctor);
        fixture.rotateKey(doctor);
        long height = size(doctor);
        append(BlockKind.RECORD_ADDED, retired, patient, doctor);
        VerificationReport report = report();
        assertNamedIn(report, doctor, height, ProblemCode.RETIRED_KEY);
        assertThat(report.problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.RETIRED_KEY);
    }

    // ---- key recovery

    /** Who signs a forged recovery of the patient's keys, and the chain they write its other side to. */
    @TestFactory
    Stream<DynamicTest> aKeyRecoverySignedByAKeyThatMayNotSignItIsNamed() {
        Map<String, java.util.function.Supplier<SigningKey>> signers = new java.util.LinkedHashMap<>();
        signers.put("a doctor", () -> fixture.owners.get(doctor));
        signers.put("a receptionist", () -> fixture.owners.get(receptionist));
        signers.put("the person themselves", () -> fixture.owners.get(patient));
        signers.put("the node key", this::nodeKey);
        Map<String, java.util.function.Supplier<ChainId>> otherSides = Map.of("a doctor", () -> doctor,
                "a receptionist", () -> receptionist, "the person themselves", () -> administrator,
                "the node key", () -> administrator);
        List<DynamicTest> tests = new ArrayList<>();
        signers.forEach((name, signer) -> tests.add(DynamicTest.dynamicTest("key-recovered signed by " + name, () -> {
            buildLedger();
            long height = size(patient);
            SigningKey fresh = fixture.newKey();
            ChainId by = otherSides.get(name).get();
            byte[] payload = by.party() == PartyKind.STAFF
                    ? KeyRecoveries.payload(patient, by, signer.get(), fresh.publicKey(), new byte[32], hex64(),
                            new byte[60])
                    : fixture.recoveryPayload(patient, fresh);
            fixture.ledger().append(EventSpec.keyRecovery(signer.get(), patient, by, payload, fresh.publicKey()));
            assertNamed(patient, height, ProblemCode.AUTHORITY);
        })));
        return tests.stream();
    }

    @Test
    void anHonestKeyRecoveryRetiresThePersonsOldKey() {
        SigningKey old = fixture.owners.get(patient);
        fixture.recoverKeys(patient);
        assertThat(report().problems()).isEmpty();
        long height = size(patient);
        Forger forger = new Forger(fixture.workspace);
        forger.write(forger.next(patient, BlockKind.RECORD_VIEWED, old, viewed()));
        assertOnly(patient, height, ProblemCode.RETIRED_KEY);
    }

    @Test
    void aKeyRecoveryOfAChainThatDoesNotExistIsNamed() {
        ChainId nobody = new ChainId(PartyKind.PATIENT, "999999999");
        SigningKey fresh = fixture.newKey();
        Forger forger = new Forger(fixture.workspace);
        byte[] payload = KeyRecoveries.payload(nobody, administrator, fixture.owners.get(administrator),
                fresh.publicKey(), new byte[32], hex64(), new byte[60]);
        Forger.Draft draft = forger.next(administrator, BlockKind.KEY_RECOVERED, fixture.owners.get(administrator),
                payload).subjectKey(null);
        forger.write(draft.counterpart(nobody.value(), 7L, draft.eventId()));
        assertOnly(administrator, draft.height(), ProblemCode.COUNTERPART_MISSING);
    }

    @Test
    void aKeyRecoveryWithoutAnAuthorizationIsNamed() throws Exception {
        long height = size(patient);
        SigningKey fresh = fixture.newKey();
        com.fasterxml.jackson.databind.node.ObjectNode fields = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(fixture.recoveryPayload(patient, fresh));
        fields.remove("authorization");
        byte[] payload = org.clinicledger.crypto.CanonicalJson.encode(fields);
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(administrator), patient, administrator,
                payload, fresh.publicKey()));
        assertOnlyCode(patient, height, ProblemCode.UNAUTHORIZED_KEY, "carries no authorization");
    }

    @Test
    void aKeyRecoveryVouchedForByAnotherKeyThanTheSignersIsNamed() {
        long height = size(patient);
        SigningKey fresh = fixture.newKey();
        // The receptionist's authorization, pasted into a recovery the administrator signs.
        byte[] payload = KeyRecoveries.payload(patient, administrator, fixture.owners.get(receptionist),
                fresh.publicKey(), new byte[32], hex64(), new byte[60]);
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(administrator), patient, administrator,
                payload, fresh.publicKey()));
        assertOnlyCode(patient, height, ProblemCode.UNAUTHORIZED_KEY, "not by the administrator who signed");
    }

    @Test
    void aRecoveredKeyUsedBeforeItsBlockIsNamed() {
        SigningKey fresh = fixture.newKey();
        Forger forger = new Forger(fixture.workspace);
        long early = size(patient);
        forger.write(forger.next(patient, BlockKind.RECORD_VIEWED, fresh, viewed()));
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(administrator), patient, administrator,
                fixture.recoveryPayload(patient, fresh), fresh.publicKey()));
        assertOnly(patient, early, ProblemCode.EARLY_KEY);
    }

    @Test
    void anAdministratorRecoveringTheirOwnKeysIsNamed() {
        ChainId second = registerAuthorized(PartyKind.STAFF, "second", "administrator");
        long height = size(administrator);
        SigningKey fresh = fixture.newKey();
        // The administrator writes the recovery of their own chain, with a second administrator's chain as the other side.
        com.fasterxml.jackson.databind.node.ObjectNode fields;
        try {
            fields = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(KeyRecoveries.payload(administrator, second, fixture.owners.get(administrator),
                            fresh.publicKey(), new byte[32], hex64(), new byte[60]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        fields.put("by", administrator.value());
        byte[] payload = org.clinicledger.crypto.CanonicalJson.encode(fields);
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(administrator), administrator, second,
                payload, fresh.publicKey()));
        assertNamed(administrator, height, ProblemCode.PAYLOAD);
        assertThat(report().problems()).anySatisfy(problem -> assertThat(problem.reason()).contains("never their own"));
    }

    @Test
    void aPatientsRecoveryWithTheirOwnCopyOnTheirBlockAloneIsIntact() {
        SigningKey fresh = fixture.newKey();
        byte[] payload = fixture.recoveryPayload(patient, fresh);
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(administrator), patient,
                KeyRecoveries.withOwnDetails(payload, new byte[200]), administrator, payload, fresh.publicKey()));
        assertThat(report().problems()).isEmpty();
    }

    @Test
    void aRecoveryWhoseAdministratorsBlockCarriesThePatientsOwnCopyIsNamed() {
        long height = size(administrator);
        SigningKey fresh = fixture.newKey();
        byte[] payload = KeyRecoveries.withOwnDetails(fixture.recoveryPayload(patient, fresh), new byte[200]);
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(administrator), patient, payload,
                administrator, payload, fresh.publicKey()));
        assertOnlyCode(administrator, height, ProblemCode.PAYLOAD, "administrator's block of a recovery carries");
    }

    @Test
    void aDoctorsRecoveryCarryingAPatientsOwnCopyIsNamed() {
        long height = size(doctor);
        SigningKey fresh = fixture.newKey();
        byte[] payload = fixture.recoveryPayload(doctor, fresh);
        fixture.ledger().append(EventSpec.keyRecovery(fixture.owners.get(administrator), doctor,
                KeyRecoveries.withOwnDetails(payload, new byte[200]), administrator, payload, fresh.publicKey()));
        assertOnlyCode(doctor, height, ProblemCode.PAYLOAD, "the recovery of a doctor's keys carries");
    }

    @Test
    void aKeyRecoveryOnOneChainAloneIsNamed() {
        SigningKey fresh = fixture.newKey();
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft draft = forger.next(patient, BlockKind.KEY_RECOVERED, fixture.owners.get(administrator),
                fixture.recoveryPayload(patient, fresh)).subjectKey(fresh.publicKey());
        forger.write(draft);
        assertNamed(patient, draft.height(), ProblemCode.AUTHORITY);
    }

    private static String hex64() {
        return "ab".repeat(32);
    }

    // ---- registrations and the clinic key

    @Test
    void aRegistrationVouchedForByAPatientIsNamed() {
        assertUnauthorized(PartyKind.DOCTOR, "dr.fake", patient, "may not authorize a doctor's key");
    }

    @Test
    void anAdministratorVouchedForByAReceptionistIsNamed() {
        assertUnauthorized(PartyKind.STAFF, "boss", receptionist, "a receptionist, who may not authorize a staff's key");
    }

    @Test
    void aMachineVouchedForByAnAdministratorIsNamed() {
        assertUnauthorized(PartyKind.NODE, "laptop", administrator, "may not authorize a machine's key");
    }

    @Test
    void aRegistrationVouchedForByAnUnvouchedKeyIsNamed() {
        SigningKey rogue = fixture.newKey();
        ChainId rogueChain = new ChainId(PartyKind.STAFF, "rogue");
        fixture.ledger().register(PartyKind.STAFF, "rogue", rogue, LedgerFixture.bytes("{\"role\":\"administrator\"}"));
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.rogue");
        fixture.ledger().register(PartyKind.DOCTOR, "dr.rogue", key,
                TestLedger.authorizedPayload(rogue, chain, key, Map.of("role", "doctor")));
        VerificationReport report = report();
        assertNamedIn(report, rogueChain, 0, ProblemCode.UNAUTHORIZED_KEY);
        assertThat(report.problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(chain.value());
            assertThat(problem.code()).isEqualTo(ProblemCode.UNAUTHORIZED_KEY);
            assertThat(problem.reason()).contains("staff/rogue, which the clinic does not vouch for");
        });
    }

    @Test
    void administratorsWhoVouchForEachOtherReachNoClinicKeyAndNeitherDoesWhomTheyVouchFor() {
        SigningKey first = fixture.newKey();
        SigningKey second = fixture.newKey();
        ChainId firstChain = new ChainId(PartyKind.STAFF, "loop.a");
        ChainId secondChain = new ChainId(PartyKind.STAFF, "loop.b");
        fixture.ledger().register(PartyKind.STAFF, "loop.a", first,
                TestLedger.authorizedPayload(second, firstChain, first, Map.of("role", "administrator")));
        fixture.ledger().register(PartyKind.STAFF, "loop.b", second,
                TestLedger.authorizedPayload(first, secondChain, second, Map.of("role", "administrator")));
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.loop");
        fixture.ledger().register(PartyKind.DOCTOR, "dr.loop", key,
                TestLedger.authorizedPayload(first, chain, key, Map.of("role", "doctor")));
        VerificationReport report = report();
        assertNamedIn(report, firstChain, 0, ProblemCode.UNAUTHORIZED_KEY);
        assertNamedIn(report, secondChain, 0, ProblemCode.UNAUTHORIZED_KEY);
        assertThat(report.problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(chain.value());
            assertThat(problem.code()).isEqualTo(ProblemCode.UNAUTHORIZED_KEY);
            assertThat(problem.reason()).contains("staff/loop.a, which the clinic does not vouch for");
        });
    }

    @Test
    void anAuthorizationCopiedFromAnotherRegistrationIsNamed() throws Exception {
        // The clinic's signature over one chain and key, pasted into the registration of another key.
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.copy");
        byte[] genuine = TestLedger.authorizedPayload(fixture.clinicKey, chain, fixture.newKey(), Map.of("role", "doctor"));
        fixture.ledger().register(PartyKind.DOCTOR, "dr.copy", key, genuine);
        assertOnlyCode(chain, 0, ProblemCode.UNAUTHORIZED_KEY, "does not verify");
    }

    @Test
    void aRegistrationNotSignedByTheKeyItRegistersIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.proxy");
        byte[] payload = fixture.authorized(chain, key, "doctor");
        forger.write(forger.next(chain, BlockKind.REGISTRATION, fixture.owners.get(administrator), payload)
                .subjectKey(key.publicKey()));
        assertOnly(chain, 0, ProblemCode.SELF_SIGNED);
    }

    @Test
    void aSecondClinicKeyIsNamedAndTheFingerprintDecidesWhichCounts() {
        SigningKey impostor = fixture.newKey();
        new Forger(fixture.workspace).write(new Forger(fixture.workspace)
                .next(new ChainId(PartyKind.CLINIC, impostor.keyId()), BlockKind.REGISTRATION, impostor,
                        LedgerFixture.bytes("{}")));
        VerificationReport report = report();
        assertThat(report.clinicKey()).as("no key can be told from the other").isNull();
        assertThat(report.problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.CLINIC_ROOT);
        VerificationReport anchored = fixture.verify(ClinicRoot.fingerprint(fixture.clinicKey.publicKey()));
        assertThat(anchored.clinicKey()).isEqualTo(ClinicRoot.fingerprint(fixture.clinicKey.publicKey()));
        assertThat(anchored.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.chain()).isEqualTo("clinic/" + impostor.keyId());
            assertThat(problem.code()).isEqualTo(ProblemCode.CLINIC_ROOT);
        });
    }

    @Test
    void aLedgerRebuiltUnderAnotherClinicKeyIsCaughtByTheFingerprint() {
        LedgerFixture rebuilt = LedgerFixture.everyKind(temp.resolve("rebuilt"), 4242);
        assertThat(rebuilt.verify().ok()).as("consistent in itself").isTrue();
        VerificationReport report = rebuilt.verify(ClinicRoot.fingerprint(fixture.clinicKey.publicKey()));
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CLINIC_ROOT);
            assertThat(problem.reason()).contains("not to the expected "
                    + ClinicRoot.fingerprint(fixture.clinicKey.publicKey()).grouped());
        });
    }

    @Test
    void historyRewrittenUnderAMadeUpNodeKeyIsNamed() throws Exception {
        // The attacker makes a node key and a patient key of their own, deletes the patient's chain and
        // writes it anew with them: every hash, link, signature and head of the new chain is right.
        SigningKey madeUpNode = fixture.newKey();
        ChainId madeUpChain = new ChainId(PartyKind.NODE, madeUpNode.keyId());
        fixture.ledger().register(PartyKind.NODE, madeUpNode.keyId(), madeUpNode, LedgerFixture.bytes("{}"));
        RawTables raw = new RawTables(fixture.workspace.root());
        raw.update("DROP TRIGGER blocks_are_never_deleted");
        raw.update("DROP TRIGGER signed_heads_are_never_deleted");
        raw.update("DELETE FROM blocks WHERE chain_id = ?", otherPatient.value());
        raw.update("DELETE FROM signed_heads WHERE chain_id = ?", otherPatient.value());
        raw.update("DELETE FROM chains WHERE chain_id = ?", otherPatient.value());
        raw.update("DELETE FROM author_keys WHERE chain_id = ?", otherPatient.value());
        Ledger attacker = new Ledger(madeUpNode, java.time.Clock.systemUTC());
        SigningKey madeUpPatient = fixture.newKey();
        fixture.workspace.database().write("rewrite", work -> attacker.register(work, PartyKind.PATIENT,
                otherPatient.subject(), madeUpPatient, LedgerFixture.bytes("{\"role\":\"patient\"}")));
        VerificationReport report = report();
        assertNamedIn(report, madeUpChain, 0, ProblemCode.UNAUTHORIZED_KEY);
        assertNamedIn(report, otherPatient, 0, ProblemCode.UNAUTHORIZED_KEY);
        assertNamedIn(report, otherPatient, 0, ProblemCode.HEAD_KEY);
    }

    // ---- one chain's structure, forged with the node key and a person's key

    @Test
    void aForkAtTheRightHeightIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = nextRotation(forger);
        byte[] grandparent = block(doctor, next.height() - 2).hash();
        forger.write(next.previousHash(grandparent));
        assertOnly(doctor, next.height(), ProblemCode.PREVIOUS_LINK);
    }

    @Test
    void aBlockDatedBeforeTheOneBeforeItIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = nextRotation(forger);
        forger.write(next.createdAt(next.createdAt() - 60_000));
        assertOnly(doctor, next.height(), ProblemCode.DATE_ORDER);
    }

    @Test
    void aRegistrationInsideAChainIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        SigningKey key = fixture.newKey();
        Forger.Draft next = forger.next(doctor, BlockKind.REGISTRATION, key, fixture.authorized(doctor, key, "doctor"));
        forger.write(next);
        assertOnly(doctor, next.height(), ProblemCode.REGISTRATION_INSIDE);
    }

    @Test
    void aChainThatDoesNotBeginWithARegistrationIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.headless");
        forger.write(forger.next(chain, BlockKind.KEY_ROTATED, key, new byte[0]));
        assertOnly(chain, 0, ProblemCode.GENESIS);
    }

    @Test
    void skippedHeightsAreNamed() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = nextRotation(forger);
        forger.write(next.height(next.height() + 1));
        assertOnlyCode(doctor, next.height(), ProblemCode.MISSING_BLOCKS, "block " + next.height() + " is missing");
    }

    @Test
    void severalSkippedHeightsAreNamedAsOneRange() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = nextRotation(forger);
        forger.write(next.height(next.height() + 3));
        assertOnlyCode(doctor, next.height(), ProblemCode.MISSING_BLOCKS,
                "blocks " + next.height() + " to " + (next.height() + 2) + " are missing");
    }

    @Test
    void aKindTheLedgerNeverWritesIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = forger.next(doctor, BlockKind.REFERRAL, fixture.owners.get(doctor), viewed());
        forger.write(next.kind("record-sealed"));
        assertOnly(doctor, next.height(), ProblemCode.UNKNOWN_KIND);
    }

    @Test
    void aKeyOnABlockWhoseKindNamesNoneIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = forger.next(patient, BlockKind.RECORD_VIEWED, fixture.owners.get(patient), viewed());
        forger.write(next.subjectKey(fixture.newKey().publicKey()));
        assertOnly(patient, next.height(), ProblemCode.SUBJECT_KEY);
    }

    @Test
    void aRotationToAKeyThatIsNoCurvePointIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        byte[] smallOrder = new byte[32];
        smallOrder[0] = 1; // the neutral point: any signature "verifies" under it in a lax verifier
        Forger.Draft next = forger.next(doctor, BlockKind.KEY_ROTATED, fixture.owners.get(doctor), new byte[0])
                .subjectKey(smallOrder);
        forger.write(next);
        assertOnly(doctor, next.height(), ProblemCode.SUBJECT_KEY);
    }

    @Test
    void aKeyRegisteredTwiceIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        SigningKey taken = fixture.owners.get(doctor);
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.twin");
        forger.write(forger.next(chain, BlockKind.REGISTRATION, taken, fixture.authorized(chain, taken, "doctor")));
        assertOnly(chain, 0, ProblemCode.DUPLICATE_KEY);
    }

    @Test
    void aHeadDatedBeforeAnEarlierHeadIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = nextRotation(forger);
        forger.write(next.headSignedAt(next.createdAt() - 3_600_000));
        assertOnly(doctor, next.height(), ProblemCode.HEAD_DATE);
    }

    @Test
    void aCounterpartThatNamesAnotherEventIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        SigningKey key = fixture.owners.get(patient);
        Forger.Draft onPatient = forger.next(patient, BlockKind.RECORD_VIEWED, key, viewed());
        Forger.Draft onDoctor = forger.next(doctor, BlockKind.RECORD_VIEWED, key, viewed());
        forger.write(onPatient.counterpart(doctor.value(), onDoctor.height(), onPatient.eventId()));
        forger.write(onDoctor.counterpart(patient.value(), onPatient.height(), "another event"));
        VerificationReport report = report();
        assertNamedIn(report, patient, onPatient.height(), ProblemCode.COUNTERPART_MISMATCH);
        assertNamedIn(report, doctor, onDoctor.height(), ProblemCode.COUNTERPART_MISMATCH);
    }

    @Test
    void aCounterpartThatIsNotThereIsNamed() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = forger.next(patient, BlockKind.RECORD_VIEWED, fixture.owners.get(doctor), viewed());
        forger.write(next.counterpart(doctor.value(), size(doctor) + 5, next.eventId()));
        assertOnly(patient, next.height(), ProblemCode.COUNTERPART_MISSING);
    }

    @Test
    void aBlockOnAChainWhoseIdIsGarbageIsNamedAndVerifyDoesNotFail() throws Exception {
        RawTables raw = new RawTables(fixture.workspace.root());
        raw.update("DROP TRIGGER blocks_are_never_updated");
        raw.update("UPDATE blocks SET chain_id = ? WHERE chain_id = ? AND height = 1", "\u0007../x\ny",
                otherPatient.value());
        assertThat(report().problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo("\u0007../x\ny");
            assertThat(problem.code()).isEqualTo(ProblemCode.CHAIN_ID);
        });
    }

    // ---- payloads read as their kind's format

    @Test
    void aGrantThatNamesAnotherPatientIsNamedOnBothChains() {
        long onDoctor = size(doctor);
        long onPatient = size(patient);
        byte[] payload = AccessEvents.grant(otherPatient, doctor, null);
        fixture.ledger().append(EventSpec.between(BlockKind.ACCESS_GRANTED, fixture.owners.get(patient), doctor,
                payload, patient, payload));
        VerificationReport report = report();
        assertThat(report.problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.PAYLOAD);
        assertNamedIn(report, doctor, onDoctor, ProblemCode.PAYLOAD);
        assertNamedIn(report, patient, onPatient, ProblemCode.PAYLOAD);
    }

    @Test
    void aReferralThatSaysAnotherDoctorReferredIsNamed() {
        long height = size(doctor);
        byte[] payload = AccessEvents.referral(patient, otherDoctor, new ChainId(PartyKind.DOCTOR, "dr.third"));
        fixture.ledger().append(EventSpec.between(BlockKind.REFERRAL, fixture.owners.get(doctor), doctor, payload,
                patient, payload));
        assertThat(report().problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.PAYLOAD);
        assertNamed(doctor, height, ProblemCode.PAYLOAD);
    }

    @Test
    void anEmergencySignedByOneAdministratorInTheNameOfAnotherIsNamed() {
        ChainId second = registerAuthorized(PartyKind.STAFF, "second", "administrator");
        long height = size(otherPatient);
        byte[] payload = fixture.emergency(otherPatient, second);
        fixture.ledger().append(EventSpec.between(BlockKind.EMERGENCY_ACCESS, fixture.owners.get(administrator),
                administrator, payload, otherPatient, payload));
        assertThat(report().problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.PAYLOAD);
        assertNamed(otherPatient, height, ProblemCode.PAYLOAD);
    }

    // ---- emergency confirmations that did not happen

    /** An emergency access by the fixture's administrator to {@code patient} claiming {@code confirmedBy}, signed by {@code signer}. */
    private void appendEmergency(ChainId on, String confirmedBy, SigningKey signer, String reasonHash) {
        String confirmation = EmergencyConfirmation.sign(signer, on, administrator, reasonHash, confirmedBy);
        byte[] payload = AccessEvents.emergency(on, administrator, reasonHash, confirmedBy, confirmation);
        fixture.ledger().append(EventSpec.between(BlockKind.EMERGENCY_ACCESS, fixture.owners.get(administrator),
                administrator, payload, on, payload));
    }

    private static String reasonHash(int seed) {
        return org.clinicledger.crypto.Hex.encode(org.clinicledger.crypto.Sha256.digest(new byte[] {(byte) seed}));
    }

    @Test
    void anEmergencyWhoseSecondAdministratorsConfirmationTheActorSignedIsNamed() {
        ChainId second = registerAuthorized(PartyKind.STAFF, "second", "administrator");
        long height = size(otherPatient);
        appendEmergency(otherPatient, second.value(), fixture.owners.get(administrator), reasonHash(1));
        assertOnly(otherPatient, height, ProblemCode.EMERGENCY_CONFIRMATION);
    }

    @Test
    void anEmergencyConfirmedByAReceptionistIsNamed() {
        long height = size(otherPatient);
        appendEmergency(otherPatient, receptionist.value(), fixture.owners.get(receptionist), reasonHash(2));
        assertOnlyCode(otherPatient, height, ProblemCode.EMERGENCY_CONFIRMATION, "no administrator");
    }

    @Test
    void anEmergencyConfirmedByTheActorThemselfIsNamed() {
        long height = size(otherPatient);
        appendEmergency(otherPatient, administrator.value(), fixture.owners.get(administrator), reasonHash(3));
        assertNamed(otherPatient, height, ProblemCode.PAYLOAD);
    }

    @Test
    void anEmergencyClaimingTheRecoverySheetSignedWithAnotherKeyIsNamed() {
        long height = size(otherPatient);
        appendEmergency(otherPatient, EmergencyConfirmation.RECOVERY_SHEET, fixture.newKey(), reasonHash(4));
        assertOnly(otherPatient, height, ProblemCode.EMERGENCY_CONFIRMATION);
    }

    @Test
    void aConfirmationCopiedFromAnotherPatientsEmergencyIsNamed() throws Exception {
        ChainId second = registerAuthorized(PartyKind.STAFF, "second", "administrator");
        String reason = reasonHash(5);
        // Honest for the other patient...
        appendEmergency(otherPatient, second.value(), fixture.owners.get(second), reason);
        assertThat(report().problems()).isEmpty();
        JsonNode honest = new ObjectMapper().readTree(block(otherPatient, size(otherPatient) - 1).payload());
        // ...and its confirmation copied into an emergency on this patient's chain.
        long height = size(patient);
        byte[] copied = AccessEvents.emergency(patient, administrator, reason, second.value(),
                honest.get("confirmation").textValue());
        fixture.ledger().append(EventSpec.between(BlockKind.EMERGENCY_ACCESS, fixture.owners.get(administrator),
                administrator, copied, patient, copied));
        assertOnly(patient, height, ProblemCode.EMERGENCY_CONFIRMATION);
    }

    @Test
    void aConfirmationUsedForASecondEmergencyOnTheSameChainIsNamed() {
        ChainId second = registerAuthorized(PartyKind.STAFF, "second", "administrator");
        String reason = reasonHash(6);
        appendEmergency(otherPatient, second.value(), fixture.owners.get(second), reason);
        long height = size(otherPatient);
        // The same block's payload again: the signature holds, but the confirmation was for one access.
        appendEmergency(otherPatient, second.value(), fixture.owners.get(second), reason);
        assertOnlyCode(otherPatient, height, ProblemCode.EMERGENCY_CONFIRMATION, "repeats");
    }

    @Test
    void aRegistrationThatNamesARoleItsChainCannotHaveIsNamed() {
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.boss");
        fixture.ledger().register(PartyKind.DOCTOR, "dr.boss", key, fixture.authorized(chain, key, "administrator"));
        assertOnlyCode(chain, 0, ProblemCode.PAYLOAD, "names the role 'administrator'");
    }

    @Test
    void aRecordEventThatIsNotOneIsNamed() {
        long height = size(patient);
        byte[] payload = LedgerFixture.bytes("{\"format\":\"clinicledger/record-event/v1\",\"record\":7}");
        fixture.ledger().append(EventSpec.between(BlockKind.RECORD_ADDED, fixture.owners.get(doctor), doctor,
                payload, patient, payload));
        assertNamed(patient, height, ProblemCode.PAYLOAD);
        assertThat(report().problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.PAYLOAD);
    }

    @Test
    void anAbsurdlyLargePayloadIsNamedNotRead() {
        assertThat(payloadProblemOfSize(PayloadCheck.MAX_BYTES + 1).reason()).contains("far more than any");
    }

    @Test
    void twoSidesOfOneEventThatSayDifferentThingsAreNamed() {
        long onDoctor = size(doctor);
        long onPatient = size(patient);
        fixture.ledger().append(EventSpec.between(BlockKind.RECORD_ADDED, fixture.owners.get(doctor), doctor,
                fixture.payload(BlockKind.RECORD_ADDED, doctor, patient), patient,
                fixture.payload(BlockKind.RECORD_ADDED, doctor, patient)));
        VerificationReport report = report();
        assertThat(report.problems()).extracting(VerificationProblem::code)
                .containsOnly(ProblemCode.COUNTERPART_MISMATCH);
        assertNamedIn(report, doctor, onDoctor, ProblemCode.COUNTERPART_MISMATCH);
        assertNamedIn(report, patient, onPatient, ProblemCode.COUNTERPART_MISMATCH);
    }

    @Test
    void aNewRecordThatSaysItAmendsOneAndAnAmendmentThatSaysItIsNewAreNamed() {
        long first = size(patient);
        byte[] amendment = fixture.payload(BlockKind.RECORD_AMENDED, doctor, patient);
        fixture.ledger().append(EventSpec.between(BlockKind.RECORD_ADDED, fixture.owners.get(doctor), doctor,
                amendment, patient, amendment));
        byte[] added = fixture.payload(BlockKind.RECORD_ADDED, doctor, patient);
        fixture.ledger().append(EventSpec.between(BlockKind.RECORD_AMENDED, fixture.owners.get(doctor), doctor,
                added, patient, added));
        VerificationReport report = report();
        assertThat(report.problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.PAYLOAD);
        assertThat(report.problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(patient.value());
            assertThat(problem.height()).isEqualTo(first);
            assertThat(problem.reason()).contains("a new record is version 1");
        });
        assertThat(report.problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(patient.value());
            assertThat(problem.height()).isEqualTo(first + 1);
            assertThat(problem.reason()).contains("an amendment is version 2 or later");
        });
    }

    @Test
    void aRegistrationWhosePayloadIsNoObjectIsNamed() {
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.list");
        fixture.ledger().register(PartyKind.DOCTOR, "dr.list", key, LedgerFixture.bytes("[\"doctor\"]"));
        assertThat(report().problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(chain.value());
            assertThat(problem.code()).isEqualTo(ProblemCode.PAYLOAD);
            assertThat(problem.reason()).contains("not a JSON object");
        });
    }

    @Test
    void aReferralSignedByTheReceivingDoctorInTheReferrersNameIsNamed() {
        long height = size(doctor);
        byte[] payload = AccessEvents.referral(patient, otherDoctor, doctor);
        fixture.ledger().append(EventSpec.between(BlockKind.REFERRAL, fixture.owners.get(doctor), doctor, payload,
                otherDoctor, payload));
        assertThat(report().problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.PAYLOAD);
        assertThat(report().problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(doctor.value());
            assertThat(problem.height()).isEqualTo(height);
            assertThat(problem.reason()).contains("says " + otherDoctor.value() + " acted");
        });
    }

    @Test
    void aDoctorsRegistrationCarryingAPatientsOwnCopyOfDemographicsIsNamed() {
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.copy");
        fixture.ledger().register(PartyKind.DOCTOR, "dr.copy", key, TestLedger.authorizedPayload(fixture.clinicKey,
                chain, key, Map.of("role", "doctor", OwnDetails.FIELD, org.clinicledger.crypto.Hex.encode(new byte[200]))));
        assertOnlyCode(chain, 0, ProblemCode.PAYLOAD, "carries a patient's own copy of their demographics");
    }

    @Test
    void aPatientsRegistrationWhoseOwnCopyIsNotASealIsNamed() {
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.PATIENT, "435001169");
        fixture.ledger().register(PartyKind.PATIENT, "435001169", key, TestLedger.authorizedPayload(fixture.clinicKey,
                chain, key, Map.of("role", "patient", OwnDetails.FIELD, "not hex")));
        assertOnlyCode(chain, 0, ProblemCode.PAYLOAD, "its ownDetails is not hex");
    }

    @Test
    void aCorrectionWhoseStaffBlockCarriesThePatientsOwnCopyIsNamed() throws Exception {
        long height = size(receptionist);
        byte[] replaced = new byte[80];
        byte[] corrected = {1, 2, 3};
        com.fasterxml.jackson.databind.node.ObjectNode onStaff = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(DemographicsCorrections.staffPayload(patient, receptionist, replaced, corrected));
        OwnDetails.put(onStaff, new byte[200]);
        fixture.ledger().append(EventSpec.between(BlockKind.DEMOGRAPHICS_CORRECTED, fixture.owners.get(receptionist),
                receptionist, org.clinicledger.crypto.CanonicalJson.encode(onStaff), patient,
                DemographicsCorrections.patientPayload(patient, receptionist, replaced, corrected, new byte[200])));
        assertOnlyCode(receptionist, height, ProblemCode.PAYLOAD, "carries a patient's own copy");
    }

    @Test
    void aPasswordChangeThatCommitsToNoSealIsNamed() {
        long height = size(doctor);
        fixture.ledger().append(EventSpec.single(BlockKind.PASSWORD_CHANGED, fixture.owners.get(doctor), doctor,
                LedgerFixture.bytes("{\"format\":1}")));
        assertOnlyCode(doctor, height, ProblemCode.PAYLOAD, "commits to no password seal");
    }

    @Test
    void aPayloadJustWithinTheLimitIsReadNotRefusedForItsSize() {
        assertThat(payloadProblemOfSize(PayloadCheck.MAX_BYTES).reason()).doesNotContain("far more than any");
    }

    /** Appends a reading whose payload is {@code bytes} of '[' and returns the payload problem named on the patient's side. */
    private VerificationProblem payloadProblemOfSize(int bytes) {
        long height = size(patient);
        byte[] payload = new byte[bytes];
        java.util.Arrays.fill(payload, (byte) '[');
        fixture.ledger().append(EventSpec.between(BlockKind.RECORD_VIEWED, fixture.owners.get(doctor), doctor,
                payload, patient, payload));
        return report().problems().stream()
                .filter(problem -> problem.chain().equals(patient.value()) && problem.height() == height
                        && problem.code() == ProblemCode.PAYLOAD)
                .findFirst().orElseThrow(() -> new AssertionError("no payload problem at " + patient + " #" + height));
    }

    @Test
    void aRegistrationVouchedForByAKeyNoChainRegistersIsNamed() {
        SigningKey stranger = fixture.newKey();
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(PartyKind.DOCTOR, "dr.stranger");
        fixture.ledger().register(PartyKind.DOCTOR, "dr.stranger", key,
                TestLedger.authorizedPayload(stranger, chain, key, Map.of("role", "doctor")));
        assertOnlyCode(chain, 0, ProblemCode.UNAUTHORIZED_KEY, "key " + stranger.keyId() + ", which no chain registers");
    }

    @Test
    void aLedgerWhoseClinicKeyWasRemovedIsNamed() throws Exception {
        RawTables raw = new RawTables(fixture.workspace.root());
        raw.update("DROP TRIGGER blocks_are_never_deleted");
        raw.update("DROP TRIGGER signed_heads_are_never_deleted");
        String clinic = "clinic/" + fixture.clinicKey.keyId();
        raw.update("DELETE FROM blocks WHERE chain_id = ?", clinic);
        raw.update("DELETE FROM signed_heads WHERE chain_id = ?", clinic);
        raw.update("DELETE FROM chains WHERE chain_id = ?", clinic);
        raw.update("DELETE FROM author_keys WHERE chain_id = ?", clinic);
        VerificationReport report = report();
        assertThat(report.clinicKey()).isNull();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CLINIC_ROOT);
            assertThat(problem.reason()).contains("has no clinic key");
        });
    }

    @Test
    void aRowInTheTableOfChainsForAChainWithoutBlocksIsNamedOnce() throws Exception {
        new RawTables(fixture.workspace.root()).update(
                "INSERT INTO chains VALUES ('doctor/dr.ghost', 1, zeroblob(32), zeroblob(32))");
        assertThat(report().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.chain()).isEqualTo("doctor/dr.ghost");
            assertThat(problem.code()).isEqualTo(ProblemCode.CHAIN_TABLE);
        });
    }

    @Test
    void aBlockAndAHeadDatedTheSameMillisecondAsTheOnesBeforeAreFine() {
        Forger forger = new Forger(fixture.workspace);
        Forger.Draft next = nextRotation(forger);
        long previousBlock = block(doctor, next.height() - 1).createdAtMillis();
        long previousHead = fixture.workspace.database().read("head", work ->
                new org.clinicledger.store.ChainStore().newestHead(work, doctor.value()).orElseThrow().signedAtMillis());
        forger.write(next.createdAt(previousBlock).headSignedAt(previousHead));
        assertThat(report().problems()).isEmpty();
    }

    // ---- helpers

    private ChainId registerAuthorized(PartyKind party, String subject, String role) {
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(party, subject);
        fixture.ledger().register(party, subject, key, fixture.authorized(chain, key, role));
        fixture.owners.put(chain, key);
        return chain;
    }

    private void assertUnauthorized(PartyKind party, String subject, ChainId authorizer, String reason) {
        SigningKey key = fixture.newKey();
        ChainId chain = new ChainId(party, subject);
        String role = party == PartyKind.STAFF ? "administrator" : party.code();
        fixture.ledger().register(party, subject, key,
                TestLedger.authorizedPayload(fixture.owners.get(authorizer), chain, key, Map.of("role", role)));
        assertOnlyCode(chain, 0, ProblemCode.UNAUTHORIZED_KEY, reason);
    }

    /** Appends a {@code kind} event between two chains with the payload an honest one would carry. */
    private void append(BlockKind kind, SigningKey signer, ChainId chain, ChainId counterpart) {
        boolean patientFirst = chain.party() == PartyKind.PATIENT;
        if (kind == BlockKind.DEMOGRAPHICS_CORRECTED) {
            ChainId subject = patientFirst ? chain : counterpart;
            ChainId staff = patientFirst ? counterpart : chain;
            byte[] replaced = new byte[80];
            byte[] corrected = new byte[] {1, 2, 3};
            byte[] onPatient = DemographicsCorrections.patientPayload(subject, staff, replaced, corrected, new byte[200]);
            byte[] onStaff = DemographicsCorrections.staffPayload(subject, staff, replaced, corrected);
            fixture.ledger().append(EventSpec.between(kind, signer, chain, patientFirst ? onPatient : onStaff,
                    counterpart, patientFirst ? onStaff : onPatient));
            return;
        }
        byte[] payload = fixture.payload(kind, patientFirst ? counterpart : chain, patientFirst ? chain : counterpart);
        if (kind == BlockKind.EMERGENCY_ACCESS) {
            payload = fixture.emergency(patientFirst ? chain : counterpart, patientFirst ? counterpart : chain);
        }
        fixture.ledger().append(EventSpec.between(kind, signer, chain, payload, counterpart, payload));
    }

    /** The doctor's next block, an honest rotation to a fresh key, for a forgery to change one thing of. */
    private Forger.Draft nextRotation(Forger forger) {
        return forger.next(doctor, BlockKind.KEY_ROTATED, fixture.owners.get(doctor), new byte[0])
                .subjectKey(fixture.newKey().publicKey());
    }

    private static byte[] viewed() {
        return RecordEvents.viewed("8d0f1c4e-0000-4000-8000-000000000001", 1, null);
    }

    private SigningKey nodeKey() {
        return NodeIdentity.load(fixture.workspace.root()).orElseThrow();
    }

    private VerificationReport report() {
        return fixture.verify();
    }

    private void assertNamed(ChainId chain, long height, ProblemCode code) {
        assertNamedIn(report(), chain, height, code);
    }

    private static void assertNamedIn(VerificationReport report, ChainId chain, long height, ProblemCode code) {
        assertThat(report.problems()).as("problems").anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(chain.value());
            assertThat(problem.height()).isEqualTo(height);
            assertThat(problem.code()).isEqualTo(code);
        });
    }

    /** The forgery is named at its place with {@code code}, and nothing else is reported. */
    private void assertOnly(ChainId chain, long height, ProblemCode code) {
        assertThat(report().problems()).as("exactly one rule catches it").singleElement().satisfies(problem -> {
            assertThat(problem.chain()).isEqualTo(chain.value());
            assertThat(problem.height()).isEqualTo(height);
            assertThat(problem.code()).isEqualTo(code);
        });
    }

    private void assertOnlyCode(ChainId chain, long height, ProblemCode code, String reason) {
        assertThat(report().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.chain()).isEqualTo(chain.value());
            assertThat(problem.height()).isEqualTo(height);
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.reason()).contains(reason);
        });
    }

    private long size(ChainId chain) {
        return fixture.workspace.database().read("size", work ->
                new org.clinicledger.store.ChainStore().chainState(work, chain.value()).map(state -> state.size())
                        .orElse(0L));
    }

    private BlockRow block(ChainId chain, long height) {
        return fixture.workspace.database().read("block", work ->
                new org.clinicledger.store.ChainStore().block(work, chain.value(), height).orElseThrow());
    }
}
