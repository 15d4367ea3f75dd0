package org.clinicledger.ledger;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.domain.Block;

/**
 * The patient's own copy of their demographics, sealed for their key ({@code custody.OwnSeal}):
 * a member {@value #FIELD} (hex) of a patient's registration block and of the patient's block of
 * each demographics correction and key recovery, never of a block on another chain. Staff read demographics with
 * the directory key; the patient, who holds no directory key, reads the newest copy on their chain
 * (so their own FHIR Bundle can name them). The block's signature is what vouches for it: anyone
 * can seal for a public key, nobody can sign a registration or a correction without the key.
 */
public final class OwnDetails {

    /** The payload member. */
    public static final String FIELD = "ownDetails";

    /**
     * The largest copy read: the wrapped key and 4 KiB of sealed demographics, over twice what the
     * longest name and contact seal to, and small enough that a registration stays within
     * {@link RegistrationPayload#MAX_BYTES} in hex.
     */
    static final int MAX_BYTES = 4 * 1024 + KeyWrap.WrappedKey.ENCODED_LENGTH;

    private OwnDetails() {
    }

    /** Adds the copy to a payload being made. */
    public static void put(ObjectNode payload, byte[] own) {
        payload.put(FIELD, Hex.encode(own));
    }

    /**
     * The copy {@code block} carries, if it is a registration, a demographics correction or a key
     * recovery that carries one; empty for any other block and for a payload that does not read as its kind's
     * (verification names those).
     */
    public static Optional<byte[]> of(Block block) {
        try {
            return switch (block.kind()) {
                case REGISTRATION -> RegistrationPayload.parse(block.payload()).flatMap(OwnDetails::read);
                case DEMOGRAPHICS_CORRECTED -> DemographicsCorrections.readable(block.payload())
                        .map(DemographicsCorrections.Correction::own);
                case KEY_RECOVERED -> KeyRecoveries.readable(block.payload()).map(KeyRecoveries.Recovery::own);
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The copy a payload carries, if any.
     *
     * @throws IllegalArgumentException when the member is there but is not hex of a sealed copy's size
     */
    public static Optional<byte[]> read(JsonNode payload) {
        JsonNode field = payload == null ? null : payload.get(FIELD);
        if (field == null) {
            return Optional.empty();
        }
        if (!field.isTextual()) {
            throw new IllegalArgumentException("its " + FIELD + " is not text");
        }
        byte[] own;
        try {
            own = Hex.decode(field.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + FIELD + " is not hex");
        }
        if (own.length <= KeyWrap.WrappedKey.ENCODED_LENGTH || own.length > MAX_BYTES) {
            throw new IllegalArgumentException("its " + FIELD + " is not a sealed copy of demographics");
        }
        return Optional.of(own);
    }
}
