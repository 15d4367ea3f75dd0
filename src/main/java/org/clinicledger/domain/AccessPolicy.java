package org.clinicledger.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read a patient's records: the paper's "smart contract", as a pure function of the events
 * on the patient's chain and the time. The patient always may; so may the author of a record (for
 * that record); a doctor with an active, unexpired grant; a doctor the patient was referred to by a
 * doctor who had access at the time; and an administrator for {@link #EMERGENCY_WINDOW} after an
 * audited emergency access. A revocation ends a doctor's grant and referral at once. What this
 * function says is then enforced by cryptography: keys are wrapped only for those it names.
 */
public final class AccessPolicy {

    /** How long emergency access lasts; long enough for one emergency, short enough not to become a habit. */
    public static final Duration EMERGENCY_WINDOW = Duration.ofHours(24);

    /** Why someone may read. */
    public enum Reason {
        PATIENT, AUTHOR, GRANT, REFERRAL, EMERGENCY;

        /**
         * Whether a doctor with this reason has standing access: may write the patient's records,
         * refer them, and holds copies of their keys. An administrator in an emergency holds copies
         * for the window only, and may neither write nor refer.
         */
        public boolean isStanding() {
            return this == GRANT || this == REFERRAL;
        }
    }

    private AccessPolicy() {
    }

    /** The state after {@code events} (in chain order) at time {@code now}. */
    public static AccessState evaluate(String patient, List<AccessEvent> events, Instant now) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (AccessEvent event : events) {
            if (event.at().isAfter(now)) {
                break;
            }
            switch (event.kind()) {
                case GRANT -> {
                    if (event.actor().equals(patient)) {
                        entries.put(event.subject(), new Entry(Reason.GRANT, event.until()));
                    }
                }
                case REVOKE -> {
                    if (event.actor().equals(patient)) {
                        entries.remove(event.subject());
                    }
                }
                case REFERRAL -> {
                    Entry referrer = entries.get(event.actor());
                    if (referrer != null && referrer.activeAt(event.at()) && referrer.reason != Reason.EMERGENCY
                            && !entries.containsKey(event.subject())) {
                        entries.put(event.subject(), new Entry(Reason.REFERRAL, null));
                    }
                }
                case EMERGENCY -> entries.put(event.subject(),
                        new Entry(Reason.EMERGENCY, event.at().plus(EMERGENCY_WINDOW)));
                default -> throw new IllegalStateException("Unknown access event " + event.kind());
            }
        }
        Map<String, Reason> readers = new LinkedHashMap<>();
        Map<String, Instant> ends = new LinkedHashMap<>();
        readers.put(patient, Reason.PATIENT);
        entries.forEach((principal, entry) -> {
            if (entry.activeAt(now) && readers.putIfAbsent(principal, entry.reason) == null && entry.until != null) {
                ends.put(principal, entry.until);
            }
        });
        return new AccessState(patient, Collections.unmodifiableMap(readers), Collections.unmodifiableMap(ends));
    }

    private record Entry(Reason reason, Instant until) {
        boolean activeAt(Instant time) {
            return until == null || time.isBefore(until);
        }
    }

    /** A doctor's standing access (a grant or a referral) at one moment, and when it ends (null: no end). */
    public record StandingAccess(ChainId doctor, Reason reason, Instant until) {
    }

    /** Who may read a patient's records at one moment, why, and until when (principals absent from {@code ends} have no end). */
    public record AccessState(String patient, Map<String, Reason> readers, Map<String, Instant> ends) {

        /** Why {@code principal} may read a record written by {@code author}, or empty when it may not. */
        public Optional<Reason> mayRead(String principal, String author) {
            Reason reason = readers.get(principal);
            if (reason != null) {
                return Optional.of(reason);
            }
            return principal.equals(author) ? Optional.of(Reason.AUTHOR) : Optional.empty();
        }

        /** Everyone a new record's key must be wrapped for, besides its author and the clinic's escrow key. */
        public List<String> currentReaders() {
            return List.copyOf(readers.keySet());
        }

        /**
         * Whether {@code principal} may hold copies of the patient's record keys now: a doctor with
         * standing access, or an administrator within an emergency access.
         */
        public boolean holdsKeys(String principal) {
            Reason reason = readers.get(principal);
            return reason != null && (reason.isStanding() || reason == Reason.EMERGENCY);
        }

        /** The administrators within an emergency access now: they receive copies of new records' keys too. */
        public List<ChainId> emergencyReaders() {
            List<ChainId> administrators = new ArrayList<>();
            readers.forEach((principal, reason) -> {
                if (reason != Reason.EMERGENCY) {
                    return;
                }
                try {
                    ChainId chain = ChainId.parse(principal);
                    if (chain.party() == PartyKind.STAFF) {
                        administrators.add(chain);
                    }
                } catch (IllegalArgumentException notAChain) {
                    // An event naming no chain admits nobody; verification reports the block.
                }
            });
            return List.copyOf(administrators);
        }

        /** Whether {@code principal} has standing access now (a grant or a referral): may write, refer, hold keys. */
        public boolean isStanding(String principal) {
            Reason reason = readers.get(principal);
            return reason != null && reason.isStanding();
        }

        /**
         * The doctors with standing access now, in the order they gained it, with the end of each
         * grant: who holds copies of the keys, and what the patient is shown.
         */
        public List<StandingAccess> standingDoctors() {
            List<StandingAccess> standing = new ArrayList<>();
            readers.forEach((principal, reason) -> {
                if (!reason.isStanding()) {
                    return;
                }
                try {
                    ChainId doctor = ChainId.parse(principal);
                    if (doctor.party() == PartyKind.DOCTOR) {
                        standing.add(new StandingAccess(doctor, reason, ends.get(principal)));
                    }
                } catch (IllegalArgumentException notAChain) {
                    // An event naming no chain admits nobody; verification reports the block.
                }
            });
            return List.copyOf(standing);
        }
    }
}
