package org.clinicledger.domain;

import java.util.Objects;

/**
 * How many of the clinic's registered machines stand behind a checkpoint of a chain: the machine
 * whose node key signed it, and every other machine whose cosignature of it, or of a later
 * checkpoint consistent with it, checks. A checkpoint is witnessed when a majority of at least two
 * machines stands behind it: in a clinic of one machine nothing is witnessed, as nobody but the
 * machine that wrote the chain has seen it (see {@code docs/decisions/0024}).
 *
 * @param chain the chain id
 * @param size the checkpoint's size in blocks
 * @param behind how many distinct registered machines stand behind it
 * @param machines how many machines the clinic has registered
 */
public record Witnessing(String chain, long size, int behind, int machines) {

    /** The fewest machines for which a majority means anything. */
    public static final int MINIMUM_MACHINES = 2;

    public Witnessing {
        Objects.requireNonNull(chain, "chain");
        if (behind < 0 || machines < 0) {
            throw new IllegalArgumentException("counts are not negative");
        }
    }

    /** A strict majority of the registered machines, and at least two of them. */
    public boolean witnessed() {
        return machines >= MINIMUM_MACHINES && behind >= MINIMUM_MACHINES && 2 * behind > machines;
    }

    /** "witnessed by 2 of 3 machines", or what stands behind it so far. */
    public String describe() {
        String of = behind + " of " + machines + (machines == 1 ? " machine" : " machines");
        if (witnessed()) {
            return "witnessed by " + of;
        }
        return machines < MINIMUM_MACHINES
                ? "not witnessed: the clinic has one machine, and a checkpoint is witnessed once a majority of at least "
                        + "two machines has cosigned it"
                : "not witnessed yet: " + of + " stand behind it, a majority needs " + (machines / 2 + 1);
    }
}
