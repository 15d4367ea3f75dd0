package org.clinicledger.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.TableRows;
import org.clinicledger.store.Vault;

/**
 * Merges a verified export ({@link StagedExport}) into a data folder, inside the folder's one write
 * (decision 0022). Chains are append-only and hash-linked, so two copies of a chain agree up to a
 * height exactly when their blocks at that height have the same hash: a chain the file holds is
 * new here, the same, older, or longer (its new blocks and heads are appended). When both sides
 * appended to the same chain, nothing is merged: {@link #plan} names each such chain, the first
 * height where they differ and both blocks' hashes, and a machine that signed heads over both
 * branches has equivocated. The rows beside a chain (an account's, a patient's records and their
 * key copies) are taken from the file exactly when the file's chain is the longer one, as they
 * are the rows that chain commits to; the sign-in delays of this machine stay its own.
 */
public final class ChainMerge {

    /** Two branches of one chain. */
    public record Conflict(String chain, long height, byte[] localHash, byte[] incomingHash, Set<String> localSigners,
            Set<String> incomingSigners) {

        /** The machines (node key ids) that signed heads over both branches. */
        public Set<String> equivocators() {
            Set<String> both = new TreeSet<>(localSigners);
            both.retainAll(incomingSigners);
            return both;
        }

        public String describe() {
            String sentence = chain + " from block " + height + ": here " + Hex.encode(localHash).substring(0, 16)
                    + "…, in the file " + Hex.encode(incomingHash).substring(0, 16) + "…";
            Set<String> equivocators = equivocators();
            return equivocators.isEmpty() ? sentence : sentence + " (machine node/" + String.join(", node/", equivocators)
                    + " signed both: it equivocated)";
        }
    }

    /** What merging would do. */
    public record Plan(String localClinic, String incomingClinic, Set<String> newChains, Map<String, Long> extended,
            boolean localNewer, List<Conflict> conflicts) {

        public boolean sameClinic() {
            return localClinic == null || localClinic.equals(incomingClinic);
        }

        public boolean changesNothing() {
            return newChains.isEmpty() && extended.isEmpty();
        }
    }

    private static final TableRows ROWS = new TableRows();

    private ChainMerge() {
    }

    public static Plan plan(UnitOfWork local, UnitOfWork staged) {
        Set<String> newChains = new TreeSet<>();
        Map<String, Long> extended = new TreeMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        boolean[] localNewer = {false};
        Set<String> stagedChains = new TreeSet<>();
        ROWS.forEach(staged, TableRows.CHAINS, row -> {
            String chain = (String) row[0];
            long incomingSize = (Long) row[1];
            stagedChains.add(chain);
            Optional<Object[]> here = ROWS.find(local, TableRows.CHAINS, chain);
            if (here.isEmpty()) {
                newChains.add(chain);
                return;
            }
            long localSize = (Long) here.get()[1];
            long common = Math.min(localSize, incomingSize);
            if (!sameBlock(local, staged, chain, common - 1)) {
                conflicts.add(conflict(local, staged, chain, common));
            } else if (incomingSize > localSize) {
                extended.put(chain, localSize);
            } else if (localSize > incomingSize) {
                localNewer[0] = true;
            }
        });
        return new Plan(clinicChain(local), clinicChain(staged), newChains, extended, localNewer[0], conflicts);
    }

    private static String clinicChain(UnitOfWork work) {
        List<String> clinics = new ArrayList<>();
        ROWS.forEach(work, TableRows.CHAINS, row -> {
            if (((String) row[0]).startsWith(PartyKind.CLINIC.code() + "/")) {
                clinics.add((String) row[0]);
            }
        });
        return clinics.isEmpty() ? null : String.join(",", clinics);
    }

    private static boolean sameBlock(UnitOfWork local, UnitOfWork staged, String chain, long height) {
        if (height < 0) {
            return true;
        }
        byte[] here = hash(local, chain, height);
        byte[] there = hash(staged, chain, height);
        return here != null && there != null && MessageDigest.isEqual(here, there);
    }

    private static byte[] hash(UnitOfWork work, String chain, long height) {
        return ROWS.find(work, TableRows.BLOCKS, chain, height)
                .map(row -> (byte[]) row[TableRows.BLOCKS.index("hash")]).orElse(null);
    }

