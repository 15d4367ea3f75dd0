package org.clinicledger.exchange;

/**
 * The key of a new machine that an export starts: its node chain (registered among the rows,
 * authorized by the exporting machine) and its seed, wrapped for the one person who exported it,
 * so that only they can make a replica of the clinic from the file.
 */
public record MachineGrant(String chain, String forUser, byte[] wrappedSeed) {

    public MachineGrant {
        wrappedSeed = wrappedSeed.clone();
    }

    @Override
    public byte[] wrappedSeed() {
        return wrappedSeed.clone();
    }
}
