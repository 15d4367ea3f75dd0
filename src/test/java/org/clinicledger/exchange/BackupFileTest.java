package org.clinicledger.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.store.AccountStore.SealedKeysRow;
import org.junit.jupiter.api.Test;

/**
 * The backup file's framing read strictly: a header round trip, then headers whose checksum is right
 * but whose content is not (every field wrong in turn), and content entries out of order, repeated,
 * too long, miscounted, cut or followed by more. The sealing around the content is tested in
 * {@code ChunkedAeadTest} and, on whole files, in {@code BackupServiceTest}.
 */
class BackupFileTest {

    private static final ClinicFingerprint CLINIC = new ClinicFingerprint("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BackupFile.Header header(long vaultFiles, long contentBytes, boolean nodeKey) {
        SealedKeysRow sealed = new SealedKeysRow(new byte[16], 19_456, 2, 1, new byte[92]);
        return new BackupFile.Header(CLINIC, Instant.parse("2026-11-27T10:00:00Z"), 5, 40, vaultFiles, contentBytes,
                nodeKey, List.of(new BackupFile.Recipient("admin", sealed, new byte[92])));
    }

    private static byte[] written(BackupFile.Header header) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupFile.writeHeader(out, header);
        return out.toByteArray();
    }

    /** The header's JSON as written, to change and frame again with a right checksum. */
    private static ObjectNode json() throws IOException {
        byte[] bytes = written(header(0, 10, false));
        int length = ((bytes[22] & 0xff) << 24) | ((bytes[23] & 0xff) << 16) | ((bytes[24] & 0xff) << 8) | (bytes[25] & 0xff);
        return (ObjectNode) JSON.readTree(Arrays.copyOfRange(bytes, 26, 26 + length));
    }

    private static byte[] framed(byte[] json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write((BackupFile.FORMAT + "\n").getBytes(StandardCharsets.US_ASCII));
        data.writeInt(json.length);
        data.write(json);
        data.write(Sha256.digest(out.toByteArray()));
        return out.toByteArray();
    }

    private static BackupFile.Framed read(byte[] bytes) throws IOException {
        return BackupFile.readHeader(new ByteArrayInputStream(bytes));
    }

    @Test
    void aHeaderReadsBackAsWrittenAndItsDigestBindsIt() throws IOException {
        BackupFile.Header header = header(3, 1000, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] digest = BackupFile.writeHeader(out, header);
        out.write("content".getBytes(StandardCharsets.US_ASCII));
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

        BackupFile.Framed framed = BackupFile.readHeader(in);
        assertThat(framed.digest()).isEqualTo(digest);
        assertThat(framed.header().summary()).isEqualTo(header.summary());
        assertThat(framed.header().recipient("admin")).isPresent();
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("content");
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).startsWith("clinicledger-backup/1\n")
                .contains("\"about\"").contains(CLINIC.value());
    }

    @Test
    void framesThatAreNotABackupHeaderAreRefusedInOneSentence() throws IOException {
        byte[] good = written(header(0, 10, false));
        assertThatThrownBy(() -> read(new byte[0])).hasMessage("This is not a ClinicLedger backup (clinicledger-backup/1).");
        assertThatThrownBy(() -> read("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a ClinicLedger backup");
        for (int cut : new int[] {22, 24, 26, good.length - 33, good.length - 1}) {
            assertThatThrownBy(() -> read(Arrays.copyOf(good, cut))).as("cut at " + cut)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("ends in its header");
        }
        byte[] zero = good.clone();
        zero[22] = zero[23] = zero[24] = zero[25] = 0;
        assertThatThrownBy(() -> read(zero)).hasMessageContaining("length is out of range");
        byte[] huge = good.clone();
        huge[22] = 0x7f;
        assertThatThrownBy(() -> read(huge)).hasMessageContaining("length is out of range");
        byte[] changed = good.clone();
        changed[40] ^= 1;
        assertThatThrownBy(() -> read(changed)).hasMessageContaining("does not match its checksum");
    }

    @Test
    void headersWithTheRightChecksumButWrongFieldsAreRefused() throws IOException {
        assertRefused("not json".getBytes(StandardCharsets.US_ASCII), "not JSON");
        assertRefused("[1]".getBytes(StandardCharsets.US_ASCII), "not a JSON object");
        ObjectNode extra = json();
        extra.put("more", 1);
        assertRefused(extra, "unknown field 'more'");
        ObjectNode missing = json();
        missing.remove("blocks");
        assertRefused(missing, "fields are missing");
        ObjectNode format = json();
        format.put("format", "clinicledger-backup/2");
        assertRefused(format, "format is not");
        ObjectNode clinic = json();
        clinic.put("clinic", "not a fingerprint");
        assertRefused(clinic, "clinic or time");
        ObjectNode time = json();
        time.put("created", "yesterday");
        assertRefused(time, "clinic or time");
        ObjectNode negative = json();
        negative.put("chains", -1);
        assertRefused(negative, "'chains' is not a whole number");
        ObjectNode tooMuch = json();
        tooMuch.put("contentBytes", Long.MAX_VALUE);
        assertRefused(tooMuch, "'contentBytes' is not a whole number");
        ObjectNode nodeKey = json();
        nodeKey.put("nodeKey", "yes");
        assertRefused(nodeKey, "'nodeKey'");
        ObjectNode nobody = json();
        nobody.putArray("recipients");
        assertRefused(nobody, "no administrator");
        ObjectNode twice = json();
        ArrayNode recipients = (ArrayNode) twice.get("recipients");
        recipients.add(recipients.get(0).deepCopy());
        assertRefused(twice, "repeated");
        ObjectNode badName = json();
        ((ObjectNode) badName.get("recipients").get(0)).put("username", "Admin\u0007");
        assertRefused(badName, "name is not readable");
        ObjectNode badHex = json();
        ((ObjectNode) badHex.get("recipients").get(0)).put("sealedKeys", "zz");
        assertRefused(badHex, "not hexadecimal");
        ObjectNode deep = json();
        deep.putObject("about").putObject("a").putObject("b").putObject("c");
        assertRefused(deep, "");
        byte[] duplicate = json().toString().replaceFirst("\\{", "{\"blocks\":1,").getBytes(StandardCharsets.UTF_8);
        assertRefused(duplicate, "not JSON");
    }

    private static void assertRefused(ObjectNode json, String why) throws IOException {
        assertRefused(JSON.writeValueAsBytes(json), why);
    }

    private static void assertRefused(byte[] json, String why) throws IOException {
        byte[] bytes = framed(json);
        assertThatThrownBy(() -> read(bytes)).as(why).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("This is not a ClinicLedger backup: ").hasMessageContaining(why);
    }

    // ---- the content

    private static final String A = "aa" + "0".repeat(62);
    private static final String B = "bb" + "0".repeat(62);

    private static byte[] content(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.write(new BackupFile.ContentWriter(out));
        return out.toByteArray();
    }

    private interface Writing {
        void write(BackupFile.ContentWriter writer) throws IOException;
    }

    private static InputStream bytes(int length) {
        return new ByteArrayInputStream(new byte[length]);
    }

    /** Reads every entry to the end; returns how many there were. */
    private static int readAll(byte[] content, BackupFile.Header header) throws IOException {
        BackupFile.ContentReader reader = new BackupFile.ContentReader(new ByteArrayInputStream(content), header);
        int entries = 0;
        for (BackupFile.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            assertThat(reader.content().readAllBytes()).hasSize((int) entry.size());
            entries++;
        }
        assertThat(reader.ended()).isTrue();
        return entries;
    }

    @Test
    void contentReadsBackInItsOrderAndAnythingElseIsRefused() throws IOException {
        byte[] good = content(writer -> {
            writer.database(10, bytes(10));
            writer.vaultFile(A, 5, bytes(5));
            writer.vaultFile(B, 5, bytes(5));
            writer.nodeKey(new byte[65]);
            writer.end();
        });
        assertThat(readAll(good, header(2, 85, true))).isEqualTo(4);

        assertDamaged(good, header(3, 85, true), "does not match what its header counts");
        assertDamaged(good, header(2, 84, true), "length is out of range");
        assertDamaged(good, header(2, 85, false), "does not match what its header counts");
        assertDamaged(Arrays.copyOf(good, good.length + 1), header(2, 85, true), "after its end");
        for (int cut : new int[] {0, 1, 5, 12, 20, good.length - 1}) {
            assertDamaged(Arrays.copyOf(good, cut), header(2, 85, true), "ends");
        }
        assertDamaged(content(writer -> {
            writer.database(10, bytes(10));
            writer.vaultFile(B, 5, bytes(5));
            writer.vaultFile(A, 5, bytes(5));
            writer.end();
        }), header(2, 20, false), "out of order or repeated");
        assertDamaged(content(writer -> {
            writer.database(10, bytes(10));
            writer.vaultFile(A, 5, bytes(5));
            writer.vaultFile(A, 5, bytes(5));
            writer.end();
        }), header(2, 20, false), "out of order or repeated");
        assertDamaged(content(writer -> {
            writer.vaultFile(A, 5, bytes(5));
            writer.end();
        }), header(1, 5, false), "out of order");
        assertDamaged(content(writer -> {
            writer.database(1, bytes(1));
            writer.database(1, bytes(1));
            writer.end();
        }), header(0, 2, false), "out of order");
        assertDamaged(content(writer -> {
            writer.database(1, bytes(1));
            writer.nodeKey(new byte[65]);
            writer.nodeKey(new byte[65]);
            writer.end();
        }), header(0, 131, true), "out of order");
        assertDamaged(content(writer -> {
            writer.database(1, bytes(1));
            writer.nodeKey(new byte[2000]);
            writer.end();
        }), header(0, 2001, true), "length is out of range");
        assertDamaged(content(BackupFile.ContentWriter::end), header(0, 0, false), "nothing before it");
        assertDamaged(new byte[] {9}, header(0, 0, false), "out of order");
    }

    private static void assertDamaged(byte[] content, BackupFile.Header header, String why) {
        assertThatThrownBy(() -> readAll(content, header)).as(why).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("This ClinicLedger backup is damaged: ").hasMessageContaining(why);
    }

    @Test
    void aWriterRefusesAFileThatIsShorterOrLongerThanAnnounced() {
        assertThatThrownBy(() -> content(writer -> writer.database(10, bytes(9)))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> content(writer -> writer.database(10, bytes(11)))).isInstanceOf(IOException.class)
                .hasMessageContaining("grew");
    }
}
