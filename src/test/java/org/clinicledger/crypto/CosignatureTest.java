package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Known answers for C2SP tlog-cosignature v1 (Ed25519): a real checkpoint of the
 * {@code arche2025h1.staging.ct.transparency.dev} log as the public witness network cosigned it,
 * with the published verifier key of the witness {@code remora.n621.de} (a test vector of the
 * independent Python implementation {@code tlog_scales}); the spec's own example line, whose
 * timestamp is the one its signed-message example shows; and the timestamp vectors of
 * {@code transparency-dev/formats} ({@code note_cosigv1_test.go}).
 */
class CosignatureTest {

    private static final String TEXT = "arche2025h1.staging.ct.transparency.dev\n1432088532\n"
            + "U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=\n";
    private static final String LOG_LINE = "\u2014 arche2025h1.staging.ct.transparency.dev "
            + "ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=\n";
    private static final String REMORA_LINE = "\u2014 remora.n621.de "
            + "2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==\n";
    private static final String STAGEMOLE_LINE = "\u2014 witness.stagemole.eu "
            + "Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==\n";
    private static final String NOTE = TEXT + "\n" + LOG_LINE + REMORA_LINE + STAGEMOLE_LINE;
    private static final String REMORA = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";

    @Test
    void theWitnessNetworksCosignatureOfARealCheckpointVerifies() {
        Cosignature.VerifierKey remora = Cosignature.VerifierKey.parse(REMORA);

        Optional<Cosignature.Timestamped> found = Cosignature.find(SignedNote.parse(bytes(NOTE)), remora);

        assertThat(found).isPresent();
        assertThat(found.get().timestamp()).isEqualTo(1_779_573_024L);
        assertThat(Cosignature.line(remora, found.get())).isEqualTo(REMORA_LINE);
    }

    @Test
    void theVerifierKeyHashUsesSignatureTypeFour() {
        Cosignature.VerifierKey remora = Cosignature.VerifierKey.parse(REMORA);

        assertThat(Hex.encode(remora.keyHash())).isEqualTo("da77ade7");
        assertThat(remora.encoded()).isEqualTo(REMORA);
        assertThat(Cosignature.VerifierKey.of("remora.n621.de", remora.publicKey())).isEqualTo(remora);
        // The same key as a plain note signer hashes differently: the two can never be confused.
        assertThat(SignedNote.VerifierKey.of("remora.n621.de", remora.publicKey()).keyHash())
                .isNotEqualTo(remora.keyHash());
    }

