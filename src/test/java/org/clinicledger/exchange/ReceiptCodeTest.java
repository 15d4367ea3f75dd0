package org.clinicledger.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.clinicledger.domain.Checkpoint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Receipt;
import org.clinicledger.testing.SampleReceipts;
import org.junit.jupiter.api.Test;

class ReceiptCodeTest {

    private static final Receipt RECEIPT = SampleReceipts.receipt();
    private static final String NOTE = RECEIPT.checkpoint().signedNote();
    private static final String HEADER = "clinicledger-receipt/1\nrecord " + SampleReceipts.RECORD_HASH + "\nblock "
            + SampleReceipts.BLOCK_HASH + "\n";

    @Test
    void encodesTheDocumentedLinesAndTheNoteByteForByte() {
        String text = ReceiptCode.encode(RECEIPT);
        assertThat(text).isEqualTo(HEADER + NOTE);
        assertThat(text).doesNotContain("\r").endsWith("\n");
    }

    @Test
    void decodesWhatItEncodes() {
        ReceiptCode.Contents contents = ReceiptCode.decode(ReceiptCode.encode(RECEIPT));
        assertThat(contents).isEqualTo(new ReceiptCode.Contents(SampleReceipts.RECORD_HASH, SampleReceipts.BLOCK_HASH,
                NOTE));
        assertThat(contents.text()).isEqualTo(ReceiptCode.encode(RECEIPT));
    }

    @Test
    void readsCosignedNotesAndTextInOtherScripts() {
        Receipt cosigned = SampleReceipts.receipt("Clinic", "Dr. A", "clinicledger/ABCD/patient/123456782", 5);
        assertThat(ReceiptCode.decode(ReceiptCode.encode(cosigned)).signedNote()).isEqualTo(
                cosigned.checkpoint().signedNote());
        String greek = "\u03ba\u03bb\u03b9\u03bd\u03b9\u03ba\u03ae/\ud835\udc00\n3\nroot\n\n\u2014 k AAAAAAA=\n";
        assertThat(ReceiptCode.decode(HEADER + greek).signedNote()).isEqualTo(greek);
    }

    @Test
    void refusesWhatIsNotAReceiptCodeInPlainWords() {
        String sig = "\u2014 clinicledger/node AAECAwQFBgcICQ==\n";
        refused(null, "it is empty");
        refused("", "it is empty");
        refused("hello", "it does not begin with the line clinicledger-receipt/1");
        refused("clinicledger-receipt/1", "it ends before the record hash line");
        refused("hello\nworld\n", "it does not begin with the line clinicledger-receipt/1");
        refused("clinicledger-receipt/2\n" + HEADER.substring(23) + NOTE, "newer format");
        refused("clinicledger-receipt/1\r\nrecord", "it does not begin with the line");
        refused("clinicledger-receipt/1\n", "it ends before the record hash line");
        refused("clinicledger-receipt/1\nrecord " + SampleReceipts.RECORD_HASH, "the record hash line does not end");
        refused("clinicledger-receipt/1\nblock " + SampleReceipts.BLOCK_HASH + "\n", "\"record \u2026\"");
        refused("clinicledger-receipt/1\nrecord abc\n", "the record hash has 3 characters instead of 64");
        refused("clinicledger-receipt/1\nrecord " + SampleReceipts.RECORD_HASH.toUpperCase() + "\n",
                "the record hash holds characters other than");
        refused("clinicledger-receipt/1\nrecord " + SampleReceipts.RECORD_HASH + "\n", "it ends before the block hash");
        refused("clinicledger-receipt/1\nrecord " + SampleReceipts.RECORD_HASH + "\nblock "
                + SampleReceipts.BLOCK_HASH.replace('c', 'g') + "\n", "the block hash holds characters other than");
        refused("clinicledger-receipt/1\nrecord " + SampleReceipts.RECORD_HASH + "\nrecord "
                + SampleReceipts.BLOCK_HASH + "\n" + NOTE, "\"block \u2026\"");
        refused(HEADER, "the signed checkpoint is missing");
        refused(HEADER + "origin\n12\nroot\n\n" + sig.strip(), "does not end with a line break");
        refused(HEADER + "origin\n12\nroot\n", "no signature lines after a blank line");
        refused(HEADER + "origin\n12\nroot\n\n", "no signature lines after a blank line");
        refused(HEADER + "\n" + sig, "no text before its signatures");
        refused(HEADER + "origin\n12\nroot\n\n" + sig + "\n" + sig, "more than one blank line");
        refused(HEADER + "origin\n12\nroot\n\n" + sig + "trailing words\n", "is not a signature");
        refused(HEADER + "origin\n12\nroot\n\n- clinicledger/node AAECAwQFBgcICQ==\n", "is not a signature");
        refused(HEADER + "origin\n12\nroot\n\n\u2014 AAECAwQFBgcICQ==\n", "does not name its key");
        refused(HEADER + "origin\n12\nroot\n\n\u2014 a+b AAECAwQFBgcICQ==\n", "does not name its key");
        refused(HEADER + "origin\n12\nroot\n\n\u2014 node not*base64\n", "is not base64");
        refused(HEADER + "origin\n12\nroot\n\n\u2014 node AAECAwQFBgcICQ\n", "is not base64");
        refused(HEADER + "origin\n12\nroot\n\n\u2014 node AAEC\n", "is not base64");
        refused(HEADER + "origin\u0000\n12\nroot\n\n" + sig, "holds a control character");
        refused(HEADER + "origin\r\n12\nroot\n\n" + sig, "holds a control character");
        refused(HEADER + "origin\n12\nroot\u0085\n\n" + sig, "holds a control character");
        refused(HEADER + "origin\ud800\n12\n\n" + sig, "it is not valid text");
        refused(HEADER + "x".repeat(ReceiptCode.MAX_NOTE_BYTES) + "\n\n" + sig, "larger than 4 KiB");
        refused(HEADER + "\u00e9".repeat(2100) + "\n\n" + sig, "larger than 4 KiB");
        refused(HEADER + "x".repeat(ReceiptCode.MAX_TEXT_BYTES) + "\n\n" + sig, "larger than 6 KiB");
        refused("\u20ac".repeat(ReceiptCode.MAX_TEXT_BYTES / 3 + 1), "larger than 6 KiB");
    }

