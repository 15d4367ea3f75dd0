package org.clinicledger.ledger;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Role;

/**
 * Who may write each kind of block, in one place: the party whose act a block records must be the
 * owner of the key that signed it, and that key must belong to the chain the block is on or to the
 * chain of its counterpart block (the other side of the same event). A registration is signed by
 * the key it registers and a key rotation by the chain's current key; {@link ChainVerifier} checks
 * those two where it follows a chain's keys. A key recovery's new key is vouched for by the
 * administrator who signs it, under the second table ({@link KeyTrust#recoveryRefusal}).
 *
 * <table>
 *   <caption>The acting party of each kind</caption>
 *   <tr><th>kind</th><th>signed by</th><th>on the actor's chain and</th></tr>
 *   <tr><td>record added, amended, deleted</td><td>the doctor</td><td>the patient's</td></tr>
 *   <tr><td>referral</td><td>the referring doctor</td><td>the patient's, the receiving doctor's</td></tr>
 *   <tr><td>access granted, revoked</td><td>the patient</td><td>the doctor's</td></tr>
 *   <tr><td>emergency access</td><td>an administrator</td><td>the patient's</td></tr>
 *   <tr><td>record viewed</td><td>the reader: a doctor or a member of staff, or the patient alone</td>
 *       <td>the patient's</td></tr>
 *   <tr><td>password changed</td><td>the account's owner</td><td>(its own chain alone)</td></tr>
 *   <tr><td>key recovered</td><td>an administrator, never for themselves ({@link PayloadCheck})</td>
 *       <td>the recovered person's (doctor, member of staff or patient)</td></tr>
 *   <tr><td>demographics corrected</td><td>a receptionist or an administrator</td><td>the patient's</td></tr>
 *   <tr><td>account status (deactivated, reactivated)</td><td>an administrator, never for themselves
 *       ({@link PayloadCheck})</td><td>the account's (doctor or member of staff)</td></tr>
 *   <tr><td>patient merged</td><td>a receptionist or an administrator</td><td>the duplicate patient's</td></tr>
 * </table>
 *
 * A node chain and the clinic's chain hold their registration only.
 *
 * <p>Every key is vouched for by another ({@link KeyAuthorization}), back to the clinic key:
 *
 * <table>
 *   <caption>Who may authorize whose key</caption>
 *   <tr><th>authorizer</th><th>may authorize</th></tr>
 *   <tr><td>the clinic key</td><td>the clinic's machines (node keys) and anyone else (at set-up: the first administrator)</td></tr>
 *   <tr><td>an administrator</td><td>staff (administrators, receptionists), doctors, patients</td></tr>
 *   <tr><td>a receptionist</td><td>doctors, patients</td></tr>
 *   <tr><td>a machine the clinic key vouched for</td><td>a replica machine, started by an export (decision 0022)</td></tr>
 *   <tr><td>a doctor, a patient, a replica machine</td><td>no one</td></tr>
 * </table>
 */
final class BlockAuthority {

    private static final Map<BlockKind, Set<PartyKind>> ACTORS = new EnumMap<>(BlockKind.class);

    static {
        ACTORS.put(BlockKind.RECORD_ADDED, Set.of(PartyKind.DOCTOR));
        ACTORS.put(BlockKind.RECORD_AMENDED, Set.of(PartyKind.DOCTOR));
        ACTORS.put(BlockKind.RECORD_DELETED, Set.of(PartyKind.DOCTOR));
        ACTORS.put(BlockKind.REFERRAL, Set.of(PartyKind.DOCTOR));
        ACTORS.put(BlockKind.ACCESS_GRANTED, Set.of(PartyKind.PATIENT));
        ACTORS.put(BlockKind.ACCESS_REVOKED, Set.of(PartyKind.PATIENT));
        ACTORS.put(BlockKind.EMERGENCY_ACCESS, Set.of(PartyKind.STAFF));
        ACTORS.put(BlockKind.RECORD_VIEWED, Set.of(PartyKind.DOCTOR, PartyKind.STAFF, PartyKind.PATIENT));
        ACTORS.put(BlockKind.PASSWORD_CHANGED, Set.of(PartyKind.DOCTOR, PartyKind.STAFF, PartyKind.PATIENT));
        ACTORS.put(BlockKind.KEY_RECOVERED, Set.of(PartyKind.STAFF));
        ACTORS.put(BlockKind.DEMOGRAPHICS_CORRECTED, Set.of(PartyKind.STAFF));
        ACTORS.put(BlockKind.ACCOUNT_STATUS, Set.of(PartyKind.STAFF));
        ACTORS.put(BlockKind.PATIENT_MERGED, Set.of(PartyKind.STAFF));
    }

    private BlockAuthority() {
    }

