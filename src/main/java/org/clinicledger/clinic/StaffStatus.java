package org.clinicledger.clinic;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.clinicledger.custody.Labels;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffAccount;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.AccountStatuses;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a doctor's or a member of staff's account is active: an administrator deactivates one
 * (someone who left, a lost laptop) and reactivates it with an account-status event on the
 * account's chain and their own (decision 0028). The status lives in those blocks alone: a
 * deactivated account cannot sign in, is not granted access or referred to, and whatever its
 * sessions or standing grants would allow is refused while it stays deactivated. Every decision is
 * taken inside the write that acts on it.
 */
final class StaffStatus {

    private static final Logger LOG = LoggerFactory.getLogger(StaffStatus.class);

    /** The shortest reason for a deactivation, in characters. */
    static final int MIN_REASON = 5;
    /** The longest reason, in characters. */
    static final int MAX_REASON = RecordService.MAX_REASON;

    private final Database database;
    private final AccountStore accounts;
    private final Ledger ledger;
    private final StaffDirectory directory;
    private final Clock clock;
    private final java.security.SecureRandom random;

    StaffStatus(Database database, AccountStore accounts, Ledger ledger, StaffDirectory directory, Clock clock,
            java.security.SecureRandom random) {
        this.database = database;
        this.accounts = accounts;
        this.ledger = ledger;
        this.directory = directory;
        this.clock = clock;
        this.random = random;
    }

    /** Whether {@code username} names an account that may sign in and act: false for no account. */
    boolean isActive(String username) {
        String normalized = AccountService.loginName(username == null ? "" : username.strip());
        if (normalized == null) {
            return false;
        }
        return database.read("read the account's status", work -> accounts.account(work, normalized)
                .map(row -> isActive(work, ChainId.parse(row.chain()))).orElse(false));
    }

    /**
     * Whether the account of {@code chain} is active, as the newest account-status block on its
     * chain says; a block whose signature does not hold counts as deactivated, as nobody may be let
     * in on a status someone edited.
     */
    boolean isActive(UnitOfWork work, ChainId chain) {
        return AccountStatuses.active(ledger.accountStatuses(work).get(chain));
    }

    /**
     * Refuses a login to an account an administrator deactivated, once its password proved right
     * (so that the refusal tells nothing to someone who does not know it), or whose status block
     * does not hold.
     */
    void requireActiveAtLogin(String username, ChainId chain, RuntimeException mismatch) {
        AccountStatuses.Standing standing = database.read("read the account's status",
                work -> ledger.accountStatuses(work).get(chain));
        if (standing == null) {
            return;
        }
        if (!standing.trusted()) {
            throw mismatch;
        }
        if (!standing.active()) {
            LOG.info("Login refused for deactivated account {}", username);
            throw new LoginFailedException("The account " + username + " has been deactivated by an administrator, "
                    + "so it cannot sign in. Ask an administrator to reactivate it.");
        }
    }

    /** Refuses what a session of a deactivated account asks, inside the write or read that acts on it. */
    void requireActive(UnitOfWork work, Session actor) {
        requireActive(ledger, work, actor);
    }

    /** The same, for the services that hold no StaffStatus ({@link PatientAccess}). */
    static void requireActive(Ledger ledger, UnitOfWork work, Session actor) {
        if (actor.role() != Role.PATIENT && !AccountStatuses.active(ledger.accountStatuses(work).get(actor.chain()))) {
            throw new RefusedException("Your account has been deactivated by an administrator: sign out; an "
                    + "administrator can reactivate it.");
        }
    }

    /**
     * An administrator deactivates a doctor's or a member of staff's account, giving the reason
     * (sealed with the directory key, bound to the account's chain). Refused for one's own account,
     * for an account deactivated already, and for the clinic's last active administrator.
     */
    void deactivate(Session administrator, String username, String reason) {
        String text = checkedReason(reason);
        setStatus(administrator, username, false, text);
    }

    /** An administrator reactivates a deactivated account. */
    void reactivate(Session administrator, String username) {
        setStatus(administrator, username, true, null);
    }

