package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/** An account's public facts: who, in which role, with which chain. Nothing here is secret. */
public record Account(String username, Role role, ChainId chain, Instant createdAt) {

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
