package org.clinicledger.clinic;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.custody.AccountKeys;
import org.clinicledger.custody.ClinicKeys;
import org.clinicledger.custody.EscrowKey;
import org.clinicledger.custody.NewAccount;
import org.clinicledger.custody.PasswordSeal;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.ClinicSetUp;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.RecoverySheet;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.Username;
import org.clinicledger.ledger.ClinicRoot;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.RegistrationFields;
import org.clinicledger.ledger.SealCommitment;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore.ClinicSettingsRow;
import org.clinicledger.store.AccountStore.SealedKeysRow;
import org.clinicledger.store.AccountStore;
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
 * <p>The clinic has keys of its own: the directory key (AES-256), which encrypts what staff need to
 * search such as names and is wrapped for every member of staff, and the escrow key pair (X25519),
 * whose public key later receives a copy of every record key and whose private key exists only in
 * shares, one per administrator, two needed, and whole on the recovery sheet shown once at set-up
 * (see {@link org.clinicledger.custody.EscrowKey}).
 */
public final class AccountService {


    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

    private final Database database;
    private final AccountStore accounts = new AccountStore();
    private final ClinicDao clinics;
    private final Ledger ledger;
    private final ClinicKeys clinicKeys;
    private final EscrowKey escrowKey;
    private final LoginThrottle throttle;
    private final PasswordCosts costs;
    private final StaffDirectory directory;
    private final StaffStatus status;
    private final Clock clock;
    private final SecureRandom random;

    AccountService(Database database, ClinicDao clinics, Ledger ledger, ClinicKeys clinicKeys, EscrowKey escrowKey,
            PasswordCosts costs, Clock clock, SecureRandom random) {
        this.database = database;
        this.clinics = clinics;
        this.ledger = ledger;
        this.clinicKeys = clinicKeys;
        this.escrowKey = escrowKey;
        this.throttle = new LoginThrottle(database, accounts);
        this.costs = costs;
        this.directory = new StaffDirectory(database, accounts, clock);
        this.status = new StaffStatus(database, accounts, ledger, directory, clock, random);
        this.clock = clock;
        this.random = random;
    }

    /** Whether first-run set-up has made the clinic's keys and first administrator. */
    public boolean isSetUp() {
        return database.read("read the clinic's settings", work -> accounts.settings(work)).isPresent();
    }

