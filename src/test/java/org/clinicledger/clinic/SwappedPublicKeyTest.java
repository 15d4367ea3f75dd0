package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.X25519;
import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.ledger.RegistrationFields;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.RecordStore;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.testing.TestKeys;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can write to the data folder but knows no password replaces a public key in the
 * tables with one of their own, so that the next record's key would be wrapped for them: the
 * clinic's escrow key in {@code clinic_settings}, or the encryption key of a doctor with access in
 * {@code accounts}. Both keys are vouched for by signed blocks (the founding administrator's
 * registration names the escrow key, each account's registration its encryption key), so the
 * swap must be noticed: adding a record is refused with a plain sentence saying the key does not
 * match the ledger, nothing is written, the rows written before the swap stay as they were, no key
 * copy ever opens with the attacker's private keys, and {@code verify} reports the swapped cell.
 */
class SwappedPublicKeyTest {

    /** The tables a record add writes to, with the vault: compared before and after a refused add. */
    private static final List<String> WRITTEN_TABLES = List.of("record_versions", "record_attachments", "record_keys",
            "record_deletions", "access_reasons", "blocks", "signed_heads", "chains", "author_keys");
    private static final String KIM = "dr.kim";

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Workspace workspace;
    private RawTables tables;
    private Path attachment;
    private RecordId earlierRecord;
    private final SecureRandom random = new SecureRandom();

    @BeforeEach
    void setUpClinic() throws Exception {
        Path data = temp.resolve("data");
        clinic = new TestClinic(data);
        workspace = clinic.workspace;
        tables = new RawTables(data);
        attachment = Files.write(temp.resolve("scan.txt"), "An X-ray, in words".getBytes(StandardCharsets.UTF_8));
        try (Session patient = clinic.patient()) {
            workspace.access().grant(patient, KIM, null);
        }
        try (Session lee = clinic.lee()) {
            earlierRecord = workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Asthma", null, "Before the swap.", List.of(attachment))).recordId();
            // The helper's key context is the service's: the author's own copy opens with it.
            assertThat(opensWith(earlierRecord, TestKeys.agreement(lee.keys())))
                    .as("key copies of the record written before the swap that open with dr.lee's key")
                    .contains("doctor/dr.lee");
        }
        assertThat(tables.keyHolders(earlierRecord, "")).contains(RecordCustody.ESCROW, "doctor/" + KIM);
        assertThat(workspace.verify(Progress.NONE).problems()).as("verify before the swap").isEmpty();
    }

    @AfterEach
    void closeClinic() {
        workspace.close();
    }

    @Test
    void aSwappedEscrowKeyRefusesTheWriteAndIsReported() throws Exception {
        X25519.KeyPair attacker = X25519.KeyPair.generate(random);
        assertThat(tables.update("UPDATE clinic_settings SET escrow_public_key = ?", attacker.publicKey())).isEqualTo(1);

        addAfterTheSwapIsRefused(attacker, "the clinic's escrow key in clinic_settings");

        assertThat(workspace.verify(Progress.NONE).problems())
                .as("verify after the escrow key in clinic_settings was swapped")
                .anySatisfy(problem -> assertThat(text(problem)).containsIgnoringCase("escrow"));
    }

    @Test
    void aSecondFoundingBlockNamingTheAttackersEscrowKeyRefusesTheWriteAndIsReported() throws Exception {
        X25519.KeyPair attacker = X25519.KeyPair.generate(random);
        SigningKey mallory = new SigningKey(Ed25519.KeyPair.generate(random));
        ObjectNode founding = JsonNodeFactory.instance.objectNode();
        founding.put(RegistrationFields.ROLE, "administrator");
        founding.put(RegistrationFields.AGREEMENT_KEY, Hex.encode(attacker.publicKey()));
        founding.put(RegistrationFields.FOUNDING_ESCROW_KEY, Hex.encode(attacker.publicKey()));
        TestLedger.of(workspace).register(PartyKind.STAFF, "mallory", mallory, CanonicalJson.encode(founding));
        assertThat(tables.update("UPDATE clinic_settings SET escrow_public_key = ?", attacker.publicKey())).isEqualTo(1);

        addAfterTheSwapIsRefused(attacker, "a second founding block and the escrow key in clinic_settings");

        try (Workspace fresh = Workspace.open(temp.resolve("data"), false);
             Session lee = fresh.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
            assertThatThrownBy(() -> fresh.records().addRecord(lee, clinic.mrn,
                    new RecordInput("After a second founding", null, "", List.of())))
                    .as("a workspace that has not read the founding block yet").isInstanceOf(RefusedException.class)
                    .hasMessageContaining("exactly one founding escrow key");
        }
        assertThat(workspace.verify(Progress.NONE).problems()).map(SwappedPublicKeyTest::text)
                .anySatisfy(problem -> assertThat(problem).contains("more than one block claims to found the clinic"));
    }

    @Test
    void aSwappedEncryptionKeyOfADoctorWithAccessRefusesTheWriteAndIsReported() throws Exception {
        X25519.KeyPair attacker = X25519.KeyPair.generate(random);
        assertThat(tables.update("UPDATE accounts SET agreement_public_key = ? WHERE username = ?",
                attacker.publicKey(), KIM)).isEqualTo(1);

        addAfterTheSwapIsRefused(attacker, "dr.kim's encryption key in accounts");

        assertThat(workspace.verify(Progress.NONE).problems())
                .as("verify after dr.kim's encryption key in accounts was swapped")
                .anySatisfy(problem -> {
                    assertThat(problem.chain()).isEqualTo("doctor/" + KIM);
                    assertThat(problem.reason()).containsIgnoringCase("key");
                });
    }

    @Test
    void aDirectoryKeyCopyWrappedByTheAttackerIsRefusedBeforeAnythingIsSealedWithIt() throws Exception {
        // Anyone can wrap a key of their own for desk's public key; desk would then seal new patients'
        // names and dates of birth with a key the attacker knows.
        byte[] attackersKey = new byte[32];
        random.nextBytes(attackersKey);
        byte[] deskPublicKey = workspace.database().read("read", work ->
                new org.clinicledger.store.AccountStore().account(work, "desk").orElseThrow().agreementPublicKey());
        byte[] forged = org.clinicledger.crypto.KeyWrap.wrap(attackersKey, deskPublicKey,
                org.clinicledger.custody.Labels.bind(org.clinicledger.custody.Labels.CLINIC_KEY, "directory", "desk"),
                random).encoded();
        assertThat(tables.update("UPDATE wrapped_clinic_keys SET wrapped_key = ? WHERE username = 'desk' "
                + "AND purpose = 'directory'", forged)).isEqualTo(1);

        assertThatThrownBy(() -> clinic.login("desk", TestClinic.DESK_PASSWORD))
                .isInstanceOf(RefusedException.class)
                .hasMessage("The copy of the clinic's directory key held for desk is not the clinic's: the data folder "
                        + "was changed outside ClinicLedger. Verify it and restore it from a backup.");
    }

    /**
     * dr.lee, who has access, adds a record after the swap. Whatever happens, the rows written
     * before the swap are unchanged and no key copy of the new record opens with the attacker's
     * private key; what is wanted is a refusal, in a plain sentence saying that the key does not
     * match the ledger, with nothing written.
     */
    private void addAfterTheSwapIsRefused(X25519.KeyPair attacker, String swapped) throws Exception {
        Map<String, List<String>> before = snapshot();
        List<String> vaultBefore = vaultFiles();
        Map<String, List<String>> earlierRows = rowsOf(earlierRecord);

        AddedRecord[] added = new AddedRecord[1];
        Throwable thrown;
        try (Session lee = clinic.lee()) {
            thrown = catchThrowable(() -> added[0] = workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Pneumonia", null, "After the swap.", List.of(attachment))));
        }

        assertThat(rowsOf(earlierRecord)).as("the rows of the record written before the swap of " + swapped)
                .isEqualTo(earlierRows);
        if (added[0] != null) {
            assertThat(opensWith(added[0].recordId(), attacker))
                    .as("key copies of the record added after the swap of %s that open with the attacker's private "
                            + "key (the add was not refused)", swapped)
                    .isEmpty();
        }
        assertThat(thrown).as("adding a record after the swap of %s (it was added as %s)", swapped,
                added[0] == null ? null : added[0].recordId()).isInstanceOf(RefusedException.class);
        String message = thrown.getMessage();
        assertPlainSentence(message);
        assertThat(message).as("the refusal names the key and the ledger").containsIgnoringCase("key")
                .containsIgnoringCase("ledger")
                .matches("(?is).*\\b(does not|doesn't|do not|don't)\\s+match\\b.*");
        assertThat(snapshot()).as("the tables after the refused add").isEqualTo(before);
        assertThat(vaultFiles()).as("the vault after the refused add").isEqualTo(vaultBefore);
    }

    // ---- helpers

    /** A sentence a person can read: one line, a capital first, a full stop last, no code, no key bytes. */
    static void assertPlainSentence(String message) {
        assertThat(message).as("the refusal's message").isNotBlank()
                .doesNotContain("\n")
                .doesNotContain("Exception")
                .doesNotContain("java.")
                .doesNotContain("org.clinicledger")
                .doesNotContain("null")
                .doesNotContainPattern("[0-9a-fA-F]{32,}")
                .matches("\\p{Lu}.*[.!]");
    }

    /** The key context RecordService binds a wrapped key to, copied here so the test does not lean on the code under test. */
    static byte[] keyContext(String recordId, int version, int object) {
        String what = object == RecordStore.DOCUMENT ? "document" : "attachment/" + object;
        return ("clinicledger/record-key/v1" + "\0" + recordId + "\0" + version + "\0" + what)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The principals whose key copies of {@code recordId} (any version, any object) {@code keys} opens. */
    private List<String> opensWith(RecordId recordId, X25519.KeyPair keys) throws Exception {
        List<String> opened = new ArrayList<>();
        try (Connection connection = tables.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT version, object, principal, wrapped_key FROM record_keys WHERE record_id = ? "
                        + "ORDER BY version, object, principal")) {
            query.setString(1, recordId.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byte[] context = keyContext(recordId.value(), rows.getInt(1), rows.getInt(2));
                    try {
                        KeyWrap.unwrap(KeyWrap.WrappedKey.decode(rows.getBytes(4)), keys, context);
                        if (!opened.contains(rows.getString(3))) {
                            opened.add(rows.getString(3));
                        }
                    } catch (AuthenticationFailedException | IllegalArgumentException notForThisKey) {
                        // As it should be.
                    }
                }
            }
        }
        return opened;
    }

    /** Every row of the tables a record add writes to, as text, by table. */
    private Map<String, List<String>> snapshot() throws Exception {
        Map<String, List<String>> tablesRows = new LinkedHashMap<>();
        for (String table : WRITTEN_TABLES) {
            tablesRows.put(table, rows("SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return tablesRows;
    }

    /** The rows of one record in the record tables, as text. */
    private Map<String, List<String>> rowsOf(RecordId recordId) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : List.of("record_versions", "record_attachments", "record_keys")) {
            rows.put(table, rows("SELECT * FROM " + table + " WHERE record_id = ? ORDER BY 1, 2, 3", recordId.value()));
        }
        return rows;
    }

    private List<String> rows(String sql, String... parameters) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = tables.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int column = 1; column <= columns.getColumnCount(); column++) {
                        Object value = result.getObject(column);
                        row.append(column == 1 ? "" : " | ")
                                .append(value instanceof byte[] bytes ? Hex.encode(bytes) : String.valueOf(value));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private List<String> vaultFiles() throws IOException {
        Path vault = workspace.root().resolve("vault");
        if (!Files.isDirectory(vault)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(vault)) {
            return files.filter(Files::isRegularFile).map(path -> vault.relativize(path).toString()).sorted().toList();
        }
    }

    private static String text(VerificationProblem problem) {
        return problem.chain() + " " + problem.reason();
    }
}
