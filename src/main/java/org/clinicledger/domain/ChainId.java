package org.clinicledger.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** A chain's identity: whose it is and the subject's pseudonymous id, written {@code doctor/<id>}. */
public record ChainId(PartyKind party, String subject) implements Comparable<ChainId> {

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ChainId {
        Objects.requireNonNull(party, "party");
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("Not a valid chain subject: " + subject);
        }
    }

    public static ChainId parse(String value) {
        int slash = value == null ? -1 : value.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Not a chain id: " + value);
        }
        return new ChainId(PartyKind.fromCode(value.substring(0, slash)), value.substring(slash + 1));
    }

    public String value() {
        return party.code() + "/" + subject;
    }

    @Override
    public int compareTo(ChainId other) {
        return value().compareTo(other.value());
    }

    @Override
    public String toString() {
        return value();
    }
}
