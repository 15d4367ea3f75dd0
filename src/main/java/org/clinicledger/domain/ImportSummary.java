package org.clinicledger.domain;

/** What an import did, in figures and one sentence. */
public record ImportSummary(Outcome outcome, long newChains, long newBlocks, long newRecords, long newFiles,
        long newCosignatures) {

    public enum Outcome {
        /** Everything in the file was here already, and nothing here is newer. */
        NOTHING_NEW,
        /** Everything in the file was here already, and some chains here are longer: the file is older. */
        OLDER,
        /** New blocks, chains, records or other machines' cosignatures were added. */
        MERGED,
        /** An empty folder became a replica of the clinic. */
        REPLICA
    }

    public String headline() {
        String added = newChains + " new chains, " + newBlocks + " new blocks, " + newRecords
                + " new record versions and " + newFiles + " encrypted files"
                + (newCosignatures == 0 ? "" : ", and " + newCosignatures + " other machines' cosignatures");
        return switch (outcome) {
            case NOTHING_NEW -> "Nothing new: everything in this file is here already.";
            case OLDER -> "Nothing new: this export is older than what is here; nothing was changed.";
            case MERGED -> "Imported " + added + ".";
            case REPLICA -> "This folder is now a replica of the clinic, with " + added + ".";
        };
    }
}
