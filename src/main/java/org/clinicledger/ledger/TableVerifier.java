package org.clinicledger.ledger;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.Role;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore.ClinicKeyCopyRow;
import org.clinicledger.store.AccountStore.ClinicKeyPurpose;
import org.clinicledger.store.AccountStore.ClinicSettingsRow;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.ClinicDao;
import org.clinicledger.store.Database;
import org.clinicledger.store.PatientStore.PatientRow;
import org.clinicledger.store.PatientStore;
import org.clinicledger.store.RecordStore.AccessReasonRow;
import org.clinicledger.store.RecordStore.DeletionRow;
import org.clinicledger.store.RecordStore.VersionRow;
import org.clinicledger.store.RecordStore;

/**
 * Checks the tables the services keep beside the chains against what the chains say, so that a
 * change to them is caught as surely as a change to a block: the clinic's escrow key against its
 * founding block, every account's role against its registration block and keys against the
 * registration or the newest key recovery on its chain, every sealed
 * directory entry and patient's demographics against the hash that block commits to, every record
 * version (patient, author, version it supersedes, record hash, document and attachment addresses
 * in their order, deleted or not) against its record block, every deletion's sealed reason and
 * doctor against its tombstone, and every sealed referral or emergency reason and who gave it
 * against the block that names it. Rows without a block and blocks without a row are reported too.
 *
 * <p>Beyond those: each account's password seal against the newest seal its chain commits to
 * ({@link SealCommitment}); who holds copies of the clinic's keys against the roles the chains
 * register; who holds copies of record keys against the patient's chain ({@link KeyCopyVerifier});
 * and the times the tables keep against the blocks that record the events: a record version's,
 * a deletion's and a sealed reason's exactly, an account's and the clinic's within
 * {@link #CREATION_LEAD} before their registration block (they are taken before its keys are made).
 * What is deliberately left uncovered is listed, with the reason, in {@link TableCoverage}.
 *
 * <p>The blocks themselves are {@link ChainVerifier}'s work; a block whose payload is not in the
 * format its kind has is skipped here, since its hash or signature is what breaks then.
 */
