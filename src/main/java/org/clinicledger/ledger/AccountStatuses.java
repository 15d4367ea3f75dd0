package org.clinicledger.ledger;

import static org.clinicledger.ledger.PayloadFields.chain;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;

/**
 * The payload of a {@link org.clinicledger.domain.BlockKind#ACCOUNT_STATUS} event: an administrator
 * deactivated or reactivated a doctor's or a member of staff's account. The same payload goes on
 * both chains of the event, the account's and the administrator's; it is RFC 8785 canonical JSON
 * and holds no plaintext:
 * <pre>
 * {"account":"doctor/…","active":false,"by":"staff/…","format":"clinicledger/account-status/v1","reason":"hex"}
 * </pre>
 * {@code active} is the status from this block on; {@code reason}, present on a deactivation only,
 * is the reason sealed with the clinic's directory key (staff read it, nobody else). The newest such
 * block on the account's own chain is the account's status: there is no status column to drift from
 * it (decision 0028).
 */
public final class AccountStatuses {

    /** The format of the payload; a later, incompatible one gets a new name. */
    public static final String FORMAT = "clinicledger/account-status/v1";

    /** The longest sealed reason a payload carries, in bytes: far above what a reason of the limit seals to. */
    static final int MAX_SEALED_REASON = 8 * 1024;

    private AccountStatuses() {
    }

    /**
     * What an account-status payload says.
     *
     * @param sealedReason the reason as sealed with the directory key; empty on a reactivation
     */
    public record Status(ChainId account, ChainId by, boolean active, Optional<byte[]> sealedReason) {
    }

    /**
     * An account's status as the newest account-status block on its chain sets it.
     *
     * @param by the administrator who set it; null when the payload does not read
     * @param height the block's height on the account's chain
     * @param trusted whether the payload reads and the block's hash and signature hold, under a
     *     key of the chain the payload names as acting; an untrusted status is no status to act on
     */
    public record Standing(ChainId account, boolean active, java.time.Instant since, ChainId by,
            Optional<byte[]> sealedReason, long height, boolean trusted) {
    }

    /**
     * Whether an account whose newest status is {@code standing} (null: never set) may act: a
     * deactivation, and a status block that does not hold, keep it out.
     */
    public static boolean active(Standing standing) {
        return standing == null || (standing.trusted() && standing.active());
    }

    /**
     * The payload of {@code administrator} setting {@code account}'s status.
     *
     * @param sealedReason required when {@code active} is false, absent when it is true
     */
    public static byte[] payload(ChainId account, ChainId administrator, boolean active, byte[] sealedReason) {
        if (account.equals(administrator) || administrator.party() != PartyKind.STAFF
                || (account.party() != PartyKind.DOCTOR && account.party() != PartyKind.STAFF)
                || (sealedReason == null) != active) {
            throw new IllegalArgumentException("An administrator sets another doctor's or staff member's status, "
                    + "with a reason when deactivating");
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("account", account.value());
        payload.put("active", active);
        payload.put("by", administrator.value());
        payload.put(RegistrationFields.FORMAT, FORMAT);
        if (sealedReason != null) {
            payload.put("reason", Hex.encode(sealedReason));
        }
        return CanonicalJson.encode(payload);
    }

    /**
     * Reads an account-status payload, strictly: canonical form, every field present and of its
     * shape, a reason exactly when the account is deactivated.
     *
     * @throws IllegalArgumentException saying what is wrong with a payload that is not one
     */
    public static Status read(byte[] payload) {
        JsonNode node = CanonicalPayload.read(payload);
        if (!FORMAT.equals(node.path(RegistrationFields.FORMAT).asText(null))) {
            throw new IllegalArgumentException("its payload is not in the format " + FORMAT);
        }
        ChainId account = chain(node, "account");
        ChainId by = chain(node, "by");
        if (by.party() != PartyKind.STAFF) {
            throw new IllegalArgumentException("its by is not a member of staff's chain");
        }
        if (account.party() != PartyKind.DOCTOR && account.party() != PartyKind.STAFF) {
            throw new IllegalArgumentException("its account is not a doctor's or a member of staff's chain");
        }
        JsonNode active = node.get("active");
        if (active == null || !active.isBoolean()) {
            throw new IllegalArgumentException("its active is not true or false");
        }
        Optional<byte[]> reason = Optional.empty();
        if (node.has("reason")) {
            JsonNode value = node.get("reason");
            byte[] sealed;
            try {
                sealed = value.isTextual() ? Hex.decode(value.textValue()) : new byte[0];
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its reason is not hex");
            }
            if (sealed.length == 0 || sealed.length > MAX_SEALED_REASON) {
                throw new IllegalArgumentException("its reason is not a sealed reason");
            }
            reason = Optional.of(sealed);
        }
        if (reason.isPresent() == active.booleanValue()) {
            throw new IllegalArgumentException(active.booleanValue() ? "a reactivation carries no reason"
                    : "a deactivation carries its sealed reason");
        }
        if (node.size() != (reason.isPresent() ? 5 : 4)) {
            throw new IllegalArgumentException("its payload has members an account status does not have");
        }
        return new Status(account, by, active.booleanValue(), reason);
    }
}
