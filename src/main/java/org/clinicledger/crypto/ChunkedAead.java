package org.clinicledger.crypto;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over a stream of any length in constant memory: the STREAM construction (Hoang,
 * Reyhanitabar, Rogaway and Vizár, "Online Authenticated-Encryption and its Nonce-Reuse
 * Misuse-Resistance", 2015), as age and Tink use it.
 *
 * <p>The plaintext is cut into chunks of {@value #CHUNK_BYTES} bytes, the last one shorter or
 * as long (empty only for an empty plaintext). Chunk <i>i</i> is sealed under the nonce {@code 0x000000 || i (8 bytes, big-endian) ||
 * last}, where {@code last} is 1 for the final chunk and 0 before it, with the caller's associated
 * data; the sealed chunks follow each other with no framing, each {@value #CHUNK_BYTES} + 16 bytes
 * but the last. So a chunk moved, dropped or repeated fails its tag (its index is in the nonce), a
 * stream cut at a chunk boundary ends on a chunk not sealed as the last, and bytes appended after
 * the last chunk make it read as not the last: each is refused as {@link AuthenticationFailedException}.
 *
 * <p>The nonces are a counter, so a key must seal one stream only: callers draw a fresh key per
 * stream ({@link Aead#newKey}). Nothing of a chunk is released before its tag is checked, but a
 * reader sees the chunks before a later one fails: whoever reads must treat what it read as
 * provisional until the end ({@link InputStream#read} returning -1) was reached without an error.
 */
public final class ChunkedAead {

    /** Plaintext bytes per chunk: large enough for AES-GCM's fast path, small enough to hold. */
    public static final int CHUNK_BYTES = 64 * 1024;

    /** Bytes each chunk adds: the tag. */
    public static final int CHUNK_OVERHEAD = Aead.TAG_LENGTH;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private ChunkedAead() {
    }

    /** The sealed length of {@code plaintextBytes} of plaintext: one tag per chunk, and at least one chunk. */
    public static long sealedLength(long plaintextBytes) {
        long chunks = Math.max(1, (plaintextBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
        return plaintextBytes + chunks * CHUNK_OVERHEAD;
    }

    /**
     * A stream that seals what is written to it into {@code out}; closing it seals the last chunk
     * and closes {@code out}. The key is copied and the copy wiped at close.
     *
     * @param key a {@value Aead#KEY_LENGTH}-byte key used for this stream only
     * @param associatedData bound to every chunk; the reader presents the same bytes
     */
    public static OutputStream sealing(OutputStream out, byte[] key, byte[] associatedData) {
        return new Sealing(out, key, associatedData);
    }

    /**
     * A stream of the plaintext sealed in {@code in}: reads chunk by chunk, each checked before any
     * of it is returned; a stream that was changed, reordered, cut or extended throws
     * {@link AuthenticationFailedException} (an {@link IOException}) at the chunk where it shows.
     * Closing it closes {@code in} and wipes its copy of the key.
     */
    public static InputStream opening(InputStream in, byte[] key, byte[] associatedData) {
        return new Opening(in, key, associatedData);
    }

    /** A stream whose tag did not verify: changed, reordered, cut short or extended. */
    public static final class AuthenticationFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        AuthenticationFailedException(String message) {
            super(message);
        }
    }

    private static byte[] nonce(long index, boolean last) {
        byte[] nonce = new byte[Aead.NONCE_LENGTH];
        for (int i = 0; i < 8; i++) {
            nonce[3 + i] = (byte) (index >>> (56 - 8 * i));
        }
        nonce[11] = (byte) (last ? 1 : 0);
        return nonce;
    }

    private static Cipher cipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot use AES-256-GCM", e);
        }
    }

    private static byte[] checkedKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != Aead.KEY_LENGTH) {
            throw new IllegalArgumentException("AES-256-GCM key must be " + Aead.KEY_LENGTH + " bytes, not " + key.length);
        }
        return key.clone();
    }

    private static final class Sealing extends FilterOutputStream {
        private final byte[] key;
        private final byte[] associatedData;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private final byte[] sealed = new byte[CHUNK_BYTES + CHUNK_OVERHEAD];
        private final Cipher cipher = cipher();
        private int filled;
        private long index;
        private boolean closed;

        Sealing(OutputStream out, byte[] key, byte[] associatedData) {
            super(Objects.requireNonNull(out, "out"));
            this.key = checkedKey(key);
            this.associatedData = Objects.requireNonNull(associatedData, "associatedData").clone();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (closed) {
                throw new IOException("the sealed stream is closed");
            }
            int at = offset;
            int left = length;
            while (left > 0) {
                if (filled == CHUNK_BYTES) {
                    // More follows, so the full chunk is not the last.
                    sealChunk(false);
                }
                int taken = Math.min(left, CHUNK_BYTES - filled);
                System.arraycopy(bytes, at, buffer, filled, taken);
                filled += taken;
                at += taken;
                left -= taken;
            }
        }

        private void sealChunk(boolean last) throws IOException {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(Aead.TAG_LENGTH * 8, nonce(index, last)));
                cipher.updateAAD(associatedData);
                int length = cipher.doFinal(buffer, 0, filled, sealed, 0);
                out.write(sealed, 0, length);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this Java runtime cannot encrypt with AES-256-GCM", e);
            }
            index++;
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                sealChunk(true);
                out.close();
            } finally {
                Arrays.fill(key, (byte) 0);
                Arrays.fill(buffer, (byte) 0);
            }
        }
    }

    private static final class Opening extends InputStream {
        private final InputStream in;
        private final byte[] key;
        private final byte[] associatedData;
        private final byte[] sealed = new byte[CHUNK_BYTES + CHUNK_OVERHEAD];
        private final byte[] plain = new byte[CHUNK_BYTES];
        private final Cipher cipher = cipher();
        private int available;
        private int position;
        private long index;
        /** The byte read ahead to learn whether a full chunk is the last; -1 for none. */
        private int ahead = -1;
        private boolean ended;

        Opening(InputStream in, byte[] key, byte[] associatedData) {
            this.in = Objects.requireNonNull(in, "in");
            this.key = checkedKey(key);
            this.associatedData = Objects.requireNonNull(associatedData, "associatedData").clone();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length == 0) {
                return 0;
            }
            while (position == available) {
                if (ended) {
                    return -1;
                }
                openChunk();
            }
            int given = Math.min(length, available - position);
            System.arraycopy(plain, position, bytes, offset, given);
            position += given;
            return given;
        }

        private void openChunk() throws IOException {
            int filled = 0;
            if (ahead >= 0) {
                sealed[filled++] = (byte) ahead;
                ahead = -1;
            }
            filled += in.readNBytes(sealed, filled, sealed.length - filled);
            boolean last;
            if (filled < sealed.length) {
                last = true;
            } else {
                ahead = in.read();
                last = ahead < 0;
            }
            if (filled < CHUNK_OVERHEAD) {
                throw new AuthenticationFailedException(index == 0 ? "the sealed content is missing"
                        : "the sealed content is cut short");
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(Aead.TAG_LENGTH * 8, nonce(index, last)));
                cipher.updateAAD(associatedData);
                available = cipher.doFinal(sealed, 0, filled, plain, 0);
            } catch (AEADBadTagException e) {
                throw new AuthenticationFailedException("the sealed content was changed, cut short or extended "
                        + "(its part " + (index + 1) + " does not open)");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this Java runtime cannot decrypt with AES-256-GCM", e);
            }
            position = 0;
            index++;
            ended = last;
        }

        @Override
        public void close() throws IOException {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plain, (byte) 0);
            in.close();
        }
    }
}