    @Test
    void theSpecsExampleLineCarriesTheTimeOfItsSignedMessageExample() {
        byte[] line = Base64.getDecoder().decode(
                "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==");
        Cosignature.Timestamped read = Cosignature.Timestamped.read(java.util.Arrays.copyOfRange(line, 4, line.length));

        assertThat(read.timestamp()).isEqualTo(1_679_315_147L);
        assertThat(new String(Cosignature.message(read.timestamp(), "example.com/behind-the-sofa\n20852163\n"
                + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"), StandardCharsets.UTF_8))
                .isEqualTo("cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
                        + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
    }

    @Test
    void theReferenceImplementationsTimestampVectors() {
        byte[] works = Base64.getDecoder().decode("ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==");
        assertThat(Cosignature.Timestamped.read(java.util.Arrays.copyOfRange(works, 4, works.length)).timestamp())
                .isEqualTo(1_727_964_367L);
        byte[] plainSignature = Base64.getDecoder().decode("eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=");
        assertThatThrownBy(() -> Cosignature.Timestamped.read(java.util.Arrays.copyOfRange(plainSignature, 4,
                plainSignature.length))).hasMessageContaining("72 bytes");
    }

    @Test
    void signingThenFindingGivesTheSameCosignatureAndLine() {
        byte[] seed = new byte[32];
        seed[0] = 7;
        Cosignature.VerifierKey key = Cosignature.VerifierKey.of("witness.example/w1", Ed25519.publicKey(seed));

        String line = Cosignature.sign(TEXT, key, 1_700_000_000L, message -> Ed25519.sign(seed, message));
        Optional<Cosignature.Timestamped> found = Cosignature.find(SignedNote.parse(bytes(NOTE + line)), key);

        assertThat(found).isPresent();
        assertThat(found.get().timestamp()).isEqualTo(1_700_000_000L);
        assertThat(Cosignature.line(key, found.get())).isEqualTo(line);
        // The cosigner's signature is over the cosignature message, never over the bare text.
        assertThat(Ed25519.verify(key.publicKey(), bytes(TEXT), found.get().signature())).isFalse();
    }

    @Test
    void aChangedCheckpointTimeOrSignatureDoesNotVerify() {
        Cosignature.VerifierKey remora = Cosignature.VerifierKey.parse(REMORA);
        Cosignature.Timestamped real = Cosignature.find(SignedNote.parse(bytes(NOTE)), remora).orElseThrow();

        assertThat(Cosignature.verifies(remora, TEXT.replace("1432088532", "1432088533"), real)).isFalse();
        assertThat(Cosignature.verifies(remora, TEXT, new Cosignature.Timestamped(real.timestamp() + 1,
                real.signature()))).isFalse();
        byte[] flipped = real.signature();
        flipped[10] ^= 1;
        assertThat(Cosignature.verifies(remora, TEXT, new Cosignature.Timestamped(real.timestamp(), flipped))).isFalse();
        assertThat(Cosignature.verifies(remora, "not a note text", real)).isFalse();
        // The log's own signature line is not the witness's, and another key finds nothing.
        assertThat(Cosignature.find(SignedNote.parse(bytes(TEXT + "\n" + LOG_LINE)), remora)).isEmpty();
        Cosignature.VerifierKey renamed = Cosignature.VerifierKey.of("remora.example", remora.publicKey());
        assertThat(Cosignature.find(SignedNote.parse(bytes(NOTE)), renamed)).isEmpty();
    }

    @Test
    void malformedVerifierKeysAreRefused() {
        for (String malformed : new String[] {"bananas+12344556", "remora.n621.de+da77ade7+NOT_BASE64!",
            "remora.n621.de+DA77ADE7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2",
            "remora.n621.de+00000000+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2",
            // A plain note signer's key (type 0x01), published beside the cosigner vectors: not a cosigner's.
            "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6",
            "remora.n621.de+da77ade7+BOvN63jn", "+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2",
            "a b+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"}) {
            assertThatThrownBy(() -> Cosignature.VerifierKey.parse(malformed)).as(malformed)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void malformedCosignatureLinesAreNotCosignatures() {
        Cosignature.VerifierKey remora = Cosignature.VerifierKey.parse(REMORA);
        byte[] real = Base64.getDecoder().decode(REMORA_LINE.substring(REMORA_LINE.indexOf(' ', 2) + 1).strip());
        for (int length : new int[] {5, 68, 75, 77, 200}) {
            byte[] cut = java.util.Arrays.copyOf(real, length);
            String note = TEXT + "\n" + "\u2014 remora.n621.de " + Base64.getEncoder().encodeToString(cut) + "\n";
            assertThat(Cosignature.find(SignedNote.parse(bytes(note)), remora)).as("%d bytes", length).isEmpty();
        }
        byte[] future = real.clone();
        future[4] = (byte) 0x80;
        String note = TEXT + "\n" + "\u2014 remora.n621.de " + Base64.getEncoder().encodeToString(future) + "\n";
        assertThat(Cosignature.find(SignedNote.parse(bytes(note)), remora)).isEmpty();
        assertThatThrownBy(() -> Cosignature.Timestamped.read(java.util.Arrays.copyOfRange(future, 4, future.length)))
                .hasMessageContaining("2^63");
        assertThatThrownBy(() -> Cosignature.message(-1, TEXT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cosignature.message(1, "no newline")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
