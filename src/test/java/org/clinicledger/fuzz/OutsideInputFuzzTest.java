package org.clinicledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.exchange.RecordDocument;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.HeadMemory;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.ledger.OwnDetails;
import org.clinicledger.ledger.RollbackAcceptance;
import org.clinicledger.ui.common.Preferences;
import org.clinicledger.ui.common.WindowGeometry;

/**
 * Fuzz tests for everything that reads input from outside the program: files in the data folder,
 * chain ids read back from the database, JSON. Each target may refuse its input only in the
 * documented way; any other exception is a finding. The corpus under
 * {@code src/test/resources/org/clinicledger/fuzz/OutsideInputFuzzTestInputs/} runs in every build;
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=OutsideInputFuzzTest#<method>} fuzzes one target.
 */
class OutsideInputFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    @FuzzTest(maxDuration = "30s")
    void hexDecodesOrRefusesClearly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        byte[] decoded;
        try {
            decoded = Hex.decode(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(Hex.encode(decoded)).isEqualTo(text);
    }

    @FuzzTest(maxDuration = "30s")
    void rollbackMemoryReadsOrRefusesClearly(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        HeadMemory memory;
        try {
            memory = HeadMemory.parse(bytes);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(HeadMemory.parse(memory.encode()).encode()).isEqualTo(memory.encode());
        memory.acceptances().forEach(RollbackAcceptance::verifies);
    }

    @FuzzTest(maxDuration = "30s")
    void chainIdsParseOrRefuseClearly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            assertThat(ChainId.parse(text).value()).isEqualTo(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void icd10CodesParseOrRefuseClearly(FuzzedDataProvider data) {
        String typed = data.consumeRemainingAsString();
        try {
            Icd10Code code = Icd10Code.parse(typed);
            assertThat(Icd10Code.parse(code.value())).isEqualTo(code);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).contains("is not an ICD-10 code");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void medicalRecordNumbersParseOrRefuseClearly(FuzzedDataProvider data) {
        String typed = data.consumeRemainingAsString();
        try {
            MedicalRecordNumber mrn = MedicalRecordNumber.parse(typed);
            assertThat(MedicalRecordNumber.parse(mrn.formatted())).isEqualTo(mrn);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void recordDocumentsDecodeOrRefuseClearly(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            RecordVersion read = RecordDocument.decode(bytes);
            byte[] again = RecordDocument.encode(read);
            assertThat(RecordDocument.decode(again)).usingRecursiveComparison().isEqualTo(read);
            if (!new String(bytes, StandardCharsets.UTF_8).contains(RecordDocument.FORMAT_V1)) {
                assertThat(again).isEqualTo(bytes);
            }
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).startsWith("This is not a ClinicLedger record document: ");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void datesOfBirthParseOrRefuseClearly(FuzzedDataProvider data) {
        String typed = data.consumeRemainingAsString();
        try {
            LocalDate date = PatientDetails.parseDateOfBirth(typed);
            assertThat(PatientDetails.parseDateOfBirth(date.toString())).isEqualTo(date);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /** Access payloads come from other machines' blocks: decoding them may only refuse, never fail otherwise. */
    @FuzzTest(maxDuration = "30s")
    void accessPayloadsDecodeOrRefuseClearly(FuzzedDataProvider data) {
        BlockKind kind = data.pickValue(new BlockKind[] {BlockKind.ACCESS_GRANTED, BlockKind.ACCESS_REVOKED,
            BlockKind.REFERRAL, BlockKind.EMERGENCY_ACCESS});
        Block block = new Block(ChainId.parse("patient/123456782"), 1, new byte[32], Instant.EPOCH, kind, "k", null,
                "e", null, data.consumeRemainingAsBytes(), new byte[64], new byte[32]);
        try {
            AccessEvent event = AccessEvents.decode(block);
            assertThat(event.at()).isEqualTo(Instant.EPOCH);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /**
     * A patient's registration, correction or key recovery comes from other machines' blocks: the copy of their
     * details in it is read, within its limits, or absent; reading never fails.
     */
    @FuzzTest(maxDuration = "30s")
    void ownCopiesOfDetailsAreReadOrAbsent(FuzzedDataProvider data) {
        BlockKind kind = data.pickValue(new BlockKind[] {BlockKind.REGISTRATION, BlockKind.DEMOGRAPHICS_CORRECTED,
            BlockKind.KEY_RECOVERED});
        Block block = new Block(ChainId.parse("patient/123456782"), kind == BlockKind.REGISTRATION ? 0 : 1,
                new byte[32], Instant.EPOCH, kind, "k", null, "e", null, data.consumeRemainingAsBytes(), new byte[64],
                new byte[32]);
        OwnDetails.of(block).ifPresent(own -> assertThat(own.length)
                .isBetween(KeyWrap.WrappedKey.ENCODED_LENGTH + 1, KeyWrap.WrappedKey.ENCODED_LENGTH + 4096));
    }

    @FuzzTest(maxDuration = "30s")
    void nodeKeyFileLoadsOrRefusesClearly(FuzzedDataProvider data) throws IOException {
        Path folder = Files.createTempDirectory("fuzz-node");
        try {
            Files.write(folder.resolve(NodeIdentity.FILE_NAME), data.consumeRemainingAsBytes());
            try {
                assertThat(NodeIdentity.load(folder)).isPresent();
            } catch (IllegalStateException refused) {
                assertThat(refused.getMessage()).contains("does not hold a node key");
            }
        } finally {
            Files.deleteIfExists(folder.resolve(NodeIdentity.FILE_NAME));
            Files.delete(folder);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void windowGeometryFileNeverBreaksStartUp(FuzzedDataProvider data) throws IOException {
        Path folder = Files.createTempDirectory("fuzz-window");
        try {
            Files.write(folder.resolve("window.properties"), data.consumeRemainingAsBytes());
            WindowGeometry.load(folder).ifPresent(geometry -> {
                assertThat(geometry.width()).isBetween(WindowGeometry.MIN_WIDTH, 100_000.0);
                assertThat(geometry.height()).isBetween(WindowGeometry.MIN_HEIGHT, 100_000.0);
                assertThat(Double.isFinite(geometry.x()) && Double.isFinite(geometry.y())).isTrue();
            });
        } finally {
            Files.deleteIfExists(folder.resolve("window.properties"));
            Files.delete(folder);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void preferencesFileNeverBreaksStartUp(FuzzedDataProvider data) throws IOException {
        Path folder = Files.createTempDirectory("fuzz-preferences");
        try {
            Files.write(folder.resolve(Preferences.FILE_NAME), data.consumeRemainingAsBytes());
            assertThat(Preferences.load(folder).theme()).isNotNull();
        } finally {
            Files.deleteIfExists(folder.resolve(Preferences.FILE_NAME));
            Files.delete(folder);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void canonicalJsonIsStableOrRefusesClearly(FuzzedDataProvider data) throws Exception {
        JsonNode tree;
        try {
            tree = JSON.readTree(data.consumeRemainingAsBytes());
        } catch (JacksonException | java.io.CharConversionException notJson) {
            // Not JSON at all (Jackson reports bad encodings as CharConversionException): nothing of ours ran.
            return;
        }
        if (tree == null) {
            return;
        }
        byte[] canonical;
        try {
            canonical = CanonicalJson.encode(tree);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(CanonicalJson.encode(JSON.readTree(canonical))).isEqualTo(canonical);
    }
}