    /**
     * First-run set-up: names the clinic, tunes the password cost to this machine, makes the
     * escrow, directory and clinic keys, founds the ledger on the clinic key (its chain and this
     * machine's, which it authorizes) and adds the first administrator, whose key it authorizes
     * too, with their staff chain, all in one
     * transaction. Refused when the clinic exists already, however it was made. The administrator
     * holds the escrow key's first share; the recovery sheet returned holds the whole escrow key and
     * is stored nowhere: the caller shows it once.
     *
     * @param password the administrator's new password; the caller still owns and wipes it
     */
    public ClinicSetUp setUp(String clinicName, String administrator, char[] password) {
        ClinicProfile profile = new ClinicProfile(clinicName, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        String username = staffUsername(administrator);
        PasswordRules.check(password);
        requireNotSetUp();

        PasswordCost cost = costs.forSetUp();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Account account = new Account(username, Role.ADMINISTRATOR, new ChainId(PartyKind.STAFF, username), now);
        try (ClinicKeys.Founding founding = clinicKeys.found();
             NewAccount made = NewAccount.create(account, password, cost, random)) {
            ObjectNode payload = made.registrationPayload(null, null, founding.clinicKey());
            // The founding administrator's own signature vouches for the clinic's escrow key on the ledger.
            payload.put(RegistrationFields.FOUNDING_ESCROW_KEY, Hex.encode(founding.escrowPublicKey()));
            payload.put(RegistrationFields.FOUNDING_DIRECTORY_KEY, founding.directoryKeyCommitment());
            payload.put(RegistrationFields.FOUNDING_RECOVERY_KEY, Hex.encode(founding.recoverySigningPublicKey()));
            ClinicSettingsRow settings = new ClinicSettingsRow(founding.escrowPublicKey(), cost.memoryKiB(),
                    cost.iterations(), cost.parallelism());
            database.write("set up the clinic", work -> {
                if (!accounts.insertSettings(work, settings)) {
                    throw new RefusedException(alreadySetUpMessage());
                }
                clinics.save(work, profile);
                ledger.foundClinic(work, founding.clinicKey(), CanonicalJson.encode(clinicPayload()));
                accounts.insertAccount(work, made.row());
                clinicKeys.giveFoundingCopies(work, founding, username, made.keys());
                return ledger.register(work, PartyKind.STAFF, username, made.keys().signingKey(),
                        CanonicalJson.encode(payload));
            });
            LOG.info("Clinic set up with administrator account {} (Argon2id {} KiB, {} passes)", username,
                    cost.memoryKiB(), cost.iterations());
            RecoverySheet sheet = new RecoverySheet(profile.name(),
                    ClinicRoot.fingerprint(founding.clinicKey().publicKey()), founding.recoverySheetWords());
            return new ClinicSetUp(account, sheet);
        }
    }

    /** The clinic chain's registration payload: its format; the chain's key is all it registers. */
    private static ObjectNode clinicPayload() {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put(RegistrationFields.FORMAT, 1);
        return payload;
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
        return database.read("read the clinic's details", clinics::find);
    }

    private String alreadySetUpMessage() {
        String name = existingClinic().map(ClinicProfile::name).orElse("another clinic");
        return "This data folder already belongs to the clinic \u201c" + name + "\u201d; set-up is done only once.";
    }

    /**
     * Adds a receptionist or a doctor: see {@link #addAccount(Session, Role, String, char[],
     * AccountDetails, EscrowConfirmation)}; an administrator needs a second holder's confirmation.
     */
    public Account addAccount(Session actor, Role role, String newUsername, char[] password, AccountDetails details) {
        return addAccount(actor, role, newUsername, password, details, null);
    }

    /**
     * Adds a member of staff: an administrator adds administrators, receptionists and doctors; a
     * receptionist adds doctors. The name, specialty and licence are sealed with the clinic's
     * directory key; the new account gets the directory key wrapped for it, and its chain is
     * registered in the same transaction. A new administrator also gets the clinic key and a share
     * of the escrow key, which only the escrow key opened by two holders can make: the acting
     * administrator and {@code confirmation} (another administrator, or the recovery sheet).
     *
     * @param password the new account's password; the caller still owns and wipes it
     * @param confirmation the second holder, for an administrator only; null otherwise
     */
    public Account addAccount(Session actor, Role role, String newUsername, char[] password, AccountDetails details,
            EscrowConfirmation confirmation) {
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
        if (role == Role.ADMINISTRATOR && confirmation == null) {
            throw new InvalidInputException("A new administrator gets a share of the clinic's escrow key, and no "
                    + "single holder can make one: a second administrator, or the recovery sheet, must confirm.");
        }
        if (role != Role.DOCTOR && (details.specialty() != null || details.licence() != null)) {
            throw new InvalidInputException("Only a doctor's account has a specialty and a licence number.");
        }
        String username = staffUsername(newUsername);
        PasswordRules.check(password);
        if (database.read("look up an account", work -> accounts.account(work, username)).isPresent()) {
            throw new RefusedException(usernameTakenMessage(username));
        }
        PasswordCost cost = costs.forNewAccount();

        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Account account = new Account(username, role, new ChainId(role.party(), username), now);
        byte[] directoryKey = actor.directoryKey();
        try (SecondHolder second = role == Role.ADMINISTRATOR ? SecondHolder.of(this, actor, confirmation) : null;
             NewAccount made = NewAccount.create(account, password, cost, random)) {
            byte[] sealedDetails = details.isEmpty() ? null : StaffDirectory.seal(directoryKey, username, details, random);
            byte[] payload = CanonicalJson.encode(made.registrationPayload(sealedDetails, actor.chain(),
                    actor.keys().signingKey()));
            database.write("add the account", work -> {
                status.requireActive(work, actor);
                if (!accounts.insertAccount(work, made.row())) {
                    throw new RefusedException(usernameTakenMessage(username));
                }
                if (sealedDetails != null) {
                    accounts.insertDetails(work, username, sealedDetails);
                }
                if (second == null) {
                    clinicKeys.giveCopies(work, directoryKey, username, made.keys().agreementPublicKey());
                } else {
                    EscrowKey.Holder giver = new EscrowKey.Holder(actor.username(), actor.keys());
                    try (EscrowKey.Opened escrow = escrowKey.open(work, giver, second.confirmation())) {
                        clinicKeys.giveAdministratorCopies(work, directoryKey, username,
                                made.keys().agreementPublicKey(), giver, escrow);
                    }
                }
                return ledger.register(work, role.party(), username, made.keys().signingKey(), payload);
            });
            LOG.info("Account {} added with role {} by {}", username, role.code(), actor.username());
            return account;
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    /**
     * A member of staff's username. A name written like an MRN is kept for patients, whose
     * usernames are their MRNs, so that such a name typed at a login can only mean a patient. Public
     * so that a form can say what is wrong with a typed username at its field.
     *
     * @throws InvalidInputException for a username that cannot be a member of staff's
     */
    public static String staffUsername(String raw) {
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

    private static String usernameTakenMessage(String username) {
        return "The username " + username + " is taken: every person has one account, and every account its own username.";
    }

    /** The account's public facts, if there is such an account; a patient's may be asked for by MRN, with dashes or without. */
    public Optional<Account> account(String username) {
        String normalized = loginName(username);
        if (normalized == null) {
            return Optional.empty();
        }
        return database.read("look up an account", work -> accounts.account(work, normalized))
                .map(AccountService::toAccount);
    }

    /**
     * Logs in: unseals the account's keys with {@code password}. A wrong password and an unknown
     * username fail alike, with one message and one Argon2id derivation each. Every password check
     * of the application goes through here, and so through {@link LoginThrottle}: from the third
     * wrong password in a row a sign-in delay of 1 s, doubling up to a minute, during which every
     * attempt is refused unchecked without making the delay longer; once it has passed the right
     * password gets in, so nobody can be kept out for more than a minute at a time. A successful
     * login forgets the wrong ones, and re-seals the keys under the clinic's current cost when
     * theirs is lower. A patient logs in with their MRN, typed with or without dashes; an MRN with
     * a wrong check digit is an unknown user.
     *
     * @param password the caller still owns and wipes it
     * @throws LoginFailedException for a wrong password or an unknown user, or while a delay runs
     */
    public Session login(String username, char[] password) {
        Objects.requireNonNull(password, "password");
        String normalized = loginName(username);
        Optional<AccountRow> found = normalized == null ? Optional.empty()
                : database.read("look up an account", work -> accounts.account(work, normalized));
        Instant now = clock.instant();
        if (found.isEmpty()) {
            LoginThrottle.Attempt attempt = throttle.admitUnknown(
                    LoginThrottle.unknownNameHash(normalized != null ? normalized : username), now);
            spendAsLongAsAPasswordCheck(password);
            LOG.info("Login refused for an unknown username");
            throw attempt.wrong();
        }
        AccountRow row = found.get();
        LoginThrottle.Attempt attempt = throttle.admit(row.username(), now);
        byte[] privateKeys = PasswordSeal.unseal(row.username(), row.sealedKeys(), password);
        if (privateKeys == null) {
            LOG.info("Wrong password for account {} ({} in a row)", row.username(), attempt.wrongInARow());
            throw attempt.wrong();
        }
        AccountKeys keys = AccountKeys.fromPrivateKeys(privateKeys);
        try {
            Account account = checkedAccount(row, keys);
            throttle.forgetFailures(row.username());
            status.requireActiveAtLogin(row.username(), account.chain(), mismatch(row.username()));
            upgradeCostIfLower(row, keys, password);
            byte[] directoryKey = !account.role().isStaff() ? null : database.read("read the directory key",
                    work -> clinicKeys.directoryKey(work, row.username(), keys)).orElse(null);
            LOG.info("Account {} logged in", row.username());
            return new Session(account, keys, directoryKey, clock.instant());
        } catch (RuntimeException e) {
            keys.destroy();
            throw e;
        }
    }

    /**
     * An administrator clears the sign-in delay and the count of wrong passwords of an account, so
     * that its owner need not wait out the delay someone else's guesses set.
     *
     * @return whether there was a count or a delay to clear
     * @throws RefusedException when the actor is not an administrator or there is no such account
     */
    public boolean clearSignInDelay(Session administrator, String username) {
        administrator.use(clock.instant());
        if (administrator.role() != Role.ADMINISTRATOR) {
            throw new RefusedException("Only an administrator can clear a sign-in delay.");
        }
        String normalized = loginName(username);
        if (normalized == null
                || database.read("look up an account", work -> accounts.account(work, normalized)).isEmpty()) {
            throw new RefusedException("There is no account with the username " + (username == null ? "" : username.strip())
                    + ".");
        }
        boolean cleared = database.write("clear a sign-in delay", work -> {
            status.requireActive(work, administrator);
            return accounts.clearFailedLogins(work, normalized);
        });
        if (cleared) {
            LOG.info("Sign-in delay of account {} cleared by {}", normalized, administrator.username());
        }
        return cleared;
    }

    /**
     * Changes a password: the old one is checked exactly as at login (and counts towards the
     * sign-in delay when wrong), then the same keys are sealed anew under the new one with a fresh salt, and a
     * password-changed block on the account's chain commits to the new seal.
     *
     * @throws LoginFailedException when the old password is wrong or a sign-in delay runs
     */
    public void changePassword(String username, char[] oldPassword, char[] newPassword) {
        PasswordRules.check(newPassword);
        if (PasswordRules.same(oldPassword, newPassword)) {
            throw new InvalidInputException("The new password must differ from the old one.");
        }
        try (Session session = login(username, oldPassword)) {
            AccountRow row = database.read("look up an account", work -> accounts.account(work, session.username()))
                    .orElseThrow(() -> new RefusedException("The account " + session.username() + " no longer exists."));
            PasswordCost cost = costs.forResealing(PasswordSeal.storedCost(row.sealedKeys()));
            byte[] privateKeys = session.keys().privateKeys();
            try {
                SealedKeysRow sealed = PasswordSeal.seal(privateKeys, session.username(), newPassword, cost, random);
                boolean replaced = database.write("store the new password's seal", work ->
                        replaceSeal(work, row, session.signingKey(), sealed));
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
        PasswordCost raised = costs.retuned();
        database.write("store the clinic's password cost", work -> {
            status.requireActive(work, administrator);
            accounts.updatePasswordCost(work, raised.memoryKiB(), raised.iterations(), raised.parallelism());
            return null;
        });
        LOG.info("Clinic password cost is now Argon2id {} KiB, {} passes", raised.memoryKiB(), raised.iterations());
    }

    // ---- login steps

    /**
     * What an unknown username costs: one derivation at the clinic's current cost, like the check
     * of a real account's password, so that the time taken does not tell whether the account exists.
     */
    private void spendAsLongAsAPasswordCheck(char[] password) {
        PasswordSeal.spendAsLongAsAnUnseal(password, costs.current().orElse(PasswordCost.DEFAULT), random);
    }

    /**
     * The account as the ledger knows it. The unsealed keys must be the account's public keys, the
     * role must be the one its chain's signed registration names and the keys those it or the newest
     * key recovery on the chain names, and the seal the one its
     * chain commits to now: a role, key or seal changed in the accounts table alone is refused, not trusted.
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
        boolean keysMatch = MessageDigest.isEqual(keys.signingPublicKey(), row.signingPublicKey())
                & MessageDigest.isEqual(keys.agreementPublicKey(), row.agreementPublicKey());
        Block registration = database.read("read the account's chain", work -> ledger.registration(work, chain))
                .orElseThrow(() -> mismatch(row.username()));
        // After a key recovery the keys are the ones its block names; the role stays the registration's.
        Block keysBlock = database.read("read the account's chain", work -> ledger.keysBlock(work, chain))
                .orElseThrow(() -> mismatch(row.username()));
        // A seal other than the one the chain commits to now (say, an old password's put back) does not log in.
        boolean sealMatches = database.read("read the account's chain", work -> ledger.committedSeal(work, chain))
                .map(committed -> committed.equals(SealCommitment.of(row.sealedKeys()))).orElse(true);
        JsonNode payload;
        JsonNode keysPayload;
        try {
            payload = new ObjectMapper().readTree(registration.payload());
            keysPayload = new ObjectMapper().readTree(keysBlock.payload());
        } catch (IOException e) {
            throw mismatch(row.username());
        }
        boolean chainMatches = chain.equals(new ChainId(role.party(), row.username()))
                && MessageDigest.isEqual(keysBlock.subjectKey(), row.signingPublicKey())
                && role.code().equals(payload.path(RegistrationFields.ROLE).asText())
                && Hex.encode(row.agreementPublicKey()).equals(keysPayload.path(RegistrationFields.AGREEMENT_KEY).asText());
        if (!keysMatch || !chainMatches || !sealMatches) {
            throw mismatch(row.username());
        }
        return new Account(row.username(), role, chain, Instant.ofEpochMilli(row.createdAtMillis()));
    }

    private static RefusedException mismatch(String username) {
        return new RefusedException("The account " + username + " does not match its chain in the ledger, so it "
                + "cannot be used. Verify the data folder and restore it from a backup.");
    }

    /**
     * Raises the cost of the account's seal to the clinic's. Only where this copy of the data folder
     * can append: the new seal is committed to by a block, and a folder without a node key is for
     * looking at, not for changing.
     */
    private void upgradeCostIfLower(AccountRow row, AccountKeys keys, char[] password) {
        Optional<PasswordCost> raise = costs.raiseFrom(PasswordSeal.storedCost(row.sealedKeys()));
        if (raise.isEmpty() || !ledger.canAppend()) {
            return;
        }
        PasswordCost raised = raise.get();
        SealedKeysRow sealed = PasswordSeal.seal(keys, row.username(), password, raised, random);
        boolean replaced = database.write("raise the password cost of an account", work ->
                replaceSeal(work, row, keys.signingKey(), sealed));
        if (replaced) {
            LOG.info("Account {} re-sealed at Argon2id {} KiB, {} passes", row.username(), raised.memoryKiB(),
                    raised.iterations());
        }
    }

    /**
     * Replaces the account's seal, unless it changed meanwhile, and in the same write appends the
     * password-changed block, signed by the account's own key, that commits to the new seal.
     *
     * @return false, changing nothing, when the seal is no longer the one {@code row} holds
     */
    private boolean replaceSeal(UnitOfWork work, AccountRow row, SigningKey owner, SealedKeysRow sealed) {
        if (!accounts.replaceSealedKeys(work, row.username(), row.sealedKeys().sealed(), sealed)) {
            return false;
        }
        ledger.append(work, EventSpec.single(BlockKind.PASSWORD_CHANGED, owner, ChainId.parse(row.chain()),
                SealCommitment.passwordChanged(sealed)));
        return true;
    }

    // ---- the account row

    private static Account toAccount(AccountRow row) {
        return new Account(row.username(), Role.fromCode(row.role()), ChainId.parse(row.chain()),
                Instant.ofEpochMilli(row.createdAtMillis()));
    }

    /**
     * What the directory says about {@code username}, decrypted with the reader's directory key;
     * {@link AccountDetails#NONE} when nothing was recorded.
     */
    public AccountDetails details(Session reader, String username) {
        return directory.details(reader, username);
    }

    /**
     * Every member of staff with {@code role}, with what the directory says about each, in username
     * order. For staff only, as the names are sealed with the directory key.
     */
    public List<StaffMember> staff(Session reader, Role role) {
        return directory.staff(reader, role);
    }

    /**
     * The clinic's active doctors in username order, to choose one from (grant, referral): named for
     * staff, by username alone for a patient, who cannot read the directory. A deactivated doctor is
     * not offered; the services would refuse them anyway.
     */
    public List<StaffMember> doctors(Session reader) {
        return directory.doctors(reader).stream().filter(doctor -> status.isActive(doctor.username())).toList();
    }

    // ---- active and deactivated accounts (StaffStatus, decision 0028)

    /**
     * Whether {@code username} names an account that may sign in and act now: false for no such
     * account and for a doctor or member of staff an administrator deactivated. Pickers of doctors
     * (grant, referral) offer only active ones; the services refuse the others anyway.
     */
    public boolean isActive(String username) {
        return status.isActive(username);
    }

    /**
     * An administrator deactivates the account of a doctor or member of staff: an account-status
     * block on its chain and theirs, the reason sealed with the directory key. From then on it cannot
     * sign in, be granted access or be referred to, and its sessions and standing grants are refused.
     *
     * @throws InvalidInputException for a reason shorter than five characters or too long
     * @throws RefusedException for one's own account, a patient's, one deactivated already, or the
     *     clinic's last active administrator
     */
    public void deactivate(Session administrator, String username, String reason) {
        status.deactivate(administrator, username, reason);
    }

    /** An administrator reactivates a deactivated account: a new account-status block; what it held comes back. */
    public void reactivate(Session administrator, String username) {
        status.reactivate(administrator, username);
    }

    /**
     * Every doctor's and member of staff's account, by name, with its role, when it was added and
     * whether it is active. For staff only.
     */
    public List<org.clinicledger.domain.StaffAccount> staffAccounts(Session reader) {
        return status.list(reader);
    }
}
