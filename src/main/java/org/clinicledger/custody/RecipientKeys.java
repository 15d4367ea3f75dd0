package org.clinicledger.custody;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.RegistrationFields;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore.ClinicSettingsRow;
import org.clinicledger.store.AccountStore;

/**
 * The public keys that keys are wrapped for, taken from the blocks that committed them — the
 * founding block for the clinic's escrow key, a person's registration block (or newest key recovery) for theirs — and never
 * from a table row alone: the tables beside the chains can be changed by anyone who can write the
 * data folder, the signed blocks cannot without it showing. When a table disagrees with its block,
 * the write that needed the key is refused.
 */
public final class RecipientKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger;
    private final AccountStore accounts;
    /** The founding block's escrow key once read: the block cannot change while the ledger verifies. */
    private volatile byte[] foundingEscrowKey;
    /** Likewise the founding block's commitment to the directory key. */
    private volatile String directoryKeyCommitment;

    public RecipientKeys(Ledger ledger, AccountStore accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
    }

    /**
     * The clinic's escrow public key as the founding block commits to it, after checking that the
     * clinic's settings say the same.
     *
     * @throws RefusedException when the clinic is not set up, or its settings disagree with the ledger
     */
    public byte[] escrow(UnitOfWork work) {
        ClinicSettingsRow settings = accounts.settings(work)
                .orElseThrow(() -> new RefusedException("This clinic is not set up: it has no escrow key."));
        byte[] founded = foundingEscrowKey(work);
        if (!MessageDigest.isEqual(founded, settings.escrowPublicKey())) {
            throw new RefusedException("The clinic's escrow key in the settings does not match the one its founding "
                    + "block commits to: the data folder was changed outside ClinicLedger. Nothing was written; "
                    + "verify the data folder and restore it from a backup.");
        }
        return founded.clone();
    }

    /**
     * The X25519 public key of the person whose chain is {@code chain}, as their registration block
     * or their newest key recovery names it, after checking that their account row says the same.
     *
     * @throws RefusedException when there is no such account, or its row disagrees with the ledger
     */
    public byte[] of(UnitOfWork work, ChainId chain) {
        Optional<AccountRow> row = accounts.account(work, chain.subject());
        if (row.isEmpty() || !row.get().chain().equals(chain.value())) {
            throw new RefusedException("There is no account for " + chain + " to give a copy of the record's key to.");
        }
        byte[] registered = registeredAgreementKey(work, chain);
        if (registered == null || !MessageDigest.isEqual(registered, row.get().agreementPublicKey())) {
            throw new RefusedException("The public key of " + chain.subject() + " in the accounts table does not "
                    + "match the one their registration block commits to: the data folder was changed outside "
                    + "ClinicLedger. Nothing was written; verify the data folder and restore it from a backup.");
        }
        return registered;
    }

    private static byte[] registeredAgreementKey(Block registration) {
        JsonNode key = payload(registration).get(RegistrationFields.AGREEMENT_KEY);
        if (key == null || !key.isTextual()) {
            return null;
        }
        try {
            return Hex.decode(key.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] registeredAgreementKey(UnitOfWork work, ChainId chain) {
        return ledger.keysBlock(work, chain)
                .filter(block -> block.kind() == BlockKind.REGISTRATION || block.kind() == BlockKind.KEY_RECOVERED)
                .map(RecipientKeys::registeredAgreementKey).orElse(null);
    }

    /**
     * The commitment to the clinic's directory key that the founding block makes.
     *
     * @throws RefusedException when the ledger does not name exactly one
     */
    public String directoryKeyCommitment(UnitOfWork work) {
        String known = directoryKeyCommitment;
        if (known == null) {
            known = foundingField(work, RegistrationFields.FOUNDING_DIRECTORY_KEY, "directory key");
            directoryKeyCommitment = known;
        }
        return known;
    }

    private byte[] foundingEscrowKey(UnitOfWork work) {
        byte[] known = foundingEscrowKey;
        if (known == null) {
            try {
                known = Hex.decode(foundingField(work, RegistrationFields.FOUNDING_ESCROW_KEY, "escrow key"));
            } catch (IllegalArgumentException notHex) {
                known = new byte[0];
            }
            if (known.length == 0) {
                throw notOneFounding("escrow key");
            }
            foundingEscrowKey = known;
        }
        return known;
    }

    /**
     * The text of {@code field} in the one staff registration that names it: the founding
     * administrator's, whose own signature vouches for what the clinic was founded with.
     */
    private String foundingField(UnitOfWork work, String field, String what) {
        List<String> found = new ArrayList<>();
        for (Block block : ledger.registrations(work, PartyKind.STAFF)) {
            JsonNode value = payload(block).get(field);
            if (value != null) {
                found.add(value.isTextual() ? value.textValue() : "");
            }
        }
        if (found.size() != 1) {
            throw notOneFounding(what);
        }
        return found.get(0);
    }

    private static RefusedException notOneFounding(String what) {
        return new RefusedException("The ledger does not name exactly one founding " + what + " for this clinic: "
                + "the data folder was changed outside ClinicLedger. Verify it and restore it from a backup.");
    }

    private static JsonNode payload(Block block) {
        try {
            JsonNode node = JSON.readTree(block.payload());
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
