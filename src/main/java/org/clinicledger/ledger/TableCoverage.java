package org.clinicledger.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code verify} deliberately does not check, in one place. Every other column of every table
 * is covered by a block's hash or signature, a signed head, or recomputation from them
 * ({@link ChainVerifier}, {@link TableVerifier}, {@link VaultVerifier}); the column sweep test reads
 * the schema and fails for any column that is neither caught when changed nor listed here. Each
 * entry says why changing the value can neither hide nor fake anything the ledger records, or, where
 * it can do harm of another kind, what that harm is.
 */
public final class TableCoverage {

    /** Columns ({@code table.column}) verification leaves alone, each with the reason. */
    public static final Map<String, String> UNCOVERED_COLUMNS;

    /** Files in the data folder beside the database that verification leaves alone, each with the reason. */
    public static final Map<String, String> UNCOVERED_FILES;

    static {
        Map<String, String> columns = new LinkedHashMap<>();
        String throttle = "the sign-in delay after wrong passwords, changed at every attempt without a block: it "
                + "decides how long a next try waits here (a minute at most), never who may read or what a record "
                + "says, and whoever can write the folder can copy the sealed keys and guess offline anyway";
        columns.put("accounts.failed_logins", throttle);
        columns.put("accounts.locked_until", throttle);
        String unknown = "the sign-in delay for names without an account, keyed by a hash of the name: decides no "
                + "access and names nobody";
        columns.put("unknown_logins.name_hash", unknown);
        columns.put("unknown_logins.failed_logins", unknown);
        columns.put("unknown_logins.locked_until", unknown);
        columns.put("unknown_logins.last_failed_at", unknown);
        columns.put("record_keys.wrapped_key", "sealed for its holder, and verification holds no key to open it; "
                + "a changed copy fails its authenticated unwrap when used (refused as changed outside ClinicLedger), "
                + "and a copy of another key opens no file the blocks commit to (vault address and record hash), so "
                + "it can keep a reader out but never show them anything else; who holds a copy is checked");
        columns.put("wrapped_clinic_keys.wrapped_key", "sealed for its holder, and verification holds no key to open "
                + "it; a changed copy fails its authenticated unwrap at login or use. A forged escrow copy opens no "
                + "record key (those are wrapped for the escrow key the founding block names), and a directory copy "
                + "of any key but the one the founding block commits to is refused at login, before anything is "
                + "sealed with it; who holds a copy is checked");
        columns.put("clinic.id", "the schema allows only the value 1");
        columns.put("clinic_settings.id", "the schema allows only the value 1");
        columns.put("clinic.name", "the clinic's display name, which reception may rename without a block; it decides "
                + "no access, no key and no record, and no chain names it. A changed name shows in the window and in "
                + "info until someone renames the clinic");
        String cost = "the Argon2id cost new seals are made with, raised by an administrator without a block; each "
                + "seal made under it commits to its own cost in a block, so no seal's cost can be changed unseen, the schema keeps it at or above the design's floor (19 MiB, 2 passes), and it "
                + "decides no access and hides nothing";
        columns.put("clinic_settings.password_memory_kib", cost);
        columns.put("clinic_settings.password_iterations", cost);
        columns.put("clinic_settings.password_parallelism", cost);
        UNCOVERED_COLUMNS = Collections.unmodifiableMap(columns);

        Map<String, String> files = new LinkedHashMap<>();
        files.put("window.properties", "the window's size and position on this computer");
        files.put("preferences.properties", "the window's theme and notices on this computer");
        files.put("logs/", "what happened, for support: ids and error codes only, never relied on");
        files.put("node.key", "this machine's private node key: a changed key signs nothing verification accepts, "
                + "since it trusts only node keys the clinic key authorized, and the ledger refuses to write with it");
        UNCOVERED_FILES = Collections.unmodifiableMap(files);
    }

    private TableCoverage() {
    }

    /** The reason {@code table.column} is not verified, or null when it is. */
    public static String reasonUncovered(String table, String column) {
        return UNCOVERED_COLUMNS.get(table + "." + column);
    }
}