    /**
     * Why a block of {@code kind} on {@code chain} (with its counterpart on {@code counterpart}, or
     * none) may not be signed by a key of {@code authorChain}, whose registration names
     * {@code authorRole} (or null); empty when it may.
     */
    static Optional<String> refusal(BlockKind kind, String chain, String counterpart, String authorChain,
            String authorRole) {
        PartyKind owner = partyOf(chain);
        if ((owner == PartyKind.NODE || owner == PartyKind.CLINIC) && kind != BlockKind.REGISTRATION) {
            return Optional.of((owner == PartyKind.NODE ? "a machine's" : "the clinic's") + " chain holds its "
                    + "registration only, not " + article(kind.code()) + " " + kind.code() + " block");
        }
        Set<PartyKind> actors = ACTORS.get(kind);
        if (actors == null) {
            return Optional.empty();
        }
        boolean ownChain = authorChain.equals(chain);
        if (!ownChain && !authorChain.equals(counterpart)) {
            return Optional.of("the block is signed with a key of " + authorChain
                    + ", which is neither this chain's nor its counterpart's");
        }
        PartyKind party = partyOf(authorChain);
        if (party == null || !actors.contains(party)) {
            return Optional.of(article(kind.code()) + " " + kind.code() + " block may not be signed by a "
                    + (party == null ? "key of no known party" : party.code() + "'s key"));
        }
        if ((kind == BlockKind.EMERGENCY_ACCESS || kind == BlockKind.KEY_RECOVERED)
                && !Role.ADMINISTRATOR.code().equals(authorRole)) {
            return Optional.of((kind == BlockKind.EMERGENCY_ACCESS ? "an emergency access" : "a key recovery")
                    + " may be signed by an administrator only, not by "
                    + (authorRole == null ? "an account without a role" : "a " + authorRole));
        }
        if (kind == BlockKind.ACCOUNT_STATUS && !Role.ADMINISTRATOR.code().equals(authorRole)) {
            return Optional.of("an account's deactivation or reactivation may be signed by an administrator only, not by "
                    + (authorRole == null ? "an account without a role" : "a " + authorRole));
        }
        if (kind == BlockKind.ACCOUNT_STATUS && counterpart == null) {
            return Optional.of("an account's status is written on the account's chain and the administrator's, not on one alone");
        }
        if (kind == BlockKind.KEY_RECOVERED && counterpart == null) {
            return Optional.of("a key recovery is written on the person's chain and the administrator's, not on one alone");
        }
        if (kind == BlockKind.PATIENT_MERGED
                && (counterpart == null || partyOf(ownChain ? counterpart : chain) != PartyKind.PATIENT)) {
            return Optional.of("a merge of patients is written by a member of staff on their own chain "
                    + "and the duplicate patient's");
        }
        if (kind == BlockKind.DEMOGRAPHICS_CORRECTED
                && (counterpart == null || partyOf(ownChain ? counterpart : chain) != PartyKind.PATIENT)) {
            return Optional.of("a correction of demographics is written by a member of staff on their own chain "
                    + "and the patient's");
        }
        if (kind == BlockKind.PASSWORD_CHANGED && (!ownChain || counterpart != null)) {
            return Optional.of("a password change is written by the account's owner on their own chain alone");
        }
        if (party == PartyKind.PATIENT && kind == BlockKind.RECORD_VIEWED && (!ownChain || counterpart != null)) {
            return Optional.of("a patient's reading is written on their own chain alone");
        }
        return Optional.empty();
    }

    /**
     * Why a key of {@code authorizerChain}, whose registration names {@code authorizerRole} (or
     * null), may not vouch for the key that registers {@code chain}; empty when it may. The clinic
     * key vouches for the clinic's machines and its first administrator (and may vouch for anyone);
     * an administrator for staff, doctors and patients; a receptionist for doctors and patients.
     */
    static Optional<String> authorizationRefusal(String authorizerChain, String authorizerRole, String chain) {
        PartyKind authorizer = partyOf(authorizerChain);
        PartyKind registered = partyOf(chain);
        if (authorizer == PartyKind.CLINIC && registered != PartyKind.CLINIC && registered != null) {
            return Optional.empty();
        }
        if (authorizer == PartyKind.NODE && registered == PartyKind.NODE) {
            // A machine starts a replica of the clinic for one doctor's offline work (decision 0022);
            // KeyTrust allows it only to a machine the clinic key vouched for itself.
            return Optional.empty();
        }
        Set<PartyKind> allowed = authorizer != PartyKind.STAFF ? Set.of()
                : Role.ADMINISTRATOR.code().equals(authorizerRole)
                        ? Set.of(PartyKind.STAFF, PartyKind.DOCTOR, PartyKind.PATIENT)
                        : Role.RECEPTIONIST.code().equals(authorizerRole) ? Set.of(PartyKind.DOCTOR, PartyKind.PATIENT)
                        : Set.of();
        if (registered != null && allowed.contains(registered)) {
            return Optional.empty();
        }
        String who = authorizer == PartyKind.STAFF && authorizerRole != null ? "a " + authorizerRole
                : authorizer == null ? "a key of no known party" : "a " + authorizer.code();
        return Optional.of("the key it registers is vouched for by " + authorizerChain + ", " + who
                + ", who may not authorize " + (registered == null ? "a key of no known party"
                        : registered == PartyKind.NODE ? "a machine's key" : "a " + registered.code() + "'s key"));
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** The party a chain id names, or null when it is not a chain id. */
    static PartyKind partyOf(String chain) {
        try {
            return ChainId.parse(chain).party();
        } catch (IllegalArgumentException notAChain) {
            return null;
        }
    }
}
