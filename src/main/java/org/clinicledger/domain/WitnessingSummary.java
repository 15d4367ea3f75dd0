package org.clinicledger.domain;

import java.util.List;

/**
 * The newest checkpoint of every chain and how many of the clinic's machines stand behind each:
 * what {@code verify --json} and the Ledger tab show.
 *
 * @param machines how many machines the clinic has registered
 * @param checkpoints one per chain that has a checkpoint, in chain order
 */
public record WitnessingSummary(int machines, List<Witnessing> checkpoints) {

    public WitnessingSummary {
        checkpoints = List.copyOf(checkpoints);
    }

    /** How many of the newest checkpoints are witnessed. */
    public long witnessed() {
        return checkpoints.stream().filter(Witnessing::witnessed).count();
    }

    /** One sentence for people: how many chains' newest checkpoints are witnessed, by how many machines. */
    public String describe() {
        if (machines < Witnessing.MINIMUM_MACHINES) {
            return "Witnessing: the clinic has " + (machines == 0 ? "no registered machine" : "one machine")
                    + ", so no checkpoint is witnessed; once a second machine cosigns them, a majority of the "
                    + "machines can witness the chains.";
        }
        return "Witnessing: " + witnessed() + " of " + checkpoints.size() + " chains' newest checkpoints are "
                + "witnessed, each cosigned by a majority of the clinic's " + machines + " machines ("
                + (machines / 2 + 1) + " or more).";
    }
}