    private void setStatus(Session administrator, String username, boolean active, String reason) {
        administrator.use(clock.instant());
        String verb = active ? "reactivate" : "deactivate";
        if (administrator.role() != Role.ADMINISTRATOR) {
            throw new RefusedException("Only an administrator can " + verb + " an account.");
        }
        AccountRow target = staffAccount(username, verb);
        ChainId chain = ChainId.parse(target.chain());
        if (chain.equals(administrator.chain())) {
            throw new RefusedException("Nobody can " + verb + " their own account: ask another administrator.");
        }
        byte[] sealedReason = reason == null ? null : administrator.sealWithDirectoryKey(reason,
                Labels.bind(Labels.ACCOUNT_STATUS_REASON, chain.value()), random);
        byte[] payload = AccountStatuses.payload(chain, administrator.chain(), active, sealedReason);
        database.write(verb + " an account", work -> {
            Map<ChainId, AccountStatuses.Standing> statuses = ledger.accountStatuses(work);
            requireActive(work, administrator);
            boolean now = active(statuses, chain);
            if (now == active) {
                throw new RefusedException("The account " + target.username() + " is "
                        + (active ? "active" : "deactivated") + " already.");
            }
            if (!active && Role.ADMINISTRATOR.code().equals(target.role())
                    && activeAdministrators(work, statuses).size() <= 1) {
                throw new RefusedException("The account " + target.username() + " is the clinic's last active "
                        + "administrator, and the clinic needs one.");
            }
            return ledger.append(work, EventSpec.between(BlockKind.ACCOUNT_STATUS, administrator.signingKey(), chain,
                    payload, administrator.chain(), payload));
        });
        LOG.info("Account {} {}d by {}", target.username(), verb, administrator.username());
    }

    private AccountRow staffAccount(String username, String verb) {
        String normalized = username == null ? null : AccountService.loginName(username.strip());
        Optional<AccountRow> row = normalized == null ? Optional.empty()
                : database.read("look up an account", work -> accounts.account(work, normalized));
        if (row.isEmpty()) {
            throw new RefusedException("There is no account " + (normalized == null ? "by that name" : normalized)
                    + " to " + verb + ".");
        }
        if (Role.PATIENT.code().equals(row.get().role())) {
            throw new RefusedException("A patient's account is not deactivated: only doctors' and staff accounts are.");
        }
        return row.get();
    }

    private static boolean active(Map<ChainId, AccountStatuses.Standing> statuses, ChainId chain) {
        return AccountStatuses.active(statuses.get(chain));
    }

    private Set<String> activeAdministrators(UnitOfWork work, Map<ChainId, AccountStatuses.Standing> statuses) {
        Set<String> active = new TreeSet<>();
        for (AccountRow row : accounts.accounts(work)) {
            if (Role.ADMINISTRATOR.code().equals(row.role()) && active(statuses, ChainId.parse(row.chain()))) {
                active.add(row.username());
            }
        }
        return active;
    }

    /**
     * Every doctor's and member of staff's account with its name, when it was added and its status,
     * sorted by name. For staff only, as the names are sealed with the directory key.
     */
    List<StaffAccount> list(Session reader) {
        reader.use(clock.instant());
        if (!reader.role().isStaff()) {
            throw new RefusedException("Only staff see the list of the clinic's staff.");
        }
        List<StaffAccount> list = new ArrayList<>();
        Map<String, Instant> added = new java.util.HashMap<>();
        Map<ChainId, AccountStatuses.Standing> statuses = database.read("list the clinic's staff", work -> {
            for (AccountRow row : accounts.accounts(work)) {
                added.put(row.username(), Instant.ofEpochMilli(row.createdAtMillis()));
            }
            return ledger.accountStatuses(work);
        });
        for (Role role : List.of(Role.ADMINISTRATOR, Role.RECEPTIONIST, Role.DOCTOR)) {
            for (StaffMember member : directory.staff(reader, role)) {
                ChainId chain = new ChainId(role.party(), member.username());
                AccountStatuses.Standing standing = statuses.get(chain);
                list.add(new StaffAccount(member, added.get(member.username()), active(statuses, chain),
                        standing == null ? null : standing.since()));
            }
        }
        list.sort(Comparator.comparing((StaffAccount account) -> account.member().displayName(),
                String.CASE_INSENSITIVE_ORDER).thenComparing(account -> account.member().username()));
        return List.copyOf(list);
    }

    private static String checkedReason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() < MIN_REASON) {
            throw new InvalidInputException("Give the reason for the deactivation, at least " + MIN_REASON
                    + " characters: it is kept, sealed, with the event.");
        }
        if (text.length() > MAX_REASON) {
            throw new InvalidInputException("The reason is too long: at most " + MAX_REASON + " characters.");
        }
        return text;
    }
}
