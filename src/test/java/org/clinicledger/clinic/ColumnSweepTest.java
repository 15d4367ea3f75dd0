package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.ledger.TableCoverage;
import org.clinicledger.testing.Folders;
import org.clinicledger.testing.RawTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every column of every table, read from the schema at test time, is either caught by
 * {@code verify} when changed or listed with its reason in {@link TableCoverage}. On a small demo
 * clinic that has every kind of event (records with attachments, an amendment, a deletion, a
 * referral, an emergency access, a grant that runs and one that was revoked, password changes,
 * every chain's newest checkpoint cosigned),
 * each case changes one column of one row (of {@code blocks}: one row of each kind) in a fresh copy
 * of the folder, to another value of the same type that the schema accepts, and requires a problem
 * with the code that column's check reports, on the chain (or table) the row belongs to. A column
 * a later migration adds fails here until it is verified (and its code named in {@link #EXPECTED})
 * or listed as uncovered.
 */
class ColumnSweepTest {

    /** A block moved elsewhere leaves a gap where it was, or, when it was the last, a head over more than is left. */
    private static final Set<ProblemCode> MOVED_BLOCK = EnumSet.of(ProblemCode.MISSING_BLOCKS, ProblemCode.HEAD_SIZE);

    /** The code each covered column's change must be reported with; a column missing here fails the sweep. */
    private static final Map<String, Set<ProblemCode>> EXPECTED = new LinkedHashMap<>();

    static {
        expect(EnumSet.of(ProblemCode.BLOCK_HASH), "blocks", "previous_hash", "created_at", "kind", "author_key_id",
                "counterpart_chain", "counterpart_height", "event_id", "subject_key", "payload", "signature", "hash");
        expect(MOVED_BLOCK, "blocks", "chain_id", "height");
        expect(EnumSet.of(ProblemCode.HEAD_SIGNATURE, ProblemCode.HEAD_ROOT, ProblemCode.HEAD_SIZE,
                ProblemCode.HEAD_KEY, ProblemCode.HEAD_LINK, ProblemCode.UNCOVERED, ProblemCode.CHECKPOINT_SIGNATURE),
                "signed_heads", "chain_id", "size", "root", "signed_at", "node_key_id", "signature", "previous_head",
                "checkpoint_signature");
        expect(EnumSet.of(ProblemCode.COSIGNATURE), "cosignatures", "chain_id", "size", "root", "witness_node_key_id",
                "witness_public_key", "witness_authorization", "cosigned_at", "signature");
        expect(EnumSet.of(ProblemCode.CHAIN_TABLE), "chains", "chain_id", "size", "tip_hash", "frontier");
        expect(EnumSet.of(ProblemCode.KEY_TABLE), "author_keys", "key_id", "public_key", "chain_id", "height");
        expect(EnumSet.of(ProblemCode.TIME), "clinic", "created_at");
        expect(EnumSet.of(ProblemCode.CLINIC_SETTINGS), "clinic_settings", "escrow_public_key");
        expect(EnumSet.of(ProblemCode.ACCOUNT), "accounts", "username", "role", "chain_id", "signing_public_key",
                "agreement_public_key");
        expect(EnumSet.of(ProblemCode.ACCOUNT_SEAL), "accounts", "key_salt", "key_memory_kib", "key_iterations",
                "key_parallelism", "sealed_keys");
        expect(EnumSet.of(ProblemCode.TIME), "accounts", "created_at");
        expect(EnumSet.of(ProblemCode.SEALED_DETAILS), "account_details", "username", "sealed_details");
        expect(EnumSet.of(ProblemCode.CLINIC_KEY_COPY), "wrapped_clinic_keys", "username", "purpose");
        expect(EnumSet.of(ProblemCode.SEALED_DETAILS), "patients", "mrn", "sealed_demographics");
        expect(EnumSet.of(ProblemCode.RECORD), "record_versions", "record_id", "version", "patient", "author",
                "supersedes", "document_address", "record_hash", "deleted");
        expect(EnumSet.of(ProblemCode.TIME), "record_versions", "created_at");
        expect(EnumSet.of(ProblemCode.RECORD), "record_attachments", "record_id", "version", "idx", "address");
        expect(EnumSet.of(ProblemCode.RECORD_KEY_MISSING), "record_keys", "record_id", "version", "object", "principal");
        expect(EnumSet.of(ProblemCode.DELETION), "record_deletions", "record_id", "deleted_by", "sealed_reason");
        expect(EnumSet.of(ProblemCode.TIME), "record_deletions", "deleted_at");
        expect(EnumSet.of(ProblemCode.ACCESS_REASON), "access_reasons", "reason_hash", "kind", "patient", "actor",
                "sealed_reason");
        expect(EnumSet.of(ProblemCode.TIME), "access_reasons", "created_at");
    }

    /**
     * Times the tables keep that are checked within a bound rather than exactly (they are taken
     * before the block that registers them is written, see {@code TableVerifier}): moved by a day.
     */
    private static final Set<String> BOUNDED_TIMES = Set.of("accounts.created_at", "clinic.created_at");

    /** Which row of a table a case changes: the first in this order (of those the change can be made to). */
    private static final Map<String, String> ROW_ORDER = Map.of(
            "accounts", "role = 'doctor' DESC, username",
            "wrapped_clinic_keys", "(SELECT role FROM accounts a WHERE a.username = wrapped_clinic_keys.username) "
                    + "= 'doctor' DESC, username, purpose",
            "record_keys", "principal LIKE 'patient/%' DESC, record_id, version, object",
            "record_versions", "deleted, version DESC, record_id",
            "signed_heads", "chain_id LIKE 'patient/%' DESC, chain_id, size DESC");

    private static final List<String> TRIGGERS = List.of("blocks_are_never_updated", "blocks_are_never_deleted",
            "signed_heads_are_never_updated", "signed_heads_are_never_deleted", "cosignatures_are_never_updated",
            "cosignatures_are_never_deleted");

    @TempDir
    static Path shared;

    private static Path template;
    private static final AtomicInteger COPIES = new AtomicInteger();

    private static void expect(Set<ProblemCode> codes, String table, String... columns) {
        for (String column : columns) {
            EXPECTED.put(table + "." + column, codes);
        }
    }

    @BeforeAll
    static void makeADemoClinicWithEveryKindOfEvent() {
        template = shared.resolve("template");
        Clock clock = Clock.systemUTC();
        try (Workspace workspace = Workspace.open(template, true, clock, DemoClinic.passwordCost())) {
            DemoClinic.Result demo = DemoClinic.fill(workspace, new DemoClinic.Plan(6, 3, 2, 11), clock, Progress.NONE);
            DemoClinic.DemoAccount patient = demo.accounts().stream().filter(account -> account.role() == Role.PATIENT)
                    .findFirst().orElseThrow();
            List<DemoClinic.DemoAccount> doctors = demo.accounts().stream()
                    .filter(account -> account.role() == Role.DOCTOR).toList();
            try (Session session = workspace.accounts().login(patient.username(), patient.password().toCharArray())) {
                // A grant that runs, so that a doctor holds copies because the patient granted them.
                workspace.access().grant(session, doctors.get(doctors.size() - 1).username(),
                        clock.instant().plus(Duration.ofDays(30)));
            }
            DemoClinic.DemoAccount doctor = doctors.get(0);
            workspace.accounts().changePassword(doctor.username(), doctor.password().toCharArray(),
                    "a new doctor password".toCharArray());
            workspace.accounts().changePassword(patient.username(), patient.password().toCharArray(),
                    "a new patient passphrase".toCharArray());
            // A key recovery, so that a patient's keys, seal and record key copies come from a key-recovered block.
            DemoClinic.DemoAccount administrator = demo.accounts().stream()
                    .filter(account -> account.role() == Role.ADMINISTRATOR).findFirst().orElseThrow();
            DemoClinic.DemoAccount forgetful = demo.accounts().stream().filter(account -> account.role() == Role.PATIENT)
                    .skip(1).findFirst().orElseThrow();
            try (Session admin = workspace.accounts().login(administrator.username(),
                    administrator.password().toCharArray())) {
                workspace.keyRecovery().recover(admin, forgetful.username(), "a recovered passphrase".toCharArray(),
                        "Forgot the passphrase; identity checked",
                        new EscrowConfirmation.RecoverySheetWords(demo.recoverySheet()));
            }
            // The one machine cosigns every chain's newest checkpoint, so that the cosignatures have rows.
            workspace.witnesses().cosignEveryChain();
        }
    }

    @Test
    void theUntouchedClinicIsIntact() {
        assertThat(verify(copy())).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyColumnIsVerifiedOrListedAsUncovered() throws SQLException {
        List<DynamicTest> cases = new ArrayList<>();
        Map<String, List<Column>> schema = schema();
        List<String> unaccounted = new ArrayList<>();
        schema.forEach((table, columns) -> columns.forEach(column -> {
            String name = table + "." + column.name();
            boolean uncovered = TableCoverage.reasonUncovered(table, column.name()) != null;
            if (uncovered) {
                return;
            }
            if (!EXPECTED.containsKey(name)) {
                unaccounted.add(name);
                return;
            }
            if (table.equals("blocks")) {
                for (Row row : blockPerKind()) {
                    cases.add(sweepCase(table, column, row, columns));
                }
            } else {
                cases.add(sweepCase(table, column, null, columns));
            }
        }));
        assertThat(unaccounted).as("columns neither verified (with their code in ColumnSweepTest.EXPECTED) nor "
                + "listed in TableCoverage").isEmpty();
        assertThat(TableCoverage.UNCOVERED_COLUMNS.keySet()).as("the allowlist names only columns that exist")
                .allSatisfy(name -> assertThat(schema.getOrDefault(name.substring(0, name.indexOf('.')), List.of())
                        .stream().map(Column::name)).contains(name.substring(name.indexOf('.') + 1)));
        assertThat(EXPECTED.keySet()).as("every expectation names a column that exists").allSatisfy(name ->
                assertThat(schema.getOrDefault(name.substring(0, name.indexOf('.')), List.of()).stream()
                        .map(Column::name)).contains(name.substring(name.indexOf('.') + 1)));
        return cases.stream();
    }

    // ---- one case

    private record Column(String name, String type, boolean primaryKey) {
    }

    /** A row, by the values of its primary key (for {@code blocks}: chain and height), with its kind for blocks. */
    private record Row(Map<String, Object> key, String label) {
    }

    private static DynamicTest sweepCase(String table, Column column, Row fixedRow, List<Column> columns) {
        String name = table + "." + column.name() + (fixedRow == null ? "" : " of " + fixedRow.label());
        return DynamicTest.dynamicTest(name, () -> {
            Path folder = copy();
            Changed changed;
            try (Connection connection = new RawTables(folder).connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA foreign_keys = OFF");
                    for (String trigger : TRIGGERS) {
                        statement.execute("DROP TRIGGER IF EXISTS " + trigger);
                    }
                }
                changed = change(connection, table, column, fixedRow, columns);
            }
            List<VerificationProblem> problems = verify(folder);
            Set<ProblemCode> codes = EXPECTED.get(table + "." + column.name());
            assertThat(problems).as("%s changed (%s): expected %s on one of %s; reported:%n%s", name, changed.how(),
                    codes, changed.chains(), listing(problems)).anySatisfy(problem -> {
                        assertThat(codes).contains(problem.code());
                        assertThat(changed.chains()).contains(problem.chain());
                    });
            deleteFolder(folder);
        });
    }

    /** What a case changed, and the chains (or table names) a problem about it may name. */
    private record Changed(String how, Set<String> chains) {
    }

    /**
     * Changes {@code column} in the first row (in {@link #ROW_ORDER}) where one of its candidate
     * values is accepted by the schema; for {@code blocks}, in the given row.
     */
    private static Changed change(Connection connection, String table, Column column, Row fixedRow, List<Column> columns)
            throws SQLException {
        List<Column> key = columns.stream().filter(Column::primaryKey).toList();
        if (key.isEmpty()) {
            throw new AssertionError(table + " has no primary key to name a row by");
        }
        List<Row> rows = fixedRow != null ? List.of(fixedRow) : rows(connection, table, key);
        for (Row row : rows) {
            Map<String, Object> values = values(connection, table, row);
            Object value = values.get(column.name());
            for (Object candidate : candidates(connection, table, column, value)) {
                if (tryUpdate(connection, table, column, row, candidate)) {
                    Set<String> chains = chainsOf(connection, table, values);
                    if (candidate instanceof String text && text.contains("/")) {
                        // A row moved to another chain is reported on the chain it names now.
                        chains.add(text);
                    }
                    return new Changed(describe(value) + " -> " + describe(candidate), chains);
                }
            }
        }
        throw new AssertionError("no row of " + table + " takes another value in " + column.name());
    }

    private static List<Row> rows(Connection connection, String table, List<Column> key) throws SQLException {
        String keyColumns = key.stream().map(Column::name).collect(Collectors.joining(", "));
        String order = ROW_ORDER.getOrDefault(table, keyColumns);
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT " + keyColumns + " FROM " + table + " ORDER BY " + order
                     + " LIMIT 20")) {
            while (result.next()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < key.size(); i++) {
                    values.put(key.get(i).name(), result.getObject(i + 1));
                }
                rows.add(new Row(values, values.toString()));
            }
        }
        assertThat(rows).as("the demo clinic has rows in %s", table).isNotEmpty();
        return rows;
    }

    private static Map<String, Object> values(Connection connection, String table, Row row) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM " + table + where(row))) {
            bind(query, 1, row.key().values().toArray());
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).as("row %s of %s", row.label(), table).isTrue();
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    values.put(result.getMetaData().getColumnName(i), result.getObject(i));
                }
                return values;
            }
        }
    }

    /** Values of the same type to try, most telling first: another value the column holds, then a small change. */
    private static List<Object> candidates(Connection connection, String table, Column column, Object value)
            throws SQLException {
        String name = table + "." + column.name();
        List<Object> candidates = new ArrayList<>();
        if (BOUNDED_TIMES.contains(name)) {
            candidates.add(value instanceof String text
                    ? java.time.Instant.parse(text).plus(Duration.ofDays(1)).toString()
                    : ((Number) value).longValue() + Duration.ofDays(1).toMillis());
            return candidates;
        }
        String type = column.type().toUpperCase();
        if (value == null) {
            candidates.add(type.equals("BLOB") ? filled(32) : type.equals("INTEGER") ? (Object) 1L : otherChain(connection));
            return candidates;
        }
        switch (type) {
            case "INTEGER" -> {
                long number = ((Number) value).longValue();
                candidates.add(number + 1);
                candidates.add(number - 1);
                // A height one up or down is taken by the neighbouring block.
                candidates.add(number + 1000);
            }
            case "BLOB" -> {
                byte[] bytes = ((byte[]) value).clone();
                bytes[bytes.length / 2] ^= 0x01;
                candidates.add(bytes);
            }
            default -> {
                String text = (String) value;
                if (!table.equals("blocks") && !table.equals("signed_heads")) {
                    candidates.addAll(otherValues(connection, table, column.name(), text));
                    if (!lookup(connection, "SELECT username, role FROM accounts WHERE username = '"
                            + text.replace("'", "''") + "'").isEmpty()) {
                        // A username: swapped for any other account's, a patient's included.
                        candidates.addAll(otherValues(connection, "accounts", "username", text));
                    }
                }
                candidates.add(nudged(text));
            }
        }
        return candidates;
    }

    /** Other values the column holds, so that a name is swapped for another that exists. */
    private static List<Object> otherValues(Connection connection, String table, String column, String value)
            throws SQLException {
        List<Object> values = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT " + column + " FROM " + table
                + " WHERE " + column + " <> ? ORDER BY " + column + " LIMIT 10")) {
            query.setString(1, value);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
        }
        return values;
    }

    /** The text with its last character changed within its kind: a digit to a digit, a hex digit to a hex digit, a letter to a letter. */
    private static String nudged(String text) {
        char last = text.charAt(text.length() - 1);
        char changed;
        if (Character.isDigit(last)) {
            changed = (char) ('0' + (last - '0' + 1) % 10);
        } else if (last >= 'a' && last <= 'f') {
            changed = last == 'f' ? 'a' : (char) (last + 1);
        } else {
            changed = last == 'a' ? 'b' : 'a';
        }
        return text.substring(0, text.length() - 1) + changed;
    }

    private static boolean tryUpdate(Connection connection, String table, Column column, Row row, Object candidate)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET " + column.name()
                + " = ?" + where(row))) {
            bind(update, 1, candidate);
            bind(update, 2, row.key().values().toArray());
            return update.executeUpdate() == 1;
        } catch (SQLException refusedByTheSchema) {
            if (refusedByTheSchema.getMessage().contains("constraint")) {
                return false;
            }
            throw refusedByTheSchema;
        }
    }

    private static String where(Row row) {
        return row.key().keySet().stream().map(column -> column + " = ?").collect(Collectors.joining(" AND ", " WHERE ", ""));
    }

    private static void bind(PreparedStatement statement, int first, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(first + i, values[i]);
        }
    }

    // ---- which chain a problem about a row names

    /**
     * The chains (and the names verification gives rows without one) a row's values point to: any
     * chain id, an account's chain for its username, a patient's for an MRN, the patient's for a
     * record id or a reason, the founding administrator's for the clinic's own rows.
     */
    private static Set<String> chainsOf(Connection connection, String table, Map<String, Object> values)
            throws SQLException {
        Set<String> chains = new HashSet<>();
        Map<String, String> accountChains = lookup(connection, "SELECT username, chain_id FROM accounts");
        Map<String, String> recordPatients = lookup(connection, "SELECT record_id, 'patient/' || patient FROM record_versions");
        Map<String, String> reasonPatients = lookup(connection, "SELECT reason_hash, 'patient/' || patient FROM access_reasons");
        for (Object value : values.values()) {
            if (!(value instanceof String text)) {
                continue;
            }
            if (text.contains("/")) {
                chains.add(text);
            }
            if (accountChains.containsKey(text)) {
                chains.add(accountChains.get(text));
                chains.add("account " + text);
            }
            if (text.matches("[0-9]{9}")) {
                chains.add("patient/" + text);
            }
            if (recordPatients.containsKey(text)) {
                chains.add(recordPatients.get(text));
                chains.add("record " + text);
            }
            if (reasonPatients.containsKey(text)) {
                chains.add(reasonPatients.get(text));
            }
        }
        if (table.equals("clinic") || table.equals("clinic_settings")) {
            chains.add("clinic settings");
            chains.addAll(lookup(connection, "SELECT chain_id, chain_id FROM accounts WHERE role = 'administrator' "
                    + "ORDER BY created_at LIMIT 1").keySet());
        }
        if (table.equals("record_keys") || table.equals("record_attachments")) {
            chains.add(recordPatients.get((String) values.get("record_id")));
        }
        return chains;
    }

    private static Map<String, String> lookup(Connection connection, String sql) throws SQLException {
        Map<String, String> map = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                map.put(result.getString(1), result.getString(2));
            }
        }
        return map;
    }

    // ---- the schema and the template

    /** Every table's columns, from the schema of the database at test time. */
    private static Map<String, List<Column>> schema() throws SQLException {
        Map<String, List<Column>> schema = new LinkedHashMap<>();
        try (Connection connection = new RawTables(template).connect()) {
            List<String> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                         + "AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            for (String table : tables) {
                List<Column> columns = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
                    while (result.next()) {
                        columns.add(new Column(result.getString("name"), result.getString("type"), result.getInt("pk") > 0));
                    }
                }
                schema.put(table, columns);
            }
        }
        return schema;
    }

    /** One block of each kind the demo writes, on a patient's chain where the kind is written there. */
    private static List<Row> blockPerKind() {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = new RawTables(template).connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT kind, chain_id, height FROM blocks b WHERE height = "
                     + "(SELECT height FROM blocks o WHERE o.kind = b.kind ORDER BY o.chain_id LIKE 'patient/%' DESC, "
                     + "o.chain_id, o.height LIMIT 1) AND chain_id = (SELECT chain_id FROM blocks o WHERE o.kind = b.kind "
                     + "ORDER BY o.chain_id LIKE 'patient/%' DESC, o.chain_id, o.height LIMIT 1) ORDER BY kind")) {
            while (result.next()) {
                Map<String, Object> key = new LinkedHashMap<>();
                key.put("chain_id", result.getString(2));
                key.put("height", result.getLong(3));
                rows.add(new Row(key, result.getString(1) + " at " + result.getString(2) + "#" + result.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static String otherChain(Connection connection) throws SQLException {
        return lookup(connection, "SELECT chain_id, chain_id FROM accounts WHERE role = 'doctor' LIMIT 1").keySet()
                .iterator().next();
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0x5a);
        return bytes;
    }

    private static String describe(Object value) {
        return value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
    }

    private static String listing(List<VerificationProblem> problems) {
        return problems.stream().map(VerificationProblem::toString).collect(Collectors.joining("\n  ", "  ", ""));
    }

    private static Path copy() {
        return Folders.copy(template, shared.resolve("case-" + COPIES.incrementAndGet()));
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<VerificationProblem> verify(Path folder) {
        try (Workspace workspace = Workspace.inspect(folder)) {
            return workspace.verify(Progress.NONE).problems();
        }
    }
}
