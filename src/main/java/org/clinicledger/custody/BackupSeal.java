package org.clinicledger.custody;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.ChunkedAead;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.exchange.BackupFile;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.AccountStore.AccountRow;

/**
 * The keys of a backup (decision 0023): a fresh random backup key per file, which seals the
 * content as a chunked stream ({@link ChunkedAead}) bound to the header's SHA-256, and is wrapped
 * for the agreement key of every administrator, as their registration block (or newest key
 * recovery) commits to it. The header carries each administrator's password-sealed keys as their
 * account row holds them, so that the password alone opens the backup where no database is yet.
 */
public final class BackupSeal {

    private final AccountStore accounts;
    private final RecipientKeys committed;
    private final SecureRandom random;

    public BackupSeal(AccountStore accounts, RecipientKeys committed, SecureRandom random) {
        this.accounts = accounts;
        this.committed = committed;
        this.random = random;
    }

    /** A backup key and its copies for the administrators; {@link #close()} wipes the key. */
    public static final class Sealing implements AutoCloseable {
        private final byte[] key;
        private final List<BackupFile.Recipient> recipients;

        private Sealing(byte[] key, List<BackupFile.Recipient> recipients) {
            this.key = key;
            this.recipients = List.copyOf(recipients);
        }

        /** Who can open the backup, for its header. */
        public List<BackupFile.Recipient> recipients() {
            return recipients;
        }

        /** A stream that seals the content into {@code out}, bound to the header whose digest is given. */
        public OutputStream seal(OutputStream out, byte[] headerDigest) {
            return ChunkedAead.sealing(out, key, associatedData(headerDigest));
        }

        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Makes a backup key and wraps it for every administrator, reading who they are inside the
     * caller's unit of work; an account row whose agreement key is not the one its chain commits to
     * is refused, as for a record key.
     */
    public Sealing begin(UnitOfWork work) {
        byte[] key = Aead.newKey(random);
        try {
            List<BackupFile.Recipient> recipients = new ArrayList<>();
            for (String username : accounts.usernamesWithRole(work, Role.ADMINISTRATOR.code())) {
                AccountRow row = accounts.account(work, username).orElseThrow();
                byte[] agreementKey = committed.of(work, ChainId.parse(row.chain()));
                byte[] wrapped = KeyWrap.wrap(key, agreementKey, context(username), random).encoded();
                recipients.add(new BackupFile.Recipient(username, row.sealedKeys(), wrapped));
            }
            if (recipients.isEmpty()) {
                throw new RefusedException("The clinic has no administrator who could open a backup.");
            }
            return new Sealing(key, recipients);
        } catch (RuntimeException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        }
    }

    /**
     * The backup key, which the caller wipes, from {@code recipient}'s copy opened with their
     * password. The password is checked by the seal alone: there is no database yet to count wrong
     * attempts in, and whoever holds the file can try passwords offline anyway, as with the
     * database itself (decision 0023).
     *
     * @throws LoginFailedException when the password does not open the administrator's keys
     * @throws InvalidInputException when the keys open but the backup key does not: the file was changed
     */
    public static byte[] openKey(BackupFile.Recipient recipient, char[] password) {
        byte[] privateKeys = PasswordSeal.unseal(recipient.username(), recipient.sealedKeys(), password);
        if (privateKeys == null) {
            throw new LoginFailedException(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        }
        AccountKeys keys = AccountKeys.fromPrivateKeys(privateKeys);
        try {
            return KeyWrap.unwrap(KeyWrap.WrappedKey.decode(recipient.wrappedKey()), keys.agreement(),
                    context(recipient.username()));
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            throw new InvalidInputException("This ClinicLedger backup is damaged: the backup key kept for "
                    + recipient.username() + " does not open.");
        } finally {
            keys.destroy();
        }
    }

    /** The content sealed in {@code in}, opened chunk by chunk with {@code key} (see {@link ChunkedAead#opening}). */
    public static InputStream open(InputStream in, byte[] key, byte[] headerDigest) {
        return ChunkedAead.opening(in, key, associatedData(headerDigest));
    }

    private static byte[] context(String username) {
        return Labels.bind(Labels.BACKUP_KEY, username);
    }

    private static byte[] associatedData(byte[] headerDigest) {
        return Labels.bind(Labels.BACKUP_CONTENT, Hex.encode(headerDigest));
    }
}