public final class TableVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How long before its registration block an account's or the clinic's creation time may be:
     * it is taken before the keys are made (an Argon2id derivation) and the write waits its turn.
     */
    static final Duration CREATION_LEAD = Duration.ofMinutes(10);

    private final Database database;
    private final ChainStore chains;
    private final AccountStore accounts = new AccountStore();
    private final PatientStore patients = new PatientStore();
    private final RecordStore records = new RecordStore();
    private final ClinicDao clinics = new ClinicDao();
    private final Clock clock;

    /** @param clock what decides whether a grant has ended, for the record keys its doctor may hold */
    public TableVerifier(Database database, ChainStore chains, Clock clock) {
        this.database = database;
        this.chains = chains;
        this.clock = clock;
    }

    /** A record block: where it is and what it says. */
    private record Written(Block block, RecordEvents.Written event) {
    }

    /** A tombstone: where it is and what it says. */
    private record Tombstone(Block block, RecordEvents.Deleted event) {
    }

    public List<VerificationProblem> verify() {
        List<VerificationProblem> problems = new ArrayList<>();
        database.read("read the tables for verification", work -> {
            checkAccounts(work, problems);
            Map<String, Long> recordHeights = checkRecords(work, problems);
            problems.addAll(new KeyCopyVerifier(chains, records).verify(work, recordHeights, clock.instant()));
            checkAccessReasons(work, problems);
            return null;
        });
        return problems;
    }

    // ---- accounts, directory entries and demographics

    private void checkAccounts(UnitOfWork work, List<VerificationProblem> problems) {
        Map<String, Block> registrations = new HashMap<>();
        String kind = BlockKind.REGISTRATION.code();
        chains.forEachBlockOfKinds(work, kind, kind, row -> {
            Optional<Block> readable = BlockCodec.readable(row);
            if (readable.isEmpty()) {
                return;
            }
            Block block = readable.get();
            if (block.chain().party() != PartyKind.NODE && block.height() == 0) {
                registrations.put(block.chain().value(), block);
            }
        });
        Optional<Block> founding = checkEscrowKey(work, registrations.values(), problems);
        checkClinicCreation(work, founding, problems);
        Map<String, PasswordChange> newestSeals = new HashMap<>();
        String changed = BlockKind.PASSWORD_CHANGED.code();
        // In height order per chain: the last one kept is the newest.
        chains.forEachBlockOfKinds(work, changed, changed, row -> BlockCodec.readable(row).ifPresent(block ->
                newestSeals.put(block.chain().value(), new PasswordChange(block.height(),
                        SealCommitment.committedBy(block).orElse(null)))));
        Map<String, Recovered> recoveries = newestRecoveries(work);
        recoveries.forEach((chain, recovered) -> newestSeals.merge(chain,
                new PasswordChange(recovered.block().height(), recovered.recovery().sealedKeys()),
                (change, recovery) -> change.height() > recovery.height() ? change : recovery));
        Map<String, List<Corrected>> corrections = corrections(work);
        Map<String, String> registeredRoles = new HashMap<>();
        Map<String, byte[]> details = accounts.allDetails(work);
        Map<String, byte[]> demographics = new HashMap<>();
        for (PatientRow patient : patients.all(work)) {
            demographics.put(patient.mrn(), patient.sealedDemographics());
        }
        Set<String> accounted = new HashSet<>();
        for (AccountRow account : accounts.accounts(work)) {
            accounted.add(account.chain());
            Block registration = registrations.get(account.chain());
            String chain = account.chain();
            if (registration == null || !registration.chain().subject().equals(account.username())) {
                problems.add(new VerificationProblem(chain, -1, ProblemCode.ACCOUNT, "the account " + account.username()
                        + " has no chain registering it"));
                continue;
            }
            JsonNode payload = registrationPayload(registration);
            if (payload == null) {
                continue;
            }
            Recovered recovered = recoveries.get(chain);
            long keysAt = recovered == null ? 0 : recovered.block().height();
            byte[] signingKey = recovered == null ? registration.subjectKey() : recovered.block().subjectKey();
            String agreementKey = recovered == null ? payload.path(RegistrationFields.AGREEMENT_KEY).asText()
                    : Hex.encode(recovered.recovery().agreementKey());
            String named = recovered == null ? "the one its chain registered" : "the one its newest key recovery names";
            if (!MessageDigest.isEqual(signingKey, account.signingPublicKey())) {
                problems.add(new VerificationProblem(chain, keysAt, ProblemCode.ACCOUNT, "the account's signing key is not " + named));
            }
            registeredRoles.put(account.username(), payload.path(RegistrationFields.ROLE).asText());
            checkSeal(account, payload, newestSeals.get(chain), problems);
            checkCreation(chain, "the account's creation time", account.createdAtMillis(), registration, problems);
            if (!account.role().equals(payload.path(RegistrationFields.ROLE).asText())) {
                problems.add(new VerificationProblem(chain, 0, ProblemCode.ACCOUNT, "the account's role is not the one its chain registered"));
            }
            if (!Hex.encode(account.agreementPublicKey()).equals(agreementKey)) {
                problems.add(new VerificationProblem(chain, keysAt, ProblemCode.ACCOUNT,
                        "the account's encryption key is not " + named));
            }
            boolean patient = registration.chain().party() == PartyKind.PATIENT;
            byte[] sealed = patient ? demographics.remove(account.username()) : details.remove(account.username());
            JsonNode committed = payload.path(RegistrationFields.DETAILS);
            if (patient) {
                committed = newestDemographics(chain, committed, corrections.getOrDefault(chain, List.of()), problems);
            }
            checkCommitted(committed, sealed, chain,
                    patient ? "the patient's demographics" : "the account's directory entry", problems);
        }
        registrations.forEach((chain, block) -> {
            if (!accounted.contains(chain) && registrationPayload(block) != null) {
                problems.add(new VerificationProblem(chain, 0, ProblemCode.ACCOUNT, "the chain registers an account that is missing"));
            }
        });
        details.keySet().forEach(username -> problems.add(new VerificationProblem("account " + username, -1, ProblemCode.SEALED_DETAILS,
                "a directory entry belongs to no account")));
        demographics.keySet().forEach(mrn -> problems.add(new VerificationProblem("patient/" + mrn, -1, ProblemCode.SEALED_DETAILS,
                "demographics belong to no account")));
        checkClinicKeyCopies(work, registeredRoles, problems);
    }

    /** The patient's side of a demographics correction, and what its payload says. */
    private record Corrected(Block block, DemographicsCorrections.Correction correction) {
    }

    /**
     * The demographics corrections on each patient's chain, oldest first, by chain. A block whose
     * payload is not one is skipped: {@link ChainVerifier} names it.
     */
    private Map<String, List<Corrected>> corrections(UnitOfWork work) {
        Map<String, List<Corrected>> byChain = new HashMap<>();
        String kind = BlockKind.DEMOGRAPHICS_CORRECTED.code();
        chains.forEachBlockOfKinds(work, kind, kind, row -> BlockCodec.readable(row)
                .filter(block -> block.chain().party() == PartyKind.PATIENT)
                .ifPresent(block -> DemographicsCorrections.readable(block.payload()).ifPresent(correction ->
                        byChain.computeIfAbsent(block.chain().value(), chain -> new ArrayList<>())
                                .add(new Corrected(block, correction)))));
        return byChain;
    }

    /**
     * What a patient's demographics row must hash to: the newest correction's version, else the
     * registration's. Each correction must replace the version before it, so that the chain holds
     * every earlier version and none is skipped or swapped.
     */
    private static JsonNode newestDemographics(String chain, JsonNode registered, List<Corrected> corrections,
            List<VerificationProblem> problems) {
        String current = registered.isTextual() ? registered.textValue() : null;
        for (Corrected corrected : corrections) {
            if (!corrected.correction().previous().equals(current)) {
                problems.add(new VerificationProblem(chain, corrected.block().height(), ProblemCode.SEALED_DETAILS,
                        "this correction of the patient's demographics does not replace the version before it"));
            }
            current = corrected.correction().details();
        }
        return current == null ? registered : com.fasterxml.jackson.databind.node.TextNode.valueOf(current);
    }

    /** The person's side of a key recovery, and what its payload says. */
    private record Recovered(Block block, KeyRecoveries.Recovery recovery) {
    }

    /**
     * The newest key recovery of each chain's own keys (the block that names a key), by chain. A
     * recovery whose payload is not one is skipped: {@link ChainVerifier} names it.
     */
    private Map<String, Recovered> newestRecoveries(UnitOfWork work) {
        Map<String, Recovered> newest = new HashMap<>();
        String kind = BlockKind.KEY_RECOVERED.code();
        // In height order per chain: the last one kept is the newest.
        chains.forEachBlockOfKinds(work, kind, kind, row -> BlockCodec.readable(row)
                .filter(block -> block.subjectKey() != null)
                .ifPresent(block -> {
                    try {
                        newest.put(block.chain().value(), new Recovered(block, KeyRecoveries.read(block.payload())));
                    } catch (IllegalArgumentException | NullPointerException unreadable) {
                        // See the method comment.
                    }
                }));
        return newest;
    }

    /** A password-changed block: where, and the seal it commits to (null when it commits to none). */
    private record PasswordChange(long height, String commitment) {
    }

    /**
     * The account's sealed keys, salt and cost against the newest seal its chain commits to: the last
     * password-changed or key-recovered block's, else the registration's.
     *
     * @param newest the chain's newest password-changed or key-recovered block, or null when it has none
     */
    private static void checkSeal(AccountRow account, JsonNode registration, PasswordChange newest,
            List<VerificationProblem> problems) {
        String chain = account.chain();
        long height = 0;
        String committed;
        if (newest != null) {
            if (newest.commitment() == null) {
                problems.add(new VerificationProblem(chain, newest.height(), ProblemCode.ACCOUNT_SEAL,
                        "this password change commits to no seal"));
                return;
            }
            height = newest.height();
            committed = newest.commitment();
        } else {
            JsonNode field = registration.get(RegistrationFields.SEALED_KEYS);
            if (field == null || !field.isTextual()) {
                problems.add(new VerificationProblem(chain, 0, ProblemCode.ACCOUNT_SEAL,
                        "no block commits to the account's sealed keys (it was registered before seals were committed "
                                + "to); a change of password commits to them"));
                return;
            }
            committed = field.textValue();
        }
        if (!committed.equals(SealCommitment.of(account.sealedKeys()))) {
            problems.add(new VerificationProblem(chain, height, ProblemCode.ACCOUNT_SEAL, "the account's sealed keys, "
                    + "salt or password cost are not the seal this block commits to: they were replaced or rolled back"));
        }
    }

    /**
     * A creation time kept in a table against the registration block written for it: not later, and
     * not more than {@link #CREATION_LEAD} earlier.
     */
    private static void checkCreation(String chain, String what, long createdAtMillis, Block registration,
            List<VerificationProblem> problems) {
        long block = registration.createdAt().toEpochMilli();
        if (createdAtMillis > block) {
            problems.add(new VerificationProblem(chain, registration.height(), ProblemCode.TIME, what
                    + " is later than the block that registers it"));
        } else if (block - createdAtMillis > CREATION_LEAD.toMillis()) {
            problems.add(new VerificationProblem(chain, registration.height(), ProblemCode.TIME, what
                    + " is earlier than the block that registers it allows"));
        }
    }

    /** When the clinic was set up, against its founding administrator's registration. */
    private void checkClinicCreation(UnitOfWork work, Optional<Block> founding, List<VerificationProblem> problems) {
        Optional<ClinicDao.ClinicRow> clinic = clinics.row(work);
        if (clinic.isEmpty() || founding.isEmpty()) {
            return;
        }
        Instant created;
        try {
            created = Instant.parse(clinic.get().createdAt());
        } catch (DateTimeParseException | NullPointerException notATime) {
            problems.add(new VerificationProblem(founding.get().chain().value(), 0, ProblemCode.TIME,
                    "the clinic's creation time is not a time"));
            return;
        }
        checkCreation(founding.get().chain().value(), "the clinic's creation time", created.toEpochMilli(),
                founding.get(), problems);
    }

    /**
     * Who holds copies of the clinic's keys: the directory key every member of staff, a share of the
     * escrow key and the clinic key every administrator, as their registrations name their roles;
     * nobody else. (The whole escrow key is on no account: only on the printed recovery sheet.)
     *
     * @param roles each account's role as its registration names it, by username
     */
    private void checkClinicKeyCopies(UnitOfWork work, Map<String, String> roles, List<VerificationProblem> problems) {
        Set<String> directory = new HashSet<>();
        Set<String> escrow = new HashSet<>();
        Set<String> signing = new HashSet<>();
        for (ClinicKeyCopyRow copy : accounts.clinicKeyCopies(work)) {
            String role = roles.get(copy.username());
            boolean isDirectory = ClinicKeyPurpose.DIRECTORY.code().equals(copy.purpose());
            boolean isEscrow = ClinicKeyPurpose.ESCROW_SHARE.code().equals(copy.purpose());
            boolean isSigning = ClinicKeyPurpose.CLINIC_SIGNING.code().equals(copy.purpose());
            String what = isEscrow ? "a share of the clinic's escrow key" : "a copy of the clinic's " + copy.purpose() + " key";
            if (role == null) {
                problems.add(new VerificationProblem("account " + copy.username(), -1, ProblemCode.CLINIC_KEY_COPY,
                        what + " is held for " + copy.username() + ", whose account no chain registers"));
            } else if (isDirectory && isStaff(role)) {
                directory.add(copy.username());
            } else if (isEscrow && Role.ADMINISTRATOR.code().equals(role)) {
                escrow.add(copy.username());
            } else if (isSigning && Role.ADMINISTRATOR.code().equals(role)) {
                signing.add(copy.username());
            } else {
                problems.add(new VerificationProblem(chainOf(role, copy.username()), 0, ProblemCode.CLINIC_KEY_COPY,
                        what + " is held for this " + role + ", whose role may not hold it"));
            }
        }
        roles.forEach((username, role) -> {
            if (isStaff(role) && !directory.contains(username)) {
                problems.add(new VerificationProblem(chainOf(role, username), 0, ProblemCode.CLINIC_KEY_COPY,
                        "this " + role + " lacks the copy of the clinic's directory key every member of staff holds"));
            }
            if (Role.ADMINISTRATOR.code().equals(role) && !escrow.contains(username)) {
                problems.add(new VerificationProblem(chainOf(role, username), 0, ProblemCode.CLINIC_KEY_COPY,
                        "this administrator lacks the share of the clinic's escrow key every administrator holds"));
            }
            if (Role.ADMINISTRATOR.code().equals(role) && !signing.contains(username)) {
                problems.add(new VerificationProblem(chainOf(role, username), 0, ProblemCode.CLINIC_KEY_COPY,
                        "this administrator lacks the copy of the clinic key every administrator holds"));
            }
        });
    }

    private static boolean isStaff(String role) {
        try {
            return Role.fromCode(role).isStaff();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static String chainOf(String role, String username) {
        try {
            return Role.fromCode(role).party().code() + "/" + username;
        } catch (IllegalArgumentException unknown) {
            return "account " + username;
        }
    }

    /**
     * The escrow key in the clinic's settings, which every record key is wrapped for, against the
     * one the founding administrator's registration commits to: exactly one founding block, same key.
     */
    private Optional<Block> checkEscrowKey(UnitOfWork work, Collection<Block> registrations,
            List<VerificationProblem> problems) {
        List<Block> founding = registrations.stream().filter(block -> block.chain().party() == PartyKind.STAFF)
                .filter(block -> {
                    JsonNode payload = registrationPayload(block);
                    return payload != null && payload.has(RegistrationFields.FOUNDING_ESCROW_KEY);
                }).toList();
        Optional<ClinicSettingsRow> settings = accounts.settings(work);
        if (settings.isEmpty()) {
            if (!founding.isEmpty()) {
                problems.add(new VerificationProblem("clinic settings", -1, ProblemCode.CLINIC_SETTINGS,
                        "the clinic's escrow key is missing from its settings"));
            }
            return Optional.empty();
        }
        if (founding.size() != 1) {
            problems.add(new VerificationProblem("clinic settings", -1, ProblemCode.CLINIC_SETTINGS, founding.isEmpty()
                    ? "no founding block commits to the clinic's escrow key"
                    : "more than one block claims to found the clinic with an escrow key"));
            return Optional.empty();
        }
        Block block = founding.get(0);
        String committed = registrationPayload(block).path(RegistrationFields.FOUNDING_ESCROW_KEY).asText();
        if (!committed.equals(Hex.encode(settings.get().escrowPublicKey()))) {
            problems.add(new VerificationProblem(block.chain().value(), 0, ProblemCode.CLINIC_SETTINGS,
                    "the clinic's escrow key in its settings is not the one its founding block commits to"));
        }
        return Optional.of(block);
    }

    /** An account registration's payload, or null when the block is some other registration. */
    private static JsonNode registrationPayload(Block block) {
        try {
            JsonNode payload = JSON.readTree(block.payload());
            return payload != null && payload.isObject() && payload.has(RegistrationFields.ROLE) && payload.has(RegistrationFields.AGREEMENT_KEY)
                    ? payload : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Compares a sealed entry with the hash (or null) its registration block commits to. */
    private static void checkCommitted(JsonNode committed, byte[] sealed, String chain, String what,
            List<VerificationProblem> problems) {
        boolean commits = committed != null && committed.isTextual();
        if (!commits && sealed != null) {
            problems.add(new VerificationProblem(chain, 0, ProblemCode.SEALED_DETAILS, what + " is not one its chain commits to"));
        } else if (commits && sealed == null) {
            problems.add(new VerificationProblem(chain, 0, ProblemCode.SEALED_DETAILS, what + " is missing"));
        } else if (commits && !committed.textValue().equals(Hex.encode(Sha256.digest(sealed)))) {
            problems.add(new VerificationProblem(chain, 0, ProblemCode.SEALED_DETAILS, what + " was changed"));
        }
    }

    // ---- records and deletions

    /** @return the height of each version's record block on the patient's chain, by {@link RecordStore#versionKey} */
    private Map<String, Long> checkRecords(UnitOfWork work, List<VerificationProblem> problems) {
        Map<String, Written> written = new HashMap<>();
        chains.forEachBlockOfKinds(work, BlockKind.RECORD_ADDED.code(), BlockKind.RECORD_AMENDED.code(), row -> {
            Optional<Block> readable = BlockCodec.readable(row);
            if (readable.isEmpty()) {
                return;
            }
            Block block = readable.get();
            if (block.chain().party() != PartyKind.PATIENT) {
                return;
            }
            try {
                RecordEvents.Written event = RecordEvents.readWritten(block.payload());
                written.put(RecordStore.versionKey(event.recordId(), event.version()), new Written(block, event));
            } catch (IllegalArgumentException notARecordPayload) {
                // See the class comment.
            }
        });
        Map<String, Tombstone> tombstones = new HashMap<>();
        String deleted = BlockKind.RECORD_DELETED.code();
        chains.forEachBlockOfKinds(work, deleted, deleted, row -> {
            Optional<Block> readable = BlockCodec.readable(row);
            if (readable.isEmpty()) {
                return;
            }
            Block block = readable.get();
            if (block.chain().party() != PartyKind.PATIENT) {
                return;
            }
            try {
                RecordEvents.Deleted event = RecordEvents.readDeleted(block.payload());
                tombstones.put(event.recordId(), new Tombstone(block, event));
            } catch (IllegalArgumentException notATombstone) {
                // See the class comment.
            }
        });
        Map<String, Long> heights = new HashMap<>();
        written.forEach((key, block) -> heights.put(key, block.block().height()));
        Map<String, List<String>> attachments = records.allAttachmentAddresses(work);
        records.forEachVersion(work, row -> checkVersion(row, written, tombstones, attachments, problems));
        written.values().forEach(missing -> problems.add(new VerificationProblem(missing.block().chain().value(),
                missing.block().height(), ProblemCode.RECORD, "record " + missing.event().recordId() + " version "
                        + missing.event().version() + " is missing from the records")));
        for (DeletionRow deletion : records.deletions(work)) {
            Tombstone tombstone = tombstones.remove(deletion.recordId());
            if (tombstone == null) {
                problems.add(new VerificationProblem("record " + deletion.recordId(), -1, ProblemCode.DELETION,
                        "a deletion is recorded without a tombstone on any chain"));
            } else if (!tombstone.event().reasonHash().equals(Hex.encode(Sha256.digest(deletion.sealedReason())))) {
                problems.add(new VerificationProblem(tombstone.block().chain().value(), tombstone.block().height(), ProblemCode.DELETION,
                        "the reason for deleting record " + deletion.recordId() + " was changed"));
            } else if (!actedBy(tombstone.block(), deletion.deletedBy())) {
                problems.add(new VerificationProblem(tombstone.block().chain().value(), tombstone.block().height(), ProblemCode.DELETION,
                        "the deletion of record " + deletion.recordId() + " is filed under another doctor than its "
                                + "tombstone"));
            } else if (deletion.deletedAtMillis() != tombstone.block().createdAt().toEpochMilli()) {
                problems.add(new VerificationProblem(tombstone.block().chain().value(), tombstone.block().height(), ProblemCode.TIME,
                        "the time record " + deletion.recordId() + " was deleted is not the time of its tombstone"));
            }
        }
        tombstones.values().forEach(tombstone -> problems.add(new VerificationProblem(
                tombstone.block().chain().value(), tombstone.block().height(), ProblemCode.DELETION, "the reason for deleting record "
                        + tombstone.event().recordId() + " is missing")));
        return heights;
    }

    private static void checkVersion(VersionRow row, Map<String, Written> written, Map<String, Tombstone> tombstones,
            Map<String, List<String>> attachments, List<VerificationProblem> problems) {
        String key = RecordStore.versionKey(row.recordId(), row.version());
        String name = "record " + row.recordId() + " version " + row.version();
        Written block = written.remove(key);
        if (block == null) {
            problems.add(new VerificationProblem("patient/" + row.patient(), -1, ProblemCode.RECORD, name + " is on no chain"));
            return;
        }
        RecordEvents.Written event = block.event();
        List<String> differences = new ArrayList<>();
        if (!block.block().chain().subject().equals(row.patient())) {
            differences.add("patient");
        }
        ChainId author = block.block().counterpart() == null ? null : block.block().counterpart().chain();
        if (author == null || !author.subject().equals(row.author())) {
            differences.add("author");
        }
        if (event.supersedes() != row.supersedes()) {
            differences.add("the version it supersedes");
        }
        if (!event.recordHash().equals(row.recordHash())) {
            differences.add("record hash");
        }
        if (!event.document().equals(row.documentAddress())) {
            differences.add("encrypted document");
        }
        if (!event.attachments().equals(attachments.getOrDefault(key, List.of()))) {
            differences.add("attachments");
        }
        boolean tombstoned = tombstones.containsKey(row.recordId());
        if (row.deleted() != tombstoned) {
            differences.add(tombstoned ? "deletion (it has a tombstone but is not marked deleted)"
                    : "deletion (it is marked deleted without a tombstone)");
        }
        if (!differences.isEmpty()) {
            problems.add(new VerificationProblem(block.block().chain().value(), block.block().height(), ProblemCode.RECORD,
                    "the records' " + String.join(", ", differences) + " of " + name + " differ from the chain"));
        }
        if (row.createdAtMillis() != block.block().createdAt().toEpochMilli()) {
            problems.add(new VerificationProblem(block.block().chain().value(), block.block().height(), ProblemCode.TIME,
                    "the time the records give for " + name + " is not the time of its block"));
        }
    }

    /** Whether the patient-chain {@code block} was written by {@code username}: its counterpart is their chain. */
    private static boolean actedBy(Block block, String username) {
        return block.counterpart() != null && block.counterpart().chain().subject().equals(username);
    }

    // ---- sealed reasons of referrals and emergency access

    private void checkAccessReasons(UnitOfWork work, List<VerificationProblem> problems) {
        Map<String, Block> named = new HashMap<>();
        chains.forEachBlockOfKinds(work, BlockKind.REFERRAL.code(), BlockKind.EMERGENCY_ACCESS.code(), row -> {
            Optional<Block> readable = BlockCodec.readable(row);
            if (readable.isEmpty()) {
                return;
            }
            Block block = readable.get();
            if (block.chain().party() != PartyKind.PATIENT) {
                return;
            }
            try {
                AccessEvents.reasonHash(block.payload()).ifPresent(hash -> named.put(hash, block));
            } catch (IllegalArgumentException notAnAccessPayload) {
                // See the class comment.
            }
        });
        for (AccessReasonRow reason : records.accessReasons(work)) {
            Block block = named.remove(reason.reasonHash());
            String chain = "patient/" + reason.patient();
            if (!reason.reasonHash().equals(Hex.encode(Sha256.digest(reason.sealedReason())))) {
                problems.add(new VerificationProblem(block == null ? chain : block.chain().value(),
                        block == null ? -1 : block.height(), ProblemCode.ACCESS_REASON, "the sealed reason " + reason.reasonHash() + " was changed"));
            } else if (block == null) {
                problems.add(new VerificationProblem(chain, -1, ProblemCode.ACCESS_REASON, "the reason " + reason.reasonHash()
                        + " is named by no referral or emergency access"));
            } else if (!block.chain().value().equals(chain) || !Objects.equals(kindOf(block), reason.kind())) {
                problems.add(new VerificationProblem(block.chain().value(), block.height(), ProblemCode.ACCESS_REASON, "the reason "
                        + reason.reasonHash() + " is filed under another patient or kind than its block"));
            } else if (!actedBy(block, reason.actor())) {
                problems.add(new VerificationProblem(block.chain().value(), block.height(), ProblemCode.ACCESS_REASON, "the reason "
                        + reason.reasonHash() + " is filed under another actor than its block"));
            } else if (reason.createdAtMillis() != block.createdAt().toEpochMilli()) {
                problems.add(new VerificationProblem(block.chain().value(), block.height(), ProblemCode.TIME, "the time of the "
                        + "reason " + reason.reasonHash() + " is not the time of the block that names it"));
            }
        }
        named.forEach((hash, block) -> problems.add(new VerificationProblem(block.chain().value(), block.height(), ProblemCode.ACCESS_REASON,
                "the reason " + hash + " this block names is missing")));
    }

    private static String kindOf(Block block) {
        return block.kind() == BlockKind.REFERRAL ? "referral" : "emergency";
    }
}
