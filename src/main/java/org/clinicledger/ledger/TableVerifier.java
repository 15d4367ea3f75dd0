package org.clinicledger.ledger;

import java.io.IOException;
import java.security.MessageDigest;
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
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore.ClinicSettingsRow;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.ChainStore;
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
 * founding block, every account's keys and role against its registration block, every sealed
 * directory entry and patient's demographics against the hash that block commits to, every record
 * version (patient, author, version it supersedes, record hash, document and attachment addresses
 * in their order, deleted or not) against its record block, every deletion's sealed reason and
 * doctor against its tombstone, and every sealed referral or emergency reason and who gave it
 * against the block that names it. Rows without a block and blocks without a row are reported too.
 *
 * <p>The blocks themselves are {@link ChainVerifier}'s work; a block whose payload is not in the
 * format its kind has is skipped here, since its hash or signature is what breaks then.
 */
public final class TableVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final ChainStore chains;
    private final AccountStore accounts = new AccountStore();
    private final PatientStore patients = new PatientStore();
    private final RecordStore records = new RecordStore();

    public TableVerifier(Database database, ChainStore chains) {
        this.database = database;
        this.chains = chains;
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
            checkRecords(work, problems);
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
        checkEscrowKey(work, registrations.values(), problems);
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
            if (!MessageDigest.isEqual(registration.subjectKey(), account.signingPublicKey())) {
                problems.add(new VerificationProblem(chain, 0, ProblemCode.ACCOUNT, "the account's signing key is not the one its chain registered"));
            }
            if (!account.role().equals(payload.path(RegistrationFields.ROLE).asText())) {
                problems.add(new VerificationProblem(chain, 0, ProblemCode.ACCOUNT, "the account's role is not the one its chain registered"));
            }
            if (!Hex.encode(account.agreementPublicKey()).equals(payload.path(RegistrationFields.AGREEMENT_KEY).asText())) {
                problems.add(new VerificationProblem(chain, 0, ProblemCode.ACCOUNT,
                        "the account's encryption key is not the one its chain registered"));
            }
            boolean patient = registration.chain().party() == PartyKind.PATIENT;
            byte[] sealed = patient ? demographics.remove(account.username()) : details.remove(account.username());
            checkCommitted(payload.path(RegistrationFields.DETAILS), sealed, chain,
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
    }

    /**
     * The escrow key in the clinic's settings, which every record key is wrapped for, against the
     * one the founding administrator's registration commits to: exactly one founding block, same key.
     */
    private void checkEscrowKey(UnitOfWork work, Collection<Block> registrations, List<VerificationProblem> problems) {
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
            return;
        }
        if (founding.size() != 1) {
            problems.add(new VerificationProblem("clinic settings", -1, ProblemCode.CLINIC_SETTINGS, founding.isEmpty()
                    ? "no founding block commits to the clinic's escrow key"
                    : "more than one block claims to found the clinic with an escrow key"));
            return;
        }
        Block block = founding.get(0);
        String committed = registrationPayload(block).path(RegistrationFields.FOUNDING_ESCROW_KEY).asText();
        if (!committed.equals(Hex.encode(settings.get().escrowPublicKey()))) {
            problems.add(new VerificationProblem(block.chain().value(), 0, ProblemCode.CLINIC_SETTINGS,
                    "the clinic's escrow key in its settings is not the one its founding block commits to"));
        }
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

    private void checkRecords(UnitOfWork work, List<VerificationProblem> problems) {
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
            }
        }
        tombstones.values().forEach(tombstone -> problems.add(new VerificationProblem(
                tombstone.block().chain().value(), tombstone.block().height(), ProblemCode.DELETION, "the reason for deleting record "
                        + tombstone.event().recordId() + " is missing")));
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
            }
        }
        named.forEach((hash, block) -> problems.add(new VerificationProblem(block.chain().value(), block.height(), ProblemCode.ACCESS_REASON,
                "the reason " + hash + " this block names is missing")));
    }

    private static String kindOf(Block block) {
        return block.kind() == BlockKind.REFERRAL ? "referral" : "emergency";
    }
}
