package org.clinicledger.ledger;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Role;
import org.clinicledger.store.BlockRow;

/**
 * Reads every block's payload as its kind's format, as the application will read it, and checks the
 * parties it names against the chains the block is on and the key that signed it: a registration
 * names the role its chain's party has, a change of access names exactly the patient and doctor (or
 * administrator) whose chains carry it and is signed by whoever it says acted, a referral is signed
 * by the referring doctor, a key recovery names the person recovered and the administrator, who
 * signed it. Record events name no party; their format and numbers are checked here
 * and their contents against the records by {@link TableVerifier}.
 */
final class PayloadCheck {

    /** Far above any payload ClinicLedger writes (a record event with hundreds of attachments). */
    static final int MAX_BYTES = 64 * 1024;

    private PayloadCheck() {
    }

    /**
     * Why the payload of {@code row}, of {@code kind}, signed by a key of {@code authorChain} (null
     * when the key is unknown), is not what its kind holds; empty when it is.
     */
    static Optional<String> problem(BlockRow row, BlockKind kind, String authorChain) {
        byte[] payload = row.payload();
        if (payload == null || payload.length > MAX_BYTES) {
            return Optional.of(payload == null ? "the block has no payload"
                    : "the payload is " + payload.length + " bytes, far more than any " + kind.code() + " block holds");
        }
        try {
            return switch (kind) {
                case REGISTRATION -> registration(row.chain(), payload);
                case KEY_ROTATED -> payload.length == 0 ? Optional.empty()
                        : Optional.of("a key rotation carries no payload, but this one has " + payload.length + " bytes");
                case RECORD_ADDED, RECORD_AMENDED -> written(kind, RecordEvents.readWritten(payload));
                case RECORD_DELETED -> {
                    RecordEvents.readDeleted(payload);
                    yield Optional.empty();
                }
                case RECORD_VIEWED -> {
                    RecordEvents.Viewed viewed = RecordEvents.readViewed(payload);
                    yield viewed.version() < 1 ? Optional.of("the reading names no version of the record")
                            : Optional.empty();
                }
                case ACCESS_GRANTED, ACCESS_REVOKED, REFERRAL, EMERGENCY_ACCESS -> access(row, authorChain);
                case PASSWORD_CHANGED -> passwordChanged(payload);
                case KEY_RECOVERED -> recovery(row, authorChain);
                case DEMOGRAPHICS_CORRECTED -> correction(row, authorChain);
                case ACCOUNT_STATUS -> accountStatus(row, authorChain);
                case PATIENT_MERGED -> PatientMerges.payloadProblem(row, authorChain);
            };
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            return Optional.of("the payload is not " + article(kind) + " " + kind.code() + " block's: "
                    + unreadable.getMessage());
        }
    }

    private static Optional<String> registration(String chain, byte[] payload) {
        JsonNode fields = RegistrationPayload.parse(payload).orElse(null);
        if (fields == null) {
            return Optional.of("the registration's payload is not a JSON object");
        }
        PartyKind party = BlockAuthority.partyOf(chain);
        if (OwnDetails.read(fields).isPresent() && party != PartyKind.PATIENT) {
            return Optional.of("the registration of a " + (party == null ? "chain" : party.code() + "'s chain")
                    + " carries a patient's own copy of their demographics");
        }
        if (party == null || party == PartyKind.NODE || party == PartyKind.CLINIC) {
            return Optional.empty();
        }
        JsonNode role = fields.get(RegistrationFields.ROLE);
        String named = role != null && role.isTextual() ? role.textValue() : null;
        boolean fits = switch (party) {
            case DOCTOR -> Role.DOCTOR.code().equals(named);
            case PATIENT -> Role.PATIENT.code().equals(named);
            case STAFF -> Role.ADMINISTRATOR.code().equals(named) || Role.RECEPTIONIST.code().equals(named);
            default -> true;
        };
        return fits ? Optional.empty() : Optional.of("the registration of a " + party.code() + "'s chain names "
                + (named == null ? "no role" : "the role '" + named + "'"));
    }

    private static Optional<String> passwordChanged(byte[] payload) {
        JsonNode fields = RegistrationPayload.parse(payload).orElse(null);
        JsonNode committed = fields == null ? null : fields.get(RegistrationFields.SEALED_KEYS);
        return committed != null && committed.isTextual() && committed.textValue().matches("[0-9a-f]{64}")
                ? Optional.empty()
                : Optional.of("a password change commits to no password seal");
    }

