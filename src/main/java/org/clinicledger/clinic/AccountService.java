package org.clinicledger.clinic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.Argon2id;
import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.crypto.X25519;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.domain.Username;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore.ClinicKeyPurpose;
import org.clinicledger.store.AccountStore.ClinicSettingsRow;
import org.clinicledger.store.AccountStore.SealedKeysRow;
import org.clinicledger.store.ClinicDao;
import org.clinicledger.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First-run set-up of the clinic's keys and first administrator, accounts, login and passwords.
 *
 * <p>Every account has an Ed25519 key pair (it signs the blocks of the account's chain) and an
 * X25519 key pair (keys are wrapped for it). The private keys are stored only sealed: AES-256-GCM
 * under a key that Argon2id derives from the password, with the username bound as associated
 * data. Opening the seal is the password check, so no password hash is stored and a wrong
 * password is told apart by the cipher's constant-time tag comparison alone.
 *
 * <p>The clinic has two keys of its own: the directory key (AES-256), which encrypts what staff
 * need to search such as names and is wrapped for every member of staff, and the escrow key pair
 * (X25519), whose public key later receives a copy of every record key and whose private key is
 * wrapped for every administrator, for audited emergency access and recovery.
 */
public final class AccountService {

    /** Consecutive wrong passwords after which an account is locked. */
    static final int LOCK_AFTER_FAILURES = 5;
    /** The first lock; each further wrong password doubles it. */
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    /** How long wrong logins under a name without an account are remembered once any lock has ended. */
    static final Duration FORGET_UNKNOWN_LOGINS = Duration.ofDays(1);

    private static final String DETAILS_LABEL = "clinicledger/account-details/v1";
    private static final String CLINIC_KEY_LABEL = "clinicledger/clinic-key/v1";
    private static final String UNKNOWN_LOGIN_LABEL = "clinicledger/unknown-login/v1";

    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

    private final Database database;
    private final AccountStore accounts = new AccountStore();
    private final ClinicDao clinics;
    private final Ledger ledger;
    private final Clock clock;
    private final SecureRandom random;
    private final KeyDerivationTuning tuning;

    AccountService(Database database, ClinicDao clinics, Ledger ledger, Clock clock, SecureRandom random,
            KeyDerivationTuning tuning) {
        this.database = database;
        this.clinics = clinics;
        this.ledger = ledger;
        this.clock = clock;
        this.random = random;
        this.tuning = tuning;
    }

    /** Whether first-run set-up has made the clinic's keys and first administrator. */
    public boolean isSetUp() {
        return read("read the clinic's settings", connection -> accounts.settings(connection)).isPresent();
    }

    /**
     * First-run set-up: names the clinic, tunes the password cost to this machine, makes the
     * escrow and directory keys and the first administrator with their staff chain, all in one
     * transaction. Refused when the clinic exists already, however it was made.
     *
     * @param password the administrator's new password; the caller still owns and wipes it
     */
    public Account setUp(String clinicName, String administrator, char[] password) {
        ClinicProfile profile = new ClinicProfile(clinicName, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        String username = staffUsername(administrator);
        PasswordRules.check(password);
        requireNotSetUp();

        PasswordCost cost = atLeastDefault(tuning.passwordCost());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Account account = new Account(username, Role.ADMINISTRATOR, new ChainId(PartyKind.STAFF, username), now);
        X25519.KeyPair escrow = X25519.KeyPair.generate(random);
        byte[] directoryKey = Aead.newKey(random);
        byte[] escrowPrivateKey = escrow.privateKey();
        try (NewAccount made = NewAccount.create(account, password, cost, random)) {
            byte[] agreementKey = made.keys.agreement.publicKey();
            byte[] wrappedDirectory = wrap(directoryKey, ClinicKeyPurpose.DIRECTORY, username, agreementKey);
            byte[] wrappedEscrow = wrap(escrowPrivateKey, ClinicKeyPurpose.ESCROW, username, agreementKey);
            ObjectNode payload = made.registrationPayload(null, null);
            // The founding administrator's own signature vouches for the clinic's escrow key on the ledger.
            payload.put("clinicEscrowKey", Hex.encode(escrow.publicKey()));
            ClinicSettingsRow settings = new ClinicSettingsRow(escrow.publicKey(), cost.memoryKiB(), cost.iterations(),
                    cost.parallelism());
            ledger.register(PartyKind.STAFF, username, made.keys.signingKey, CanonicalJson.encode(payload), connection -> {
                if (!accounts.insertSettings(connection, settings)) {
                    throw new RefusedException(alreadySetUpMessage());
                }
                clinics.save(connection, profile);
                accounts.insertAccount(connection, made.row);
                accounts.insertWrappedKey(connection, username, ClinicKeyPurpose.DIRECTORY, wrappedDirectory);
                accounts.insertWrappedKey(connection, username, ClinicKeyPurpose.ESCROW, wrappedEscrow);
                return null;
            });
            LOG.info("Clinic set up with administrator account {} (Argon2id {} KiB, {} passes)", username,
                    cost.memoryKiB(), cost.iterations());
            return account;
        } finally {
            Arrays.fill(escrowPrivateKey, (byte) 0);
            Arrays.fill(directoryKey, (byte) 0);
            escrow.destroy();
        }
    }

    /**
     * Refuses, with the message set-up would give, when the clinic has been set up already: lets a
     * caller stop before asking anyone for a new password. A clinic that an earlier version only
     * named is not set up; set-up completes it.
     */
    public void requireNotSetUp() {
        if (isSetUp()) {
            throw new RefusedException(alreadySetUpMessage());
        }
    }

    private Optional<ClinicProfile> existingClinic() {
        try {
            return clinics.find();
        } catch (SQLException e) {
            throw new StorageFailure("read the clinic's details", e);
        }
    }

    private String alreadySetUpMessage() {
        String name = existingClinic().map(ClinicProfile::name).orElse("another clinic");
        return "This data folder already belongs to the clinic \u201c" + name + "\u201d; set-up is done only once.";
    }

    /**
     * Adds a member of staff: an administrator adds administrators, receptionists and doctors; a
     * receptionist adds doctors. The name, specialty and licence are sealed with the clinic's
     * directory key; the new account gets the directory key (and, for an administrator, the escrow
     * key) wrapped for it, and its chain is registered in the same transaction.
     *
     * @param password the new account's password; the caller still owns and wipes it
     */
    public Account addAccount(Session actor, Role role, String newUsername, char[] password, AccountDetails details) {
        actor.use(clock.instant());
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(details, "details");
        if (role == Role.PATIENT) {
            throw new InvalidInputException("A patient's account is made when the patient is registered, "
                    + "with their MRN as username.");
        }
        boolean allowed = actor.role() == Role.ADMINISTRATOR
                || (actor.role() == Role.RECEPTIONIST && role == Role.DOCTOR);
        if (!allowed) {
            throw new RefusedException(actor.role() == Role.RECEPTIONIST
                    ? "A receptionist can add doctors only; ask an administrator to add a " + role.code() + "."
                    : "Only an administrator can add accounts.");
        }
        if (role != Role.DOCTOR && (details.specialty() != null || details.licence() != null)) {
            throw new InvalidInputException("Only a doctor's account has a specialty and a licence number.");
        }
        String username = staffUsername(newUsername);
        PasswordRules.check(password);
        if (read("look up an account", connection -> accounts.account(connection, username)).isPresent()) {
            throw new RefusedException(usernameTakenMessage(username));
        }
        PasswordCost cost = newAccountCost();

        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Account account = new Account(username, role, new ChainId(role.party(), username), now);
        byte[] directoryKey = null;
        byte[] escrowPrivateKey = null;
        NewAccount made = null;
        try {
            directoryKey = actor.directoryKey();
            escrowPrivateKey = role == Role.ADMINISTRATOR ? unwrapEscrowKey(actor) : null;
            made = NewAccount.create(account, password, cost, random);
            AccountRow row = made.row;
            byte[] agreementKey = made.keys.agreement.publicKey();
            byte[] sealedDetails = details.isEmpty() ? null : sealDetails(directoryKey, username, details);
            byte[] wrappedDirectory = wrap(directoryKey, ClinicKeyPurpose.DIRECTORY, username, agreementKey);
            byte[] wrappedEscrow = escrowPrivateKey == null ? null
                    : wrap(escrowPrivateKey, ClinicKeyPurpose.ESCROW, username, agreementKey);
            byte[] payload = CanonicalJson.encode(made.registrationPayload(sealedDetails, actor.chain()));
            ledger.register(role.party(), username, made.keys.signingKey, payload, connection -> {
                if (!accounts.insertAccount(connection, row)) {
                    throw new RefusedException(usernameTakenMessage(username));
                }
                if (sealedDetails != null) {
                    accounts.insertDetails(connection, username, sealedDetails);
                }
                accounts.insertWrappedKey(connection, username, ClinicKeyPurpose.DIRECTORY, wrappedDirectory);
                if (wrappedEscrow != null) {
                    accounts.insertWrappedKey(connection, username, ClinicKeyPurpose.ESCROW, wrappedEscrow);
                }
                return null;
            });
            LOG.info("Account {} added with role {} by {}", username, role.code(), actor.username());
            return account;
        } finally {
            if (directoryKey != null) {
                Arrays.fill(directoryKey, (byte) 0);
            }
            if (escrowPrivateKey != null) {
                Arrays.fill(escrowPrivateKey, (byte) 0);
            }
            if (made != null) {
                made.close();
            }
        }
    }

    /**
     * A member of staff's username. A name written like an MRN is kept for patients, whose
     * usernames are their MRNs, so that such a name typed at a login can only mean a patient.
     */
    private static String staffUsername(String raw) {
        String username = Username.normalize(raw);
        if (MedicalRecordNumber.looksLikeOne(username)) {
            throw new InvalidInputException("A username written like a medical record number is kept for patients: "
                    + "choose one with a letter in it.");
        }
        return username;
    }

    /**
     * The username that what a person typed at a login names, or null when it names none: an MRN,
     * with or without dashes, is the patient's nine digits.
     */
    static String loginName(String typed) {
        if (MedicalRecordNumber.looksLikeOne(typed)) {
            try {
                return MedicalRecordNumber.parse(typed.strip()).digits();
            } catch (InvalidInputException mistyped) {
                return null;
            }
        }
        return Username.isValid(typed) ? Username.normalize(typed) : null;
    }

    /** The Argon2id cost a new account's keys are sealed at; refused before set-up. */
    PasswordCost newAccountCost() {
        return currentCost().orElseThrow(() -> new RefusedException("The clinic has not been set up yet."));
    }

    private static String usernameTakenMessage(String username) {
        return "The username " + username + " is taken: every person has one account, and every account its own username.";
    }

    private byte[] unwrapEscrowKey(Session administrator) {
        return unwrapEscrowKey(administrator, "so it cannot add an administrator");
    }

    /**
     * The clinic's escrow private key, unwrapped from the administrator's copy; the caller wipes it.
     *
     * @param consequence what the administrator cannot do without one, for the refusal
     */
    byte[] unwrapEscrowKey(Session administrator, String consequence) {
        byte[] wrapped = read("read the clinic's escrow key", connection ->
                accounts.wrappedKey(connection, administrator.username(), ClinicKeyPurpose.ESCROW))
                .orElseThrow(() -> new RefusedException("Your account holds no copy of the clinic's escrow key, "
                        + consequence + "."));
        return unwrap(wrapped, ClinicKeyPurpose.ESCROW, administrator);
    }

    /** The account's public facts, if there is such an account; a patient's may be asked for by MRN, with dashes or without. */
    public Optional<Account> account(String username) {
        String normalized = loginName(username);
        if (normalized == null) {
            return Optional.empty();
        }
        return read("look up an account", connection -> accounts.account(connection, normalized))
                .map(AccountService::toAccount);
    }

    /**
     * What the directory says about {@code username}, decrypted with the reader's directory key;
     * {@link AccountDetails#NONE} when nothing was recorded.
     */
    public AccountDetails details(Session reader, String username) {
        reader.use(clock.instant());
        String normalized = Username.normalize(username);
        Optional<byte[]> sealed = read("read the directory", connection -> accounts.details(connection, normalized));
        if (sealed.isEmpty()) {
            return AccountDetails.NONE;
        }
        byte[] directoryKey = reader.directoryKey();
        byte[] plaintext = null;
        try {
            plaintext = Aead.open(directoryKey, Aead.Sealed.decode(sealed.get()), PasswordSeal.label(DETAILS_LABEL, normalized));
            JsonNode fields = new ObjectMapper().readTree(plaintext);
            return new AccountDetails(text(fields, "name"), text(fields, "specialty"), text(fields, "licence"));
        } catch (AuthenticationFailedException | IllegalArgumentException | IOException e) {
            throw new RefusedException("The directory entry of " + normalized
                    + " fails its integrity check: it was changed outside ClinicLedger.");
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * Logs in: unseals the account's keys with {@code password}. A wrong password and an unknown
     * username fail alike, with one message and one Argon2id derivation each. After
     * {@value #LOCK_AFTER_FAILURES} wrong passwords in a row the account is locked, for 30 s and
     * twice as long after each further wrong password (at most 15 minutes); a locked account does
     * not even try the password. A successful login forgets the wrong ones, and re-seals the keys
     * under the clinic's current cost when theirs is lower. A patient logs in with their MRN, typed
     * with or without dashes; an MRN with a wrong check digit is an unknown user.
     *
     * @param password the caller still owns and wipes it
     * @throws LoginFailedException for a wrong password, an unknown user or a locked account
     */
    public Session login(String username, char[] password) {
        Objects.requireNonNull(password, "password");
        String normalized = loginName(username);
        Optional<AccountRow> found = normalized == null ? Optional.empty()
                : read("look up an account", connection -> accounts.account(connection, normalized));
        Instant now = clock.instant();
        if (found.isEmpty()) {
            String nameHash = unknownNameHash(normalized != null ? normalized : username);
            Long lockedUntil = read("look up the wrong logins", connection ->
                    accounts.unknownLoginLockedUntil(connection, nameHash));
            refuseWhileLocked(lockedUntil, now);
            spendAsLongAsAPasswordCheck(password);
            throw recordUnknownLogin(nameHash, now);
        }
        AccountRow row = found.get();
        refuseWhileLocked(row.lockedUntilMillis(), now);
        byte[] privateKeys = PasswordSeal.unseal(row.username(), row.sealedKeys(), password);
        if (privateKeys == null) {
            throw recordWrongPassword(row.username(), now);
        }
        AccountKeys keys = AccountKeys.fromPrivateKeys(privateKeys);
        try {
            Account account = checkedAccount(row, keys);
            write("note a successful login", connection -> {
                accounts.clearFailedLogins(connection, row.username());
                return null;
            });
            upgradeCostIfLower(row, keys, password);
            byte[] directoryKey = account.role().isStaff() ? unwrapDirectoryKey(row.username(), keys.agreement) : null;
            LOG.info("Account {} logged in", row.username());
            return new Session(account, keys.signing, keys.agreement, directoryKey, clock.instant());
        } catch (RuntimeException e) {
            keys.destroy();
            throw e;
        }
    }

    /**
     * Changes a password: the old one is checked exactly as at login (and counts towards the lock
     * when wrong), then the same keys are sealed anew under the new one with a fresh salt.
     *
     * @throws LoginFailedException when the old password is wrong or the account is locked
     */
    public void changePassword(String username, char[] oldPassword, char[] newPassword) {
        PasswordRules.check(newPassword);
        if (PasswordRules.same(oldPassword, newPassword)) {
            throw new InvalidInputException("The new password must differ from the old one.");
        }
        try (Session session = login(username, oldPassword)) {
            AccountRow row = read("look up an account", connection -> accounts.account(connection, session.username()))
                    .orElseThrow(() -> new RefusedException("The account " + session.username() + " no longer exists."));
            PasswordCost cost = higherOf(PasswordSeal.storedCost(row.sealedKeys()),
                    currentCost().orElse(PasswordCost.DEFAULT));
            byte[] privateKeys = AccountKeys.privateKeysOf(session);
            try {
                SealedKeysRow sealed = PasswordSeal.seal(privateKeys, session.username(), newPassword, cost, random);
                boolean replaced = write("store the new password's seal", connection ->
                        accounts.replaceSealedKeys(connection, session.username(), row.sealedKeys().sealed(), sealed));
                if (!replaced) {
                    throw new RefusedException("The password was changed elsewhere at the same time; log in again.");
                }
            } finally {
                Arrays.fill(privateKeys, (byte) 0);
            }
            LOG.info("Account {} changed its password", session.username());
        }
    }

    /**
     * Measures this machine again and raises the clinic's password cost when it can afford more;
     * never lowers it. Accounts move to the new cost at their next login.
     */
    public void retunePasswordCost(Session administrator) {
        administrator.use(clock.instant());
        if (administrator.role() != Role.ADMINISTRATOR) {
            throw new RefusedException("Only an administrator can change the clinic's password cost.");
        }
        PasswordCost current = currentCost().orElseThrow(() -> new RefusedException("The clinic has not been set up yet."));
        PasswordCost raised = higherOf(current, atLeastDefault(tuning.passwordCost()));
        write("store the clinic's password cost", connection -> {
            accounts.updatePasswordCost(connection, raised.memoryKiB(), raised.iterations(), raised.parallelism());
            return null;
        });
        LOG.info("Clinic password cost is now Argon2id {} KiB, {} passes", raised.memoryKiB(), raised.iterations());
    }

    // ---- login steps

    private static void refuseWhileLocked(Long lockedUntil, Instant now) {
        if (lockedUntil != null && now.toEpochMilli() < lockedUntil) {
            throw new LoginFailedException(lockedMessage(Duration.ofMillis(lockedUntil - now.toEpochMilli())));
        }
    }

    private RuntimeException recordWrongPassword(String username, Instant now) {
        int failures = write("count a wrong password", connection -> {
            int count = accounts.incrementFailedLogins(connection, username);
            if (count >= LOCK_AFTER_FAILURES) {
                accounts.lockUntil(connection, username, now.plus(lockDuration(count)).toEpochMilli());
            }
            return count;
        });
        if (failures >= LOCK_AFTER_FAILURES) {
            LOG.warn("Account {} locked for {} s after {} wrong passwords in a row", username,
                    lockDuration(failures).toSeconds(), failures);
            return new LoginFailedException(lockedMessage(lockDuration(failures)));
        }
        LOG.info("Wrong password for account {} ({} in a row)", username, failures);
        return new LoginFailedException(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
    }

    /**
     * Counts a login under a name that has no account as {@link #recordWrongPassword} counts a
     * wrong password, with the same lock and the same messages: the lockout must not be a way to
     * find out which names exist.
     */
    private RuntimeException recordUnknownLogin(String nameHash, Instant now) {
        int failures = write("count a wrong login", connection -> {
            int count = accounts.incrementUnknownLogins(connection, nameHash, now.toEpochMilli(),
                    now.minus(FORGET_UNKNOWN_LOGINS).toEpochMilli());
            if (count >= LOCK_AFTER_FAILURES) {
                accounts.lockUnknownLogins(connection, nameHash, now.plus(lockDuration(count)).toEpochMilli());
            }
            return count;
        });
        LOG.info("Login refused for an unknown username ({} in a row)", failures);
        return new LoginFailedException(failures >= LOCK_AFTER_FAILURES ? lockedMessage(lockDuration(failures))
                : LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
    }

    /** What {@code unknown_logins} keys a typed name by: never the name itself. */
    static String unknownNameHash(String typed) {
        String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return Hex.encode(Sha256.digest(PasswordSeal.label(UNKNOWN_LOGIN_LABEL, name)));
    }

    /** 30 s at the fifth wrong password in a row, doubling with each one after, at most 15 minutes. */
    static Duration lockDuration(int failures) {
        int doublings = Math.min(failures - LOCK_AFTER_FAILURES, 16);
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.max(0, doublings));
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    static String lockedMessage(Duration remaining) {
        long minutes = Math.max(1, (remaining.toMillis() + 59_999) / 60_000);
        return "Too many wrong passwords: try again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }

    /**
     * What an unknown username costs: one derivation at the clinic's current cost, like the check
     * of a real account's password, so that the time taken does not tell whether the account exists.
     */
    private void spendAsLongAsAPasswordCheck(char[] password) {
        PasswordCost cost = currentCost().orElse(PasswordCost.DEFAULT);
        byte[] key = null;
        try {
            key = Argon2id.deriveKey(password, Argon2id.newSalt(random), cost, PasswordSeal.SEALING_KEY_LENGTH);
            Aead.open(key, Aead.Sealed.decode(new byte[Aead.OVERHEAD + AccountKeys.PRIVATE_KEYS_LENGTH]), new byte[0]);
        } catch (AuthenticationFailedException | IllegalArgumentException expected) {
            // Nothing was meant to open: the work was the point.
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * The account as the ledger knows it. The unsealed keys must be the account's public keys, and
     * the role and keys must be those its chain's signed registration names: a role or key changed
     * in the accounts table alone is refused, not trusted.
     */
    private Account checkedAccount(AccountRow row, AccountKeys keys) {
        Role role;
        ChainId chain;
        try {
            role = Role.fromCode(row.role());
            chain = ChainId.parse(row.chain());
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw mismatch(row.username());
        }
        boolean keysMatch = MessageDigest.isEqual(keys.signing.publicKey(), row.signingPublicKey())
                & MessageDigest.isEqual(keys.agreement.publicKey(), row.agreementPublicKey());
        Block registration = ledger.registration(chain).orElseThrow(() -> mismatch(row.username()));
        JsonNode payload;
        try {
            payload = new ObjectMapper().readTree(registration.payload());
        } catch (IOException e) {
            throw mismatch(row.username());
        }
        boolean chainMatches = chain.equals(new ChainId(role.party(), row.username()))
                && MessageDigest.isEqual(registration.subjectKey(), row.signingPublicKey())
                && role.code().equals(payload.path("role").asText())
                && Hex.encode(row.agreementPublicKey()).equals(payload.path("agreementKey").asText());
        if (!keysMatch || !chainMatches) {
            throw mismatch(row.username());
        }
        return new Account(row.username(), role, chain, Instant.ofEpochMilli(row.createdAtMillis()));
    }

    private static RefusedException mismatch(String username) {
        return new RefusedException("The account " + username + " does not match its chain in the ledger, so it "
                + "cannot be used. Verify the data folder and restore it from a backup.");
    }

    private void upgradeCostIfLower(AccountRow row, AccountKeys keys, char[] password) {
        Optional<PasswordCost> current = currentCost();
        PasswordCost stored = PasswordSeal.storedCost(row.sealedKeys());
        if (current.isEmpty() || !isLower(stored, current.get())) {
            return;
        }
        PasswordCost raised = higherOf(stored, current.get());
        SealedKeysRow sealed = PasswordSeal.seal(keys, row.username(), password, raised, random);
        boolean replaced = write("raise the password cost of an account", connection ->
                accounts.replaceSealedKeys(connection, row.username(), row.sealedKeys().sealed(), sealed));
        if (replaced) {
            LOG.info("Account {} re-sealed at Argon2id {} KiB, {} passes", row.username(), raised.memoryKiB(),
                    raised.iterations());
        }
    }

    private byte[] unwrapDirectoryKey(String username, X25519.KeyPair agreement) {
        Optional<byte[]> wrapped = read("read the directory key", connection ->
                accounts.wrappedKey(connection, username, ClinicKeyPurpose.DIRECTORY));
        return wrapped.map(bytes -> unwrap(bytes, ClinicKeyPurpose.DIRECTORY, username, agreement)).orElse(null);
    }

    // ---- sealing and wrapping

    private byte[] sealDetails(byte[] directoryKey, String username, AccountDetails details) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        putIfPresent(fields, "name", details.name());
        putIfPresent(fields, "specialty", details.specialty());
        putIfPresent(fields, "licence", details.licence());
        byte[] plaintext = CanonicalJson.encode(fields);
        try {
            return Aead.seal(directoryKey, plaintext, PasswordSeal.label(DETAILS_LABEL, username), random).encoded();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static void putIfPresent(ObjectNode fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private byte[] wrap(byte[] clinicKey, ClinicKeyPurpose purpose, String username, byte[] recipientPublicKey) {
        return KeyWrap.wrap(clinicKey, recipientPublicKey, clinicKeyContext(purpose, username), random).encoded();
    }

    private static byte[] unwrap(byte[] wrapped, ClinicKeyPurpose purpose, Session holder) {
        return unwrap(wrapped, purpose, holder.username(), holder.agreementKeys());
    }

    private static byte[] unwrap(byte[] wrapped, ClinicKeyPurpose purpose, String username, X25519.KeyPair holder) {
        try {
            return KeyWrap.unwrap(KeyWrap.WrappedKey.decode(wrapped), holder, clinicKeyContext(purpose, username));
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            throw new RefusedException("The clinic's " + purpose.code() + " key held for " + username
                    + " fails its integrity check: it was changed outside ClinicLedger.");
        }
    }

    /** Binds a wrapped clinic key to what it is and whose copy it is, so copies cannot be swapped. */
    private static byte[] clinicKeyContext(ClinicKeyPurpose purpose, String username) {
        return (CLINIC_KEY_LABEL + "\0" + purpose.code() + "\0" + username).getBytes(StandardCharsets.UTF_8);
    }

    // ---- the account row

    private static Account toAccount(AccountRow row) {
        return new Account(row.username(), Role.fromCode(row.role()), ChainId.parse(row.chain()),
                Instant.ofEpochMilli(row.createdAtMillis()));
    }

    // ---- costs

    private Optional<PasswordCost> currentCost() {
        return read("read the clinic's settings", connection -> accounts.settings(connection))
                .map(settings -> new PasswordCost(settings.passwordMemoryKiB(), settings.passwordIterations(),
                        settings.passwordParallelism()));
    }

    private static PasswordCost atLeastDefault(PasswordCost cost) {
        return higherOf(cost, PasswordCost.DEFAULT);
    }

    /** Lower when any figure is lower: re-sealing at {@link #higherOf} then raises it and lowers nothing. */
    private static boolean isLower(PasswordCost stored, PasswordCost current) {
        return stored.memoryKiB() < current.memoryKiB() || stored.iterations() < current.iterations()
                || stored.parallelism() < current.parallelism();
    }

    private static PasswordCost higherOf(PasswordCost a, PasswordCost b) {
        return new PasswordCost(Math.max(a.memoryKiB(), b.memoryKiB()), Math.max(a.iterations(), b.iterations()),
                Math.max(a.parallelism(), b.parallelism()));
    }

    // ---- database access

    private <T> T read(String action, Database.TransactionWork<T> work) {
        try (Connection connection = database.connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageFailure(action, e);
        }
    }

    private <T> T write(String action, Database.TransactionWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new StorageFailure(action, e);
        }
    }

    // ---- listing staff

    /**
     * Every member of staff with {@code role}, with what the directory says about each, in username
     * order: lets the desk offer the clinic's doctors by name. For staff only, as the names are
     * sealed with the directory key.
     *
     * @throws RefusedException for a patient's session or a closed one
     */
    public List<StaffMember> staff(Session reader, Role role) {
        reader.use(clock.instant());
        Objects.requireNonNull(role, "role");
        if (role == Role.PATIENT) {
            throw new InvalidInputException("Patients are found with the directory search, not listed as staff.");
        }
        if (!reader.hasDirectoryAccess()) {
            throw new RefusedException("Your account cannot read the clinic's directory.");
        }
        List<String> usernames = read("list the clinic's staff",
                connection -> accounts.usernamesWithRole(connection, role.code()));
        List<StaffMember> members = new ArrayList<>(usernames.size());
        for (String username : usernames) {
            members.add(new StaffMember(username, role, details(reader, username)));
        }
        return List.copyOf(members);
    }
}
