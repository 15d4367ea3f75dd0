package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The STREAM construction over AES-256-GCM: round trips at every length around the chunk size,
 * the layout pinned against {@link Aead} with the documented nonces, and each way a stream can be
 * changed (a bit, chunks swapped, dropped or repeated, cut at and between chunk boundaries, bytes
 * appended, other associated data) refused.
 */
class ChunkedAeadTest {

    private static final int CHUNK = ChunkedAead.CHUNK_BYTES;
    private static final int SEALED_CHUNK = CHUNK + ChunkedAead.CHUNK_OVERHEAD;
    private static final byte[] AAD = "header digest".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = Aead.newKey(random);

    private byte[] seal(byte[] plaintext, int pieces) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealing = ChunkedAead.sealing(out, key, AAD)) {
            int step = Math.max(1, plaintext.length / pieces);
            for (int at = 0; at < plaintext.length; at += step) {
                sealing.write(plaintext, at, Math.min(step, plaintext.length - at));
            }
        }
        return out.toByteArray();
    }

    private byte[] open(byte[] sealed, byte[] associatedData) throws IOException {
        try (InputStream in = ChunkedAead.opening(new ByteArrayInputStream(sealed), key, associatedData)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17})
    void roundTripsAtEveryLengthAroundTheChunkSize(int length) throws IOException {
        byte[] plaintext = new byte[length];
        random.nextBytes(plaintext);
        for (int pieces : new int[] {1, 7, 1000}) {
            byte[] sealed = seal(plaintext, pieces);
            assertThat(sealed).hasSize((int) ChunkedAead.sealedLength(length));
            assertThat(open(sealed, AAD)).isEqualTo(plaintext);
        }
    }

    @Test
    void eachChunkIsAesGcmUnderTheCounterNonceWithTheLastFlag() throws IOException {
        byte[] plaintext = new byte[CHUNK + 5];
        random.nextBytes(plaintext);
        byte[] sealed = seal(plaintext, 3);

        byte[] first = Aead.sealWithNonce(key, Hex.decode("000000" + "0000000000000000" + "00"),
                Arrays.copyOf(plaintext, CHUNK), AAD).ciphertextWithTag();
        byte[] last = Aead.sealWithNonce(key, Hex.decode("000000" + "0000000000000001" + "01"),
                Arrays.copyOfRange(plaintext, CHUNK, CHUNK + 5), AAD).ciphertextWithTag();
        assertThat(Arrays.copyOf(sealed, SEALED_CHUNK)).isEqualTo(first);
        assertThat(Arrays.copyOfRange(sealed, SEALED_CHUNK, sealed.length)).isEqualTo(last);
    }

    @Test
    void everyChangeToTheStreamIsRefused() throws IOException {
        byte[] plaintext = new byte[3 * CHUNK];
        random.nextBytes(plaintext);
        byte[] sealed = seal(plaintext, 5);
        assertThat(sealed).hasSize(3 * SEALED_CHUNK);

        for (int at : new int[] {0, 11, SEALED_CHUNK - 1, SEALED_CHUNK, 2 * SEALED_CHUNK + 100, sealed.length - 1}) {
            byte[] flipped = sealed.clone();
            flipped[at] ^= 1;
            assertRefused(flipped, "bit flipped at " + at);
        }
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, SEALED_CHUNK, swapped, 0, SEALED_CHUNK);
        System.arraycopy(sealed, 0, swapped, SEALED_CHUNK, SEALED_CHUNK);
        assertRefused(swapped, "first two chunks swapped");
        byte[] dropped = new byte[sealed.length - SEALED_CHUNK];
        System.arraycopy(sealed, 0, dropped, 0, SEALED_CHUNK);
        System.arraycopy(sealed, 2 * SEALED_CHUNK, dropped, SEALED_CHUNK, dropped.length - SEALED_CHUNK);
        assertRefused(dropped, "second chunk dropped");
        byte[] repeated = new byte[sealed.length + SEALED_CHUNK];
        System.arraycopy(sealed, 0, repeated, 0, SEALED_CHUNK);
        System.arraycopy(sealed, 0, repeated, SEALED_CHUNK, sealed.length);
        assertRefused(repeated, "first chunk repeated");
        for (int cut : new int[] {0, 1, 15, SEALED_CHUNK, SEALED_CHUNK + 16, 2 * SEALED_CHUNK, sealed.length - 1}) {
            assertRefused(Arrays.copyOf(sealed, cut), "cut at " + cut);
        }
        for (int extra : new int[] {1, 16, SEALED_CHUNK}) {
            assertRefused(Arrays.copyOf(sealed, sealed.length + extra), extra + " bytes appended");
        }
        assertThatThrownBy(() -> open(sealed, "another header".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ChunkedAead.AuthenticationFailedException.class);
        assertThat(open(sealed, AAD)).isEqualTo(plaintext);
    }

    private void assertRefused(byte[] sealed, String what) {
        assertThatThrownBy(() -> open(sealed, AAD)).as(what).isInstanceOf(ChunkedAead.AuthenticationFailedException.class);
    }

    @Test
    void aWrongKeyLengthIsRefusedAndAClosedStreamTakesNoMore() throws IOException {
        assertThatThrownBy(() -> ChunkedAead.sealing(new ByteArrayOutputStream(), new byte[16], AAD))
                .isInstanceOf(IllegalArgumentException.class);
        OutputStream sealing = ChunkedAead.sealing(new ByteArrayOutputStream(), key, AAD);
        sealing.close();
        assertThatThrownBy(() -> sealing.write(1)).isInstanceOf(IOException.class);
    }
}
