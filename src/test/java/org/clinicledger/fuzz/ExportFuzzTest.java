package org.clinicledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Progress;
import org.clinicledger.exchange.ExportHeader;
import org.clinicledger.exchange.ExportReader;
import org.clinicledger.exchange.ExportTrailer;
import org.clinicledger.exchange.MachineGrant;
import org.clinicledger.store.TableRows;

/**
 * Fuzz test for the reader of export files ({@code .clchain}), the largest input ClinicLedger
 * takes from another machine: whatever the bytes, it reads them whole or refuses them with its one
 * sentence, and never throws anything else; what it hands on is within the format's limits. The
 * corpus under {@code src/test/resources/org/clinicledger/fuzz/ExportFuzzTestInputs/} (a real
 * patient export, cut, flipped, appended to, of version 2, with a huge length and deep nesting)
 * runs in every build; {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ExportFuzzTest} fuzzes it.
 */
class ExportFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void exportFilesReadOrRefuseClearly(FuzzedDataProvider data) throws IOException {
        byte[] bytes = data.consumeRemainingAsBytes();
        Counting sink = new Counting();
        ExportTrailer trailer;
        try {
            trailer = ExportReader.read(new ByteArrayInputStream(bytes), bytes.length, sink, Progress.NONE,
                    Cancel.NEVER);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).startsWith("This is not a ClinicLedger export file: ")
                    .doesNotContain("\n");
            return;
        }
        assertThat(sink.headers).isEqualTo(1);
        assertThat(trailer.rows()).isEqualTo(sink.rows);
        assertThat(trailer.files()).isEqualTo(sink.files);
        assertThat(trailer.fileBytes()).isEqualTo(sink.fileBytes);
        assertThat(trailer.bodyBytes() + 4 + trailer.note().getBytes(StandardCharsets.UTF_8).length)
                .isEqualTo(bytes.length);
    }

    /** Counts what the reader hands on, and that every file is finished only after all its bytes. */
    private static final class Counting implements ExportReader.Sink {
        int headers;
        long rows;
        long files;
        long fileBytes;

        @Override
        public void header(ExportHeader header) {
            headers++;
        }

        @Override
        public void row(TableRows.Table table, Object[] values) {
            assertThat(values).hasSize(table.columns().size());
            rows++;
        }

        @Override
        public ExportReader.FileSink file(String address, long size) {
            files++;
            return new ExportReader.FileSink() {
                private long written;

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    written += length;
                    assertThat(written).isLessThanOrEqualTo(size);
                }

                @Override
                public void finish() {
                    assertThat(written).isEqualTo(size);
                    fileBytes += size;
                }
            };
        }

        @Override
        public void machine(MachineGrant grant) {
        }
    }
}
