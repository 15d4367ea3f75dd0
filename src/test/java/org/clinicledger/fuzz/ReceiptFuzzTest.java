package org.clinicledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.exchange.ReceiptCode;
import org.clinicledger.exchange.ReceiptImages;

/**
 * Fuzz tests for what a patient brings back: the text of a receipt's QR code and the file it was
 * read from (PDF, PNG, JPEG). Each may only be read or refused in plain words. The corpus under
 * {@code src/test/resources/org/clinicledger/fuzz/ReceiptFuzzTestInputs/} runs in every build;
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ReceiptFuzzTest#<method>} fuzzes one target.
 */
class ReceiptFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void receiptCodesDecodeOrRefuseClearly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            assertThat(ReceiptCode.decode(text).text()).isEqualTo(text);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).startsWith("This is not a ClinicLedger receipt code: ");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void receiptFilesReadOrRefuseClearly(FuzzedDataProvider data) throws IOException {
        Path file = Files.createTempFile("fuzz-receipt", ".bin");
        try {
            Files.write(file, data.consumeRemainingAsBytes());
            try {
                ReceiptCode.Contents contents = ReceiptImages.read(file);
                assertThat(ReceiptCode.decode(contents.text())).isEqualTo(contents);
            } catch (InvalidInputException refused) {
                assertThat(refused.getMessage()).isNotBlank().doesNotContain("Exception");
            }
        } finally {
            Files.delete(file);
        }
    }
}
