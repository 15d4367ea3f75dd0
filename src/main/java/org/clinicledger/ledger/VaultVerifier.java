package org.clinicledger.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.Vault;

/**
 * Checks the encrypted files the record blocks name: for every record-added or record-amended
 * block on a patient's chain, the document and each attachment must be in the vault and hash to
 * its address. A record that a record-deleted tombstone names has had its files destroyed on
 * purpose: missing files are then expected and not a problem. (Signatures and links of the blocks
 * themselves are {@link ChainVerifier}'s work; the payloads read here are those it checks.) The ledger
 * core accepts any payload, so a block whose payload is not in the record-event format names no
 * vault file and is skipped: changing a payload afterwards breaks the block's hash and signature,
 * which the chain verification reports.
 */
public final class VaultVerifier {

    /** Where a problem about the vault as a whole is reported. */
    private static final String FOLDER = "vault";

    private final Database database;
    private final ChainStore store;
    private final Vault vault;
    private final RecordStore records = new RecordStore();

    public VaultVerifier(Database database, ChainStore store, Vault vault) {
        this.database = database;
        this.store = store;
        this.vault = vault;
    }

    public List<VerificationProblem> verify() {
        List<BlockRow> written = new ArrayList<>();
        Set<String> deleted = new HashSet<>();
        List<VerificationProblem> problems = new ArrayList<>();
        database.read("read the record blocks for verification", work -> {
            store.forEachBlockOfKinds(work, BlockKind.RECORD_ADDED.code(), BlockKind.RECORD_AMENDED.code(), row -> {
                if (row.chain().startsWith(PartyKind.PATIENT.code() + "/")) {
                    written.add(row);
                }
            });
            store.forEachBlockOfKinds(work, BlockKind.RECORD_DELETED.code(), BlockKind.RECORD_DELETED.code(),
                    row -> {
                        try {
                            deleted.add(RecordEvents.readDeleted(row.payload()).recordId());
                        } catch (IllegalArgumentException notARecordPayload) {
                            // Names no vault file: nothing here to check (see the class comment).
                        }
                    });
                    return null;
        });
        problems.addAll(leftovers());
        for (BlockRow row : written) {
            RecordEvents.Written event;
            try {
                event = RecordEvents.readWritten(row.payload());
            } catch (IllegalArgumentException notARecordPayload) {
                continue;
            }
            boolean wasDeleted = deleted.contains(event.recordId());
            List<String> addresses = new ArrayList<>();
            addresses.add(event.document());
            addresses.addAll(event.attachments());
            for (String address : addresses) {
                String problem = check(address, wasDeleted);
                if (problem != null) {
                    problems.add(new VerificationProblem(row.chain(), row.height(), ProblemCode.VAULT, problem + " (record "
                            + event.recordId() + " version " + event.version() + ")"));
                }
            }
        }
        return problems;
    }

    /**
     * Files no record row references (see {@link Vault#leftovers}), as one note that is not
     * tampering: a write cut short leaves them, and opening the folder to work in removes them.
     * Only looks: verification writes nothing.
     */
    private List<VerificationProblem> leftovers() {
        Set<String> live = database.read("read the records' files for verification", records::liveAddresses);
        Vault.Leftovers found;
        try {
            found = vault.leftovers(live::contains, null);
        } catch (IOException e) {
            return List.of(new VerificationProblem(FOLDER, -1, ProblemCode.VAULT, "the vault cannot be read: "
                    + e.getMessage()));
        }
        if (found.files() == 0) {
            return List.of();
        }
        return List.of(new VerificationProblem(FOLDER, -1, ProblemCode.LEFTOVER_FILES, found.files()
                + (found.files() == 1 ? " leftover file" : " leftover files") + String.format(Locale.ROOT, " (%,d bytes)",
                found.bytes()) + " that no record references, left by writes that were cut short; opening the "
                + "folder to work in removes them"));
    }

    /** What is wrong with one named file, or null when nothing is. */
    private String check(String address, boolean recordDeleted) {
        try {
            if (!vault.contains(address)) {
                return recordDeleted ? null : "the encrypted file " + address + " is missing";
            }
            return vault.holdsIntact(address) ? null : "the encrypted file " + address + " was changed";
        } catch (IllegalArgumentException e) {
            return "the block names " + address + ", which is not a vault address";
        } catch (IOException e) {
            return "the encrypted file " + address + " cannot be read: " + e.getMessage();
        }
    }
}
