package org.clinicledger.domain;

/** How many people of each role have an account: what the window may show before anyone signs in. */
public record AccountCounts(long administrators, long receptionists, long doctors, long patients) {

    public static final AccountCounts NONE = new AccountCounts(0, 0, 0, 0);
}