    /** The first height below {@code common} where the two copies differ (hash links make "differs" monotone). */
    private static Conflict conflict(UnitOfWork local, UnitOfWork staged, String chain, long common) {
        long low = 0;
        long high = common - 1;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (sameBlock(local, staged, chain, middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        byte[] here = hash(local, chain, low);
        byte[] there = hash(staged, chain, low);
        return new Conflict(chain, low, here == null ? new byte[32] : here, there == null ? new byte[32] : there,
                signersAbove(local, chain, low), signersAbove(staged, chain, low));
    }

    /** The machines that signed heads covering block {@code height} of {@code chain}. */
    private static Set<String> signersAbove(UnitOfWork work, String chain, long height) {
        Set<String> signers = new TreeSet<>();
        ROWS.forEachWhere(work, TableRows.SIGNED_HEADS, "chain_id", chain, row -> {
            if ((Long) row[1] > height) {
                signers.add((String) row[TableRows.SIGNED_HEADS.index("node_key_id")]);
            }
        });
        return signers;
    }

    /**
     * Writes what {@code plan} found new or longer into {@code local} and copies the encrypted files
     * its records name from {@code stagedVault}. Returns the figures; {@code outcome} is used when
     * anything was written.
     */
    public static ImportSummary apply(UnitOfWork local, UnitOfWork staged, Plan plan, Vault localVault,
            Vault stagedVault, ImportSummary.Outcome outcome, Cancel cancel) {
        long cosignatures = takeCosignatures(local, staged);
        if (plan.changesNothing()) {
            return new ImportSummary(cosignatures > 0 ? outcome : plan.localNewer() ? ImportSummary.Outcome.OLDER
                    : ImportSummary.Outcome.NOTHING_NEW, 0, 0, 0, 0, cosignatures);
        }
        long[] counts = new long[4];
        for (TableRows.Table table : List.of(TableRows.CLINIC, TableRows.CLINIC_SETTINGS)) {
            ROWS.forEach(staged, table, row -> ROWS.insert(local, table, row, TableRows.OnConflict.KEEP));
        }
        Set<String> touched = new LinkedHashSet<>(plan.newChains());
        touched.addAll(plan.extended().keySet());
        counts[0] = plan.newChains().size();
        for (String chain : touched) {
            cancel.check("The import was cancelled; nothing was changed.");
            long from = plan.extended().getOrDefault(chain, 0L);
            ROWS.forEachWhere(staged, TableRows.BLOCKS, "chain_id", chain, row -> {
                if ((Long) row[1] >= from && ROWS.insert(local, TableRows.BLOCKS, row, TableRows.OnConflict.KEEP)) {
                    counts[1]++;
                }
            });
            ROWS.forEachWhere(staged, TableRows.SIGNED_HEADS, "chain_id", chain,
                    row -> ROWS.insert(local, TableRows.SIGNED_HEADS, row, TableRows.OnConflict.KEEP));
            ROWS.forEachWhere(staged, TableRows.CHAINS, "chain_id", chain,
                    row -> ROWS.insert(local, TableRows.CHAINS, row, TableRows.OnConflict.REPLACE));
            ROWS.forEachWhere(staged, TableRows.AUTHOR_KEYS, "chain_id", chain,
                    row -> ROWS.insert(local, TableRows.AUTHOR_KEYS, row, TableRows.OnConflict.KEEP));
            cosignatures += takeCosignatures(local, staged, chain);
        }
        for (String chain : touched) {
            ROWS.forEachWhere(staged, TableRows.ACCOUNTS, "chain_id", chain, row -> takeAccount(local, staged, row));
        }
        for (String chain : touched) {
            if (chain.startsWith(PartyKind.PATIENT.code() + "/")) {
                String mrn = chain.substring(PartyKind.PATIENT.code().length() + 1);
                takePatient(local, staged, mrn, localVault, stagedVault, counts, cancel);
            }
        }
        return new ImportSummary(outcome, counts[0], counts[1], counts[2], counts[3], cosignatures);
    }

    /**
     * Other machines' cosignatures of heads this folder holds too (same chain, size and root), for
     * every chain in the file: they are what a witness adds without a block, so they arrive even
     * when the chain itself is no longer here. Verification checked each in the staging folder.
     */
    private static long takeCosignatures(UnitOfWork local, UnitOfWork staged) {
        long[] taken = {0};
        ROWS.forEach(staged, TableRows.CHAINS, row -> {
            if (ROWS.find(local, TableRows.CHAINS, row[0]).isPresent()) {
                taken[0] += takeCosignatures(local, staged, (String) row[0]);
            }
        });
        return taken[0];
    }

    private static long takeCosignatures(UnitOfWork local, UnitOfWork staged, String chain) {
        long[] taken = {0};
        int root = TableRows.COSIGNATURES.index("root");
        ROWS.forEachWhere(staged, TableRows.COSIGNATURES, "chain_id", chain, row -> {
            boolean sameHead = ROWS.find(local, TableRows.SIGNED_HEADS, chain, row[1])
                    .map(head -> MessageDigest.isEqual((byte[]) head[TableRows.SIGNED_HEADS.index("root")],
                            (byte[]) row[root]))
                    .orElse(false);
            if (sameHead && ROWS.insert(local, TableRows.COSIGNATURES, row, TableRows.OnConflict.KEEP)) {
                taken[0]++;
            }
        });
        return taken[0];
    }

    private static void takeAccount(UnitOfWork local, UnitOfWork staged, Object[] account) {
        ROWS.insert(local, TableRows.ACCOUNTS, account, TableRows.OnConflict.REPLACE, "failed_logins", "locked_until");
        String username = (String) account[0];
        ROWS.forEachWhere(staged, TableRows.ACCOUNT_DETAILS, "username", username,
                row -> ROWS.insert(local, TableRows.ACCOUNT_DETAILS, row, TableRows.OnConflict.REPLACE));
        ROWS.deleteWhere(local, TableRows.WRAPPED_CLINIC_KEYS, "username", username);
        ROWS.forEachWhere(staged, TableRows.WRAPPED_CLINIC_KEYS, "username", username,
                row -> ROWS.insert(local, TableRows.WRAPPED_CLINIC_KEYS, row, TableRows.OnConflict.KEEP));
    }

    private static void takePatient(UnitOfWork local, UnitOfWork staged, String mrn, Vault localVault,
            Vault stagedVault, long[] counts, Cancel cancel) {
        ROWS.forEachWhere(staged, TableRows.PATIENTS, "mrn", mrn,
                row -> ROWS.insert(local, TableRows.PATIENTS, row, TableRows.OnConflict.KEEP));
        Set<String> records = new TreeSet<>();
        ROWS.forEachWhere(staged, TableRows.RECORD_VERSIONS, "patient", mrn, row -> {
            records.add((String) row[0]);
            boolean isNew = ROWS.find(local, TableRows.RECORD_VERSIONS, row[0], row[1]).isEmpty();
            ROWS.insert(local, TableRows.RECORD_VERSIONS, row, TableRows.OnConflict.REPLACE);
            if (isNew) {
                counts[2]++;
            }
            if (((Long) row[TableRows.RECORD_VERSIONS.index("deleted")]) == 0) {
                counts[3] += copy(localVault, stagedVault, (String) row[TableRows.RECORD_VERSIONS.index("document_address")]);
            }
        });
        for (String record : records) {
            cancel.check("The import was cancelled; nothing was changed.");
            ROWS.forEachWhere(staged, TableRows.RECORD_ATTACHMENTS, "record_id", record, row -> {
                ROWS.insert(local, TableRows.RECORD_ATTACHMENTS, row, TableRows.OnConflict.KEEP);
                counts[3] += copy(localVault, stagedVault, (String) row[TableRows.RECORD_ATTACHMENTS.index("address")]);
            });
            ROWS.deleteWhere(local, TableRows.RECORD_KEYS, "record_id", record);
            ROWS.forEachWhere(staged, TableRows.RECORD_KEYS, "record_id", record,
                    row -> ROWS.insert(local, TableRows.RECORD_KEYS, row, TableRows.OnConflict.KEEP));
            ROWS.forEachWhere(staged, TableRows.RECORD_DELETIONS, "record_id", record,
                    row -> ROWS.insert(local, TableRows.RECORD_DELETIONS, row, TableRows.OnConflict.KEEP));
        }
        ROWS.forEachWhere(staged, TableRows.ACCESS_REASONS, "patient", mrn,
                row -> ROWS.insert(local, TableRows.ACCESS_REASONS, row, TableRows.OnConflict.KEEP));
    }

    /** Copies one encrypted file when this vault lacks it and the staged one has it; returns 1 when copied. */
    private static int copy(Vault localVault, Vault stagedVault, String address) {
        try {
            if (localVault.contains(address)) {
                return 0;
            }
            if (!stagedVault.contains(address)) {
                return 0;
            }
            try (InputStream in = stagedVault.open(address); Vault.Incoming incoming = localVault.incoming(address)) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    incoming.write(buffer, 0, read);
                }
                incoming.commit();
            }
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the encrypted file " + address + " into the vault", e);
        }
    }
}
