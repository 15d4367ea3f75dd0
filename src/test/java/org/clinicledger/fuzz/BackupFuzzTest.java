package org.clinicledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.exchange.BackupFile;
import org.clinicledger.store.AccountStore.SealedKeysRow;

/**
 * Fuzz tests for the backup file's framing: its header, read before any password, and its content
 * entries, read after the sealing has checked them. Each may refuse its input only in one sentence
 * of the documented kind.
 */
class BackupFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void backupHeadersReadOrRefuseClearly(FuzzedDataProvider data) throws IOException {
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            BackupFile.Framed framed = BackupFile.readHeader(new ByteArrayInputStream(bytes));
            assertThat(framed.header().recipients()).isNotEmpty();
            assertThat(framed.digest()).hasSize(32);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).startsWith("This is not a ClinicLedger backup");
        }
    }

    /** The header's JSON past its checksum: the fuzzed bytes framed as a writer would frame them. */
    @FuzzTest(maxDuration = "30s")
    void backupHeaderJsonReadsOrRefusesClearly(FuzzedDataProvider data) throws IOException {
        byte[] json = data.consumeRemainingAsBytes();
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(framed);
        out.write((BackupFile.FORMAT + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeInt(json.length);
        out.write(json);
        out.write(Sha256.digest(framed.toByteArray()));
        try {
            BackupFile.Header header = BackupFile.readHeader(new ByteArrayInputStream(framed.toByteArray())).header();
            assertThat(header.recipients()).isNotEmpty().allSatisfy(recipient ->
                    assertThat(header.recipient(recipient.username())).isPresent());
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).startsWith("This is not a ClinicLedger backup");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void backupContentReadsOrRefusesClearly(FuzzedDataProvider data) throws IOException {
        long vaultFiles = data.consumeLong(0, 3);
        long contentBytes = data.consumeLong(0, 1 << 16);
        boolean nodeKey = data.consumeBoolean();
        BackupFile.Header header = new BackupFile.Header(new ClinicFingerprint("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
                Instant.EPOCH, 1, 1, vaultFiles, contentBytes, nodeKey, List.of(new BackupFile.Recipient("admin",
                        new SealedKeysRow(new byte[16], 19_456, 2, 1, new byte[92]), new byte[92])));
        BackupFile.ContentReader reader = new BackupFile.ContentReader(
                new ByteArrayInputStream(data.consumeRemainingAsBytes()), header);
        long read = 0;
        try {
            for (BackupFile.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                read += reader.content().readAllBytes().length;
            }
            assertThat(read).isEqualTo(contentBytes);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).startsWith("This ClinicLedger backup is damaged: ");
        }
    }
}
