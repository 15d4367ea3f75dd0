package org.clinicledger.domain;

/**
 * One open read or write of the clinic's data: what the storage layer hands to the code that works
 * inside it, and what that code passes on, unopened, to everything it calls within the same
 * transaction (the ledger's appends, the custody of keys, the tables' rows). Only the storage layer
 * can open one or look inside it; everyone else only carries it. See {@code docs/decisions/0012}.
 */
public interface UnitOfWork {

    /** Whether this unit may write: false for a read, which sees the data but cannot change it. */
    boolean writes();
}