    /**
     * A key recovery names the person and the administrator whose chains carry it, the administrator
     * signed it, nobody recovers their own keys, and the person's block names the key the payload
     * gives them.
     */
    private static Optional<String> recovery(BlockRow row, String authorChain) {
        KeyRecoveries.Recovery recovery = KeyRecoveries.read(row.payload());
        String recovered = recovery.chain().value();
        String by = recovery.by().value();
        if (recovered.equals(by)) {
            return Optional.of("the payload says " + by + " recovered their own keys: an administrator recovers "
                    + "another person's keys, never their own");
        }
        Set<String> onChains = new HashSet<>();
        onChains.add(row.chain());
        if (row.counterpartChain() != null) {
            onChains.add(row.counterpartChain());
        }
        if (!onChains.equals(Set.of(recovered, by))) {
            return Optional.of("the payload names " + by + " recovering " + recovered
                    + ", which are not the chains it is written on");
        }
        if (authorChain != null && !authorChain.equals(by)) {
            return Optional.of("the payload says " + by + " acted, but the block is signed with a key of "
                    + authorChain);
        }
        if (row.chain().equals(recovered) && row.subjectKey() != null
                && !java.security.MessageDigest.isEqual(row.subjectKey(), recovery.signingKey())) {
            return Optional.of("the block names a key other than the one its payload gives the person");
        }
        if (recovery.own() != null && !(row.chain().equals(recovered) && recovery.chain().party() == PartyKind.PATIENT)) {
            return Optional.of(row.chain().equals(recovered)
                    ? "the recovery of a " + recovery.chain().party().code() + "'s keys carries a patient's own copy "
                            + "of their demographics"
                    : "the administrator's block of a recovery carries a patient's own copy of their demographics");
        }
        return Optional.empty();
    }

    /**
     * An account status names the account and the administrator whose chains carry it, the
     * administrator signed it, and nobody sets their own status.
     */
    private static Optional<String> accountStatus(BlockRow row, String authorChain) {
        AccountStatuses.Status status = AccountStatuses.read(row.payload());
        String account = status.account().value();
        String by = status.by().value();
        if (account.equals(by)) {
            return Optional.of("the payload says " + by + " set their own account's status: an administrator sets "
                    + "another person's, never their own");
        }
        Set<String> onChains = new HashSet<>();
        onChains.add(row.chain());
        if (row.counterpartChain() != null) {
            onChains.add(row.counterpartChain());
        }
        if (!onChains.equals(Set.of(account, by))) {
            return Optional.of("the payload names " + by + " setting the status of " + account
                    + ", which are not the chains it is written on");
        }
        if (authorChain != null && !authorChain.equals(by)) {
            return Optional.of("the payload says " + by + " acted, but the block is signed with a key of "
                    + authorChain);
        }
        return Optional.empty();
    }

    /**
     * A demographics correction names the patient and the member of staff whose chains carry it, that
     * member of staff signed it, and the patient's block (only) carries the version it replaced and
     * the patient's own copy.
     */
    private static Optional<String> correction(BlockRow row, String authorChain) {
        DemographicsCorrections.Correction correction = DemographicsCorrections.read(row.payload());
        String patient = correction.patient().value();
        String by = correction.by().value();
        if (row.counterpartChain() == null
                || !Set.of(row.chain(), row.counterpartChain()).equals(Set.of(patient, by))) {
            return Optional.of("the payload names " + by + " correcting " + patient
                    + ", which are not the chains it is written on");
        }
        if (authorChain != null && !authorChain.equals(by)) {
            return Optional.of("the payload says " + by + " acted, but the block is signed with a key of "
                    + authorChain);
        }
        if (row.chain().equals(patient) != (correction.replaced() != null)) {
            return Optional.of(row.chain().equals(patient)
                    ? "the patient's block of a correction does not carry the version it replaced"
                    : "the staff member's block of a correction carries a patient's demographics");
        }
        if (!row.chain().equals(patient) && correction.own() != null) {
            return Optional.of("the staff member's block of a correction carries a patient's own copy of their "
                    + "demographics");
        }
        return Optional.empty();
    }

    private static Optional<String> written(BlockKind kind, RecordEvents.Written written) {
        if (kind == BlockKind.RECORD_ADDED && (written.version() != 1 || written.supersedes() != 0)) {
            return Optional.of("a new record is version 1 and supersedes none, not version " + written.version());
        }
        if (kind == BlockKind.RECORD_AMENDED
                && (written.version() < 2 || written.supersedes() != written.version() - 1)) {
            return Optional.of("an amendment is version 2 or later and supersedes the version before it, not "
                    + written.supersedes() + " with version " + written.version());
        }
        return Optional.empty();
    }

    private static Optional<String> access(BlockRow row, String authorChain) {
        AccessEvent event = AccessEvents.decode(row.toBlock());
        String patient = AccessEvents.patientOf(row.payload()).value();
        Set<String> onChains = new HashSet<>();
        onChains.add(row.chain());
        if (row.counterpartChain() != null) {
            onChains.add(row.counterpartChain());
        }
        Set<String> named = new HashSet<>();
        named.add(patient);
        named.add(event.kind() == AccessEvent.Kind.REFERRAL ? event.actor() : event.subject());
        if (event.kind() == AccessEvent.Kind.REFERRAL) {
            named.add(event.subject());
            if (!named.containsAll(onChains) || !onChains.contains(event.actor())) {
                return Optional.of("the referral names " + String.join(", ", new TreeSet<>(named))
                        + ", which are not the chains it is written on");
            }
        } else if (!named.equals(onChains)) {
            return Optional.of("the payload names " + String.join(" and ", new TreeSet<>(named))
                    + ", not the chains it is written on");
        }
        String actor = event.actor();
        if (authorChain != null && !authorChain.equals(actor)) {
            return Optional.of("the payload says " + actor + " acted, but the block is signed with a key of "
                    + authorChain);
        }
        return Optional.empty();
    }

    private static String article(BlockKind kind) {
        return "aeiou".indexOf(kind.code().charAt(0)) >= 0 ? "an" : "a";
    }
}
