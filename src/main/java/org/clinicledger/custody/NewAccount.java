package org.clinicledger.custody;

import java.security.SecureRandom;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.ChainId;
import org.clinicledger.ledger.KeyAuthorization;
import org.clinicledger.ledger.RegistrationFields;
import org.clinicledger.ledger.SealCommitment;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore.SealedKeysRow;

/**
 * An account being made, whatever its role: fresh key pairs, the private keys sealed under the
 * new password ({@link PasswordSeal}), the row to store and the payload of the registration block
 * that starts its chain. Closing it wipes the private keys; the caller closes it once the account is
 * stored (or not).
 */
public final class NewAccount implements AutoCloseable {

    private static final int REGISTRATION_FORMAT = 1;

    private final Account account;
    private final AccountKeys keys;
    private final AccountRow row;

    private NewAccount(Account account, AccountKeys keys, AccountRow row) {
        this.account = account;
        this.keys = keys;
        this.row = row;
    }

    /**
     * Makes the keys and seals them under {@code password} at {@code cost}: one Argon2id derivation.
     *
     * @param password the caller still owns and wipes it
     */
    public static NewAccount create(Account account, char[] password, PasswordCost cost, SecureRandom random) {
        AccountKeys keys = AccountKeys.generate(random);
        try {
            SealedKeysRow sealed = PasswordSeal.seal(keys, account.username(), password, cost, random);
            AccountRow row = new AccountRow(account.username(), account.role().code(), account.chain().value(),
                    keys.signingPublicKey(), keys.agreementPublicKey(), sealed, 0, null,
                    account.createdAt().toEpochMilli());
            return new NewAccount(account, keys, row);
        } catch (RuntimeException e) {
            keys.destroy();
            throw e;
        }
    }

    /**
     * What the account's registration block says, as canonical JSON and never in plaintext: the
     * role, the X25519 key that receives wrapped keys, the SHA-256 of the sealed directory entry
     * (null when there is none), the commitment to the password seal ({@link SealCommitment}), the
     * chain of whoever added the account (null at set-up), and the {@link KeyAuthorization} by which
     * {@code authorizer} (whoever added the account, or the clinic key at set-up) vouches for the new
     * signing key. Login checks the role, keys and seal against it.
     */
    public ObjectNode registrationPayload(byte[] sealedDetails, ChainId addedBy, SigningKey authorizer) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put(RegistrationFields.FORMAT, REGISTRATION_FORMAT);
        payload.put(RegistrationFields.ROLE, account.role().code());
        payload.put(RegistrationFields.AGREEMENT_KEY, Hex.encode(keys.agreementPublicKey()));
        if (sealedDetails == null) {
            payload.putNull(RegistrationFields.DETAILS);
        } else {
            payload.put(RegistrationFields.DETAILS, Hex.encode(Sha256.digest(sealedDetails)));
        }
        payload.put(RegistrationFields.SEALED_KEYS, SealCommitment.of(row.sealedKeys()));
        if (addedBy == null) {
            payload.putNull("addedBy");
        } else {
            payload.put("addedBy", addedBy.value());
        }
        return KeyAuthorization.sign(authorizer, account.chain(), keys.signingPublicKey()).addTo(payload);
    }

    public Account account() {
        return account;
    }

    public AccountKeys keys() {
        return keys;
    }

    /** The row to store: public keys, and private keys only sealed under the password. */
    public AccountRow row() {
        return row;
    }

    @Override
    public void close() {
        keys.destroy();
    }
}
