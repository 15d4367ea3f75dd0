package org.clinicledger.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.TableRows;
import org.clinicledger.store.Vault;

/**
 * Writes the rows and files of an export from one consistent read of the database
 * ({@code Database#snapshot}): the chosen chains whole, the accounts whose chains those are, and
 * the chosen patients' demographics, records, key copies and encrypted files. It keeps only the
 * chains' and patients' names in memory; rows and files stream through.
 */
public final class ExportContents {

    /** What was written. */
    public record Written(long chains, long blocks, long records, long files, long fileBytes) {
    }

    private static final TableRows ROWS = new TableRows();
    /** What a cancelled export says. */
    public static final String CANCELLED = "The export was cancelled; no file was written.";

    private ExportContents() {
    }

    public static Written write(UnitOfWork work, Vault vault, ExportWriter writer, Collection<String> chains,
            Collection<String> patients, Progress progress, Cancel cancel) throws IOException {
        Set<String> chainSet = new TreeSet<>(chains);
        Set<String> patientSet = new TreeSet<>(patients);
        long[] counts = new long[2];
        try {
            for (TableRows.Table table : new TableRows.Table[] {TableRows.CLINIC, TableRows.CLINIC_SETTINGS}) {
                ROWS.forEach(work, table, row -> emit(writer, table, row));
            }
            for (TableRows.Table table : new TableRows.Table[] {TableRows.BLOCKS, TableRows.SIGNED_HEADS,
                    TableRows.CHAINS, TableRows.AUTHOR_KEYS, TableRows.COSIGNATURES}) {
                for (String chain : chainSet) {
                    cancel.check(CANCELLED);
                    ROWS.forEachWhere(work, table, "chain_id", chain, row -> {
                        emit(writer, table, row);
                        if (table == TableRows.BLOCKS) {
                            counts[0]++;
                        }
                    });
                }
                progress.update(0, -1, "Writing the chains…");
            }
            Set<String> usernames = new TreeSet<>();
            int failed = TableRows.ACCOUNTS.index("failed_logins");
            int locked = TableRows.ACCOUNTS.index("locked_until");
            for (String chain : chainSet) {
                ROWS.forEachWhere(work, TableRows.ACCOUNTS, "chain_id", chain, row -> {
                    // Sign-in delays belong to the machine that counted the wrong passwords.
                    row[failed] = 0L;
                    row[locked] = null;
                    usernames.add((String) row[0]);
                    emit(writer, TableRows.ACCOUNTS, row);
                });
            }
            for (TableRows.Table table : new TableRows.Table[] {TableRows.ACCOUNT_DETAILS,
                    TableRows.WRAPPED_CLINIC_KEYS}) {
                for (String username : usernames) {
                    ROWS.forEachWhere(work, table, "username", username, row -> emit(writer, table, row));
                }
            }
            for (String mrn : patientSet) {
                ROWS.forEachWhere(work, TableRows.PATIENTS, "mrn", mrn, row -> emit(writer, TableRows.PATIENTS, row));
            }
            for (String mrn : patientSet) {
                cancel.check(CANCELLED);
                ROWS.forEachWhere(work, TableRows.RECORD_VERSIONS, "patient", mrn, row -> {
                    emit(writer, TableRows.RECORD_VERSIONS, row);
                    counts[1]++;
                });
            }
            for (TableRows.Table table : new TableRows.Table[] {TableRows.RECORD_ATTACHMENTS, TableRows.RECORD_KEYS,
                    TableRows.RECORD_DELETIONS}) {
                for (String mrn : patientSet) {
                    cancel.check(CANCELLED);
                    for (String record : recordsOf(work, mrn)) {
                        ROWS.forEachWhere(work, table, "record_id", record, row -> emit(writer, table, row));
                    }
                }
            }
            for (String mrn : patientSet) {
                ROWS.forEachWhere(work, TableRows.ACCESS_REASONS, "patient", mrn,
                        row -> emit(writer, TableRows.ACCESS_REASONS, row));
            }
            for (String mrn : patientSet) {
                Set<String> addresses = new TreeSet<>();
                forEachLiveFile(work, mrn, addresses::add);
                for (String address : addresses) {
                    cancel.check(CANCELLED);
                    copyFile(vault, writer, address);
                    progress.update(writer.fileBytes(), -1, "Writing encrypted files…");
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Written(chainSet.size(), counts[0], counts[1], writer.files(), writer.fileBytes());
    }

    private static Set<String> recordsOf(UnitOfWork work, String mrn) {
        Set<String> records = new TreeSet<>();
        ROWS.forEachWhere(work, TableRows.RECORD_VERSIONS, "patient", mrn, row -> records.add((String) row[0]));
        return records;
    }

    /** The addresses of the encrypted files of a patient's records that are not deleted. */
    private static void forEachLiveFile(UnitOfWork work, String mrn, Consumer<String> sink) {
        int deleted = TableRows.RECORD_VERSIONS.index("deleted");
        int document = TableRows.RECORD_VERSIONS.index("document_address");
        Set<String> live = new TreeSet<>();
        ROWS.forEachWhere(work, TableRows.RECORD_VERSIONS, "patient", mrn, row -> {
            if ((Long) row[deleted] == 0) {
                sink.accept((String) row[document]);
                live.add((String) row[0]);
            }
        });
        for (String record : live) {
            ROWS.forEachWhere(work, TableRows.RECORD_ATTACHMENTS, "record_id", record,
                    row -> sink.accept((String) row[TableRows.RECORD_ATTACHMENTS.index("address")]));
        }
    }

    private static void copyFile(Vault vault, ExportWriter writer, String address) throws IOException {
        try (InputStream in = vault.open(address)) {
            writer.file(address, vault.size(address), in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("The encrypted file " + address + " is missing from the vault; verify the data folder", e);
        }
    }

    private static void emit(ExportWriter writer, TableRows.Table table, Object[] row) {
        try {
            writer.row(table, row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