    @Test
    void aNoteJustWithinItsLimitIsRead() {
        String sig = "\u2014 node AAECAwQFBgcICQ==\n";
        String text = "x".repeat(ReceiptCode.MAX_NOTE_BYTES - sig.getBytes(StandardCharsets.UTF_8).length - 2);
        String note = text + "\n\n" + sig;
        assertThat(note.getBytes(StandardCharsets.UTF_8)).hasSize(ReceiptCode.MAX_NOTE_BYTES);
        assertThat(ReceiptCode.decode(HEADER + note).signedNote()).isEqualTo(note);
    }

    @Test
    void aReceiptWhoseCodeWouldNotReadBackIsAProgrammingError() {
        Receipt upperCase = new Receipt("C", SampleReceipts.CLINIC, "123456782", "r", 1, RECEIPT.recordedAt(), "d",
                SampleReceipts.RECORD_HASH.toUpperCase(), SampleReceipts.BLOCK_HASH, 0, RECEIPT.checkpoint());
        assertThatThrownBy(() -> ReceiptCode.encode(upperCase)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record hash");
        Checkpoint unsigned = new Checkpoint("o", 1, new byte[32], "o\n1\nAAAA\n");
        Receipt noSignature = new Receipt("C", SampleReceipts.CLINIC, "123456782", "r", 1, RECEIPT.recordedAt(), "d",
                SampleReceipts.RECORD_HASH, SampleReceipts.BLOCK_HASH, 0, unsigned);
        assertThatThrownBy(() -> ReceiptCode.encode(noSignature)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signature");
    }

    /**
     * Mutation test: every byte of a real code changed in three ways is either refused in plain
     * words or read as different contents; never accepted as the original, never another exception.
     */
    @Test
    void everyChangedByteIsRefusedOrReadsDifferently() {
        byte[] code = ReceiptCode.encode(RECEIPT).getBytes(StandardCharsets.UTF_8);
        ReceiptCode.Contents original = ReceiptCode.decode(new String(code, StandardCharsets.UTF_8));
        int refusedCount = 0;
        int mutations = 0;
        for (int i = 0; i < code.length; i++) {
            for (int delta : new int[] {1, 0x20, 0x80}) {
                byte[] mutated = code.clone();
                mutated[i] = (byte) (mutated[i] ^ delta);
                mutations++;
                refusedCount += refusedOrDifferent(new String(mutated, StandardCharsets.UTF_8), original) ? 1 : 0;
            }
        }
        // Changes inside the note's text or signature keep its shape; everywhere else they are refused.
        assertThat(refusedCount).isGreaterThan(mutations / 3);
    }

    /** Every line removed, doubled, or swapped with the next: refused or read differently. */
    @Test
    void everyLineRemovedDoubledOrSwappedIsRefusedOrReadsDifferently() {
        String text = ReceiptCode.encode(RECEIPT);
        ReceiptCode.Contents original = ReceiptCode.decode(text);
        List<String> lines = Arrays.asList(text.split("\n", -1));
        int refusedCount = 0;
        for (int i = 0; i < lines.size() - 1; i++) {
            List<String> removed = new ArrayList<>(lines);
            removed.remove(i);
            List<String> doubled = new ArrayList<>(lines);
            doubled.add(i, lines.get(i));
            List<String> swapped = new ArrayList<>(lines);
            swapped.set(i, lines.get(i + 1));
            swapped.set(i + 1, lines.get(i));
            for (List<String> mutated : List.of(removed, doubled, swapped)) {
                String changed = String.join("\n", mutated);
                if (!changed.equals(text)) {
                    refusedCount += refusedOrDifferent(changed, original) ? 1 : 0;
                }
            }
        }
        assertThat(refusedCount).as("removing or doubling the header lines or the blank line is refused")
                .isGreaterThanOrEqualTo(8);
    }

    /** Whether {@code text} was refused (true) or read as contents other than {@code original} (false). */
    private static boolean refusedOrDifferent(String text, ReceiptCode.Contents original) {
        Throwable thrown = catchThrowable(() -> {
            ReceiptCode.Contents read = ReceiptCode.decode(text);
            assertThat(read).as("a changed code read as the original").isNotEqualTo(original);
            assertThat(read.text()).isEqualTo(text);
        });
        if (thrown == null) {
            return false;
        }
        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("This is not a ClinicLedger receipt code: ");
        return true;
    }

    private static void refused(String text, String reason) {
        assertThatThrownBy(() -> ReceiptCode.decode(text)).as(String.valueOf(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("This is not a ClinicLedger receipt code: ")
                .hasMessageContaining(reason);
    }
}
