package org.clinicledger.clinic;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.crypto.Hex;
import org.clinicledger.custody.ClinicKeys;
import org.clinicledger.custody.EscrowKey;
import org.clinicledger.custody.Labels;
import org.clinicledger.custody.NewAccount;
import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.AppendedEvent;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.KeyRecoveries;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.SealCommitment;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.PatientStore;
import org.clinicledger.store.PatientStore.PatientRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key recovery for a person who forgot their password. Their private keys were sealed under that
 * password only, so they are gone; an administrator gives them new ones, in one write: a new key
 * pair sealed under the new password the person types at the desk, a key-recovered event on the
 * person's chain and the administrator's (the administrator vouches for the new key, as at a
 * registration, and the person's chain is signed by it from then on), the account row's keys and
 * seal replaced, every record key the person held a copy of re-wrapped for the new key from the
 * clinic's escrow copy, and, for staff, the clinic's keys their role holds given anew.
 *
 * <p>Like an emergency access, it is never silent: the person's chain shows who replaced their
 * keys and when. It does not let the administrator read anything: the record keys are unwrapped
 * and re-wrapped inside custody, and the administrator never learns the new password.
 */
public final class KeyRecovery {

    /** The shortest reason for a key recovery, in characters. */
    public static final int MIN_REASON = 10;
    /** The longest reason, in characters. */
    public static final int MAX_REASON = RecordService.MAX_REASON;

    private static final Logger LOG = LoggerFactory.getLogger(KeyRecovery.class);

    private final Database database;
    private final AccountStore accounts;
    private final Ledger ledger;
    private final ClinicKeys clinicKeys;
    private final EscrowKey escrowKey;
    private final AccountService accountService;
    private final RecordCustody custody;
    private final PasswordCosts costs;
    private final Clock clock;
    private final SecureRandom random;
    private final PatientStore patients = new PatientStore();

    KeyRecovery(Database database, AccountStore accounts, Ledger ledger, ClinicKeys clinicKeys, EscrowKey escrowKey,
            AccountService accountService, RecordCustody custody, PasswordCosts costs, Clock clock,
            SecureRandom random) {
        this.database = database;
        this.accounts = accounts;
        this.ledger = ledger;
        this.clinicKeys = clinicKeys;
        this.escrowKey = escrowKey;
        this.accountService = accountService;
        this.custody = custody;
        this.costs = costs;
        this.clock = clock;
        this.random = random;
    }

    /**
     * What a recovery did: whose keys, how many record key copies now open with the new key, and the
     * hash of the block on the person's chain.
     */
    public record Recovered(Account account, int recordKeys, String blockHash) {
    }

    /**
     * The signed-in administrator gives the person {@code username} (a member of staff's or doctor's
     * username, or a patient's MRN) new keys sealed under {@code newPassword}. The record keys are
     * re-wrapped from their escrow copies, so it takes the escrow key's second holder, as an
     * emergency access does: another administrator or the recovery sheet.
     *
     * @param newPassword typed by the person; the caller still owns and wipes it
     * @param confirmation the second holder; a second administrator's password in it is the caller's to wipe
     * @throws RefusedException for anyone but an administrator, an unknown user, or the administrator's own account
     * @throws InvalidInputException for a weak password or a missing or over-long reason
     */
    public Recovered recover(Session administrator, String username, char[] newPassword, String reason,
            EscrowConfirmation confirmation) {
        administrator.use(clock.instant());
        Objects.requireNonNull(newPassword, "newPassword");
        if (administrator.role() != Role.ADMINISTRATOR) {
            throw new RefusedException("Only an administrator can recover a person's keys.");
        }
        String text = checkedReason(reason);
        PasswordRules.check(newPassword);
        AccountRow row = account(username);
        if (row.username().equals(administrator.username())) {
            throw new RefusedException("You cannot recover your own keys: another administrator does, so that no one "
                    + "replaces their own keys unseen.");
        }
        Role role = Role.fromCode(row.role());
        ChainId chain = ChainId.parse(row.chain());
        PasswordCost cost = costs.forNewAccount();
        Account account = new Account(row.username(), role, chain, Instant.ofEpochMilli(row.createdAtMillis()));
        byte[] sealedReason = administrator.sealWithDirectoryKey(text, reasonData(chain), random);
        // Staff get the directory key anew; a patient gets their details sealed for the new key.
        byte[] directoryKey = administrator.directoryKey();
        try (NewAccount made = NewAccount.create(account, newPassword, cost, random);
                SecondHolder second = SecondHolder.of(accountService, administrator, confirmation)) {
            byte[] signingKey = made.keys().signingPublicKey();
            byte[] agreementKey = made.keys().agreementPublicKey();
            byte[] payload = KeyRecoveries.payload(chain, administrator.chain(), administrator.signingKey(),
                    signingKey, agreementKey, SealCommitment.of(made.row().sealedKeys()), sealedReason);
            Recovered recovered = database.write("recover an account's keys", work -> {
                StaffStatus.requireActive(ledger, work, administrator);
                if (!ledger.exists(work, chain)) {
                    throw new RefusedException("The account " + row.username() + " has no chain in the ledger, so its "
                            + "keys cannot be recovered. Verify the data folder.");
                }
                if (!accounts.replaceKeys(work, row.username(), row.signingPublicKey(), signingKey, agreementKey,
                        made.row().sealedKeys())) {
                    throw new RefusedException("The keys of " + row.username() + " changed meanwhile; nothing was "
                            + "written. Try again.");
                }
                accounts.clearFailedLogins(work, row.username());
                int copies;
                EscrowKey.Holder first = new EscrowKey.Holder(administrator.username(), administrator.keys());
                try (EscrowKey.Opened escrow = escrowKey.open(work, first, second.confirmation())) {
                    copies = custody.rewrapFromEscrow(work, chain, escrow, agreementKey);
                    escrow.reshare(work, row.username(), agreementKey);
                }
                if (role.isStaff()) {
                    clinicKeys.replaceCopies(work, directoryKey, row.username(), agreementKey,
                            role == Role.ADMINISTRATOR, administrator.username(), administrator.keys());
                }
                byte[] own = role == Role.PATIENT ? ownDetails(work, chain, directoryKey, agreementKey) : null;
                byte[] onPerson = own == null ? payload : KeyRecoveries.withOwnDetails(payload, own);
                AppendedEvent event = ledger.append(work, EventSpec.keyRecovery(administrator.signingKey(), chain,
                        onPerson, administrator.chain(), payload, signingKey));
                return new Recovered(account, copies, Hex.encode(event.blocks().get(0).hash()));
            });
            LOG.warn("Keys of account {} recovered by {}: {} record key copies re-wrapped", row.username(),
                    administrator.username(), recovered.recordKeys());
            return recovered;
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    /**
     * A recovered patient's details, as the directory holds them, sealed for their new key (decision
     * 0035); null when their directory entry cannot be opened, which verification reports: the
     * recovery still gives them their records back, and their tab shows their MRN.
     */
    private byte[] ownDetails(UnitOfWork work, ChainId chain, byte[] directoryKey, byte[] agreementKey) {
        MedicalRecordNumber mrn = new MedicalRecordNumber(chain.subject());
        java.util.Optional<PatientRow> row = patients.find(work, mrn.digits());
        if (row.isPresent()) {
            try {
                return Demographics.sealForPatient(agreementKey, mrn, Demographics.open(directoryKey, mrn.digits(),
                        row.get().sealedDemographics()), random);
            } catch (RefusedException damaged) {
                // Told below; verification names the entry.
            }
        }
        LOG.warn("Patient {}'s directory entry cannot be opened; their keys are recovered without a copy of their "
                + "details", mrn);
        return null;
    }

    private AccountRow account(String username) {
        String normalized = username == null ? null : AccountService.loginName(username.strip());
        return (normalized == null ? java.util.Optional.<AccountRow>empty()
                : database.read("look up an account", work -> accounts.account(work, normalized)))
                .orElseThrow(() -> new RefusedException("There is no account " + (normalized == null
                        ? "by that name" : normalized) + " whose keys could be recovered."));
    }

    private static String checkedReason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() < MIN_REASON) {
            throw new InvalidInputException("Give the reason for the key recovery, at least " + MIN_REASON
                    + " characters: it is kept, sealed, with the event.");
        }
        if (text.length() > MAX_REASON) {
            throw new InvalidInputException("The reason is too long: at most " + MAX_REASON + " characters.");
        }
        return text;
    }

    /** Binds a recovery's sealed reason to the chain whose keys were recovered. */
    private static byte[] reasonData(ChainId chain) {
        return Labels.bind(Labels.RECOVERY_REASON, chain.value());
    }
}
