package org.clinicledger.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RecordVersion;
import org.junit.jupiter.api.Test;

class RecordDocumentTest {

    static RecordVersion sample() {
        return new RecordVersion("r-5f2c", 2, "123456782", "dr.okafor", Instant.parse("2026-11-23T09:30:00Z"), 1,
                Icd10Code.parse("J45.909"), "Asthma, unspecified — \"mild\"", "Inhaler twice daily.\nReview in 4 weeks.",
                List.of(new AttachmentSummary("peak-flow.pdf", "application/pdf", 48_213, "ab".repeat(32))),
                "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    }

    @Test
    void theDocumentIsCanonicalJsonAndItsHashIsPlainSha256OfTheBytes() throws Exception {
        byte[] document = RecordDocument.encode(sample());
        String text = new String(document, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"about\":\"This file is a patient's copy of one version of a health record")
                .contains("\"attachments\":[{\"mediaType\":\"application/pdf\"", "\"format\":\"clinicledger/record/v2\"", "\"icd10\":\"J45.909\"", "\\n", "\\\"mild\\\"")
                .doesNotContain(" \"", "\n");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        assertThat(RecordDocument.hash(document)).isEqualTo(expected);
    }

    /** A document written before copies said what they are (format v1, no "about") still reads, byte for byte. */
    @Test
    void aVersion1DocumentStillReadsAsItsExactBytes() {
        String v1 = "{\"attachments\":[],\"author\":\"dr.a\",\"createdAt\":0,\"diagnosis\":\"Cough\","
                + "\"format\":\"clinicledger/record/v1\",\"icd10\":null,\"notes\":\"\",\"patient\":\"123456782\","
                + "\"record\":\"r-1\",\"salt\":\"" + "00".repeat(32) + "\",\"supersedes\":0,\"version\":1}";

        RecordVersion read = RecordDocument.decode(v1.getBytes(StandardCharsets.UTF_8));

        assertThat(read.diagnosis()).isEqualTo("Cough");
        assertThatThrownBy(() -> RecordDocument.decode(v1.replace("{\"attachments\"", "{\"about\":\"" + RecordDocument.ABOUT
                + "\",\"attachments\"").getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidInputException.class);
        assertThat(new String(RecordDocument.encode(read), StandardCharsets.UTF_8)).startsWith("{\"about\":");
    }

    @Test
    void decodesWhatItEncodes() {
        RecordVersion record = sample();
        RecordVersion read = RecordDocument.decode(RecordDocument.encode(record));
        assertThat(read).usingRecursiveComparison().isEqualTo(record);
        RecordVersion withoutCode = new RecordVersion("r-1", 1, "123456782", "dr.a", Instant.EPOCH, 0, null, "Cough",
                "", List.of(), "00".repeat(32));
        assertThat(RecordDocument.decode(RecordDocument.encode(withoutCode)).icd10()).isNull();
    }

    /**
     * Mutation test: every single-byte change of a real document is either refused, or still a
     * canonical document (of different content). It is never silently read as something whose
     * bytes differ from the file.
     */
    @Test
    void everySingleByteChangeIsRefusedOrStaysCanonical() {
        byte[] document = RecordDocument.encode(sample());
        int refusedCount = 0;
        for (int i = 0; i < document.length; i++) {
            for (int delta : new int[] {1, 0x20, 0x80}) {
                byte[] mutated = document.clone();
                mutated[i] = (byte) (mutated[i] ^ delta);
                try {
                    RecordVersion read = RecordDocument.decode(mutated);
                    assertThat(RecordDocument.encode(read)).isEqualTo(mutated);
                    assertThat(RecordDocument.hash(mutated)).isNotEqualTo(RecordDocument.hash(document));
                } catch (InvalidInputException refused) {
                    assertThat(refused.getMessage()).startsWith("This is not a ClinicLedger record document: ");
                    refusedCount++;
                }
            }
        }
        assertThat(refusedCount).isGreaterThan(document.length);
    }

    @Test
    void refusesDocumentsThatAreNotExactlyCanonical() {
        String canonical = new String(RecordDocument.encode(sample()), StandardCharsets.UTF_8);
        List<String> bad = List.of(
                canonical.replace("{\"about\"", "{ \"about\""),
                canonical.replace("\"format\":\"clinicledger/record/v2\"", "\"format\":\"clinicledger/record/v3\""),
                canonical.replace("\"format\":\"clinicledger/record/v2\"", "\"format\":\"clinicledger/record/v1\""),
                canonical.replace("This file is a patient's copy", "This file is a doctor's copy"),
                canonical.replaceFirst("\\{\"about\":\"[^\"]*\",", "{"),
                canonical.replace(",\"version\":2}", ",\"version\":2,\"extra\":1}"),
                canonical.replace(",\"version\":2}", ",\"version\":2,\"version\":3}"),
                canonical.replace(",\"version\":2}", ",\"version\":\"2\"}"),
                canonical.replace(",\"version\":2}", ",\"version\":2.0}"),
                canonical.replace(",\"version\":2}", "}"),
                canonical.replace("\"supersedes\":1", "\"supersedes\":2"),
                canonical.replace("\"icd10\":\"J45.909\"", "\"icd10\":\"asthma\""),
                canonical.replace("\"sha256\":\"abab", "\"sha256\":\"ABAB"),
                canonical + " ",
                canonical + "{}",
                "[]",
                "",
                "\"text\"");
        for (String document : bad) {
            assertThatThrownBy(() -> RecordDocument.decode(document.getBytes(StandardCharsets.UTF_8)))
                    .as(document).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void refusesOversizedAndDeeplyNestedInput() {
        assertThatThrownBy(() -> RecordDocument.decode(new byte[RecordDocument.MAX_BYTES + 1]))
                .hasMessageContaining("larger than");
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> RecordDocument.decode(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class);
    }
}
