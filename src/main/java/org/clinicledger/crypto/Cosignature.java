package org.clinicledger.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A C2SP {@code tlog-cosignature} v1 with Ed25519 (https://c2sp.org/tlog-cosignature): a witness's
 * statement that, as of a time, the checkpoint is the largest consistent one it has seen of the log.
 * It is a signature line of the checkpoint's signed note whose bytes after the four-byte key hash
 * are a {@code timestamped_signature}: the time in POSIX seconds as eight big-endian bytes, then the
 * 64-byte Ed25519 signature over
 * <pre>
 * cosignature/v1
 * time &lt;seconds, decimal, no leading zeros&gt;
 * &lt;the checkpoint's whole note text&gt;
 * </pre>
 * The key hash is the first four bytes of SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key), and a verifier
 * key is written {@code <name>+<key hash in hex>+base64(0x04 ‖ public key)}: signature type 0x04
 * keeps a cosigner's key from ever passing for a plain note signer's (0x01, {@link SignedNote}).
 * The message does not name the cosigner, so one key serves one cosigner name only.
 */
public final class Cosignature {

    /** The signature type of Ed25519 cosignatures in key hashes and verifier keys. */
    public static final byte TYPE = 0x04;
    /** Timestamp and signature: what a cosignature line carries after its key hash. */
    public static final int TIMESTAMPED_SIGNATURE_BYTES = Long.BYTES + Ed25519.SIGNATURE_LENGTH;
    private static final String HEADER = "cosignature/v1\n";
    private static final int KEY_HASH_BYTES = 4;

    private Cosignature() {
    }

    /** A cosigner's verifier key: its name, its key hash and its Ed25519 public key. */
    public record VerifierKey(String name, byte[] keyHash, byte[] publicKey) {

        public VerifierKey {
            SignedNote.requireName(name);
            keyHash = keyHash.clone();
            publicKey = publicKey.clone();
        }

        /** The cosigner key {@code publicKey} under {@code name}. */
        public static VerifierKey of(String name, byte[] publicKey) {
            if (publicKey.length != Ed25519.PUBLIC_KEY_LENGTH) {
                throw new IllegalArgumentException("An Ed25519 public key is 32 bytes");
            }
            return new VerifierKey(name, Cosignature.keyHash(name, publicKey), publicKey);
        }

        /**
         * Reads {@code name+hash+base64(0x04 ‖ key)}, checking that the hash is the key's.
         *
         * @throws IllegalArgumentException when it is not an Ed25519 cosigner's verifier key
         */
        public static VerifierKey parse(String text) {
            String[] parts = Objects.requireNonNull(text, "text").split("\\+", 3);
            if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
                throw new IllegalArgumentException("a verifier key is name+hash+key");
            }
            byte[] encoded;
            try {
                encoded = Base64.getDecoder().decode(parts[2]);
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("the verifier key's key is not base64");
            }
            if (encoded.length != 1 + Ed25519.PUBLIC_KEY_LENGTH || encoded[0] != TYPE) {
                throw new IllegalArgumentException("the verifier key is not an Ed25519 cosigner's (type 0x04)");
            }
            VerifierKey key = of(parts[0], Arrays.copyOfRange(encoded, 1, encoded.length));
            if (!MessageDigest.isEqual(key.keyHash, Hex.decode(parts[1]))) {
                throw new IllegalArgumentException("the verifier key's hash is not its key's");
            }
            return key;
        }

        @Override
        public byte[] keyHash() {
            return keyHash.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** How the key is written: {@code name+hash+base64(0x04 ‖ public key)}. */
        public String encoded() {
            byte[] typed = new byte[1 + publicKey.length];
            typed[0] = TYPE;
            System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
            return name + "+" + Hex.encode(keyHash) + "+" + Base64.getEncoder().encodeToString(typed);
        }

        /** Whether {@code signature} is a line of this cosigner: its name and its key hash. */
        public boolean names(SignedNote.Signature signature) {
            return signature.name().equals(name) && MessageDigest.isEqual(signature.keyHash(), keyHash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof VerifierKey that && name.equals(that.name)
                    && MessageDigest.isEqual(publicKey, that.publicKey);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return encoded();
        }
    }

    /**
     * A cosignature read from its line, before it is checked.
     *
     * @param timestamp POSIX seconds, 0 to 2^63 - 1
     * @param signature the 64-byte Ed25519 signature
     */
    public record Timestamped(long timestamp, byte[] signature) {

        public Timestamped {
            if (timestamp < 0) {
                throw new IllegalArgumentException("a cosignature's time is at most 2^63 - 1");
            }
            if (signature.length != Ed25519.SIGNATURE_LENGTH) {
                throw new IllegalArgumentException("an Ed25519 cosignature's signature is 64 bytes");
            }
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        /** The {@code timestamped_signature} bytes: the time, big-endian, then the signature. */
        public byte[] encoded() {
            byte[] bytes = new byte[TIMESTAMPED_SIGNATURE_BYTES];
            for (int i = 0; i < Long.BYTES; i++) {
                bytes[i] = (byte) (timestamp >>> (8 * (Long.BYTES - 1 - i)));
            }
            System.arraycopy(signature, 0, bytes, Long.BYTES, signature.length);
            return bytes;
        }

        /**
         * Reads the bytes of a cosignature line after its key hash.
         *
         * @throws IllegalArgumentException when they are not a timestamp and an Ed25519 signature
         */
        public static Timestamped read(byte[] bytes) {
            if (bytes.length != TIMESTAMPED_SIGNATURE_BYTES) {
                throw new IllegalArgumentException("an Ed25519 cosignature is a timestamp and a signature, "
                        + TIMESTAMPED_SIGNATURE_BYTES + " bytes, not " + bytes.length);
            }
            long timestamp = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                timestamp = (timestamp << 8) | (bytes[i] & 0xff);
            }
            return new Timestamped(timestamp, Arrays.copyOfRange(bytes, Long.BYTES, bytes.length));
        }
    }

    /** The first four bytes of SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key). */
    public static byte[] keyHash(String name, byte[] publicKey) {
        byte[] digest = Sha256.digest(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', TYPE}, publicKey);
        return Arrays.copyOf(digest, KEY_HASH_BYTES);
    }

    /**
     * What the cosigner signs: {@code cosignature/v1\ntime <timestamp>\n} and the note's text.
     *
     * @param noteText the checkpoint's whole note text, ending in a newline, without signature lines
     */
    public static byte[] message(long timestamp, String noteText) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature's time is at most 2^63 - 1");
        }
        SignedNote.requireText(noteText);
        return (HEADER + "time " + timestamp + "\n" + noteText).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Cosigns {@code noteText} at {@code timestamp}.
     *
     * @param sign Ed25519 signing with the private half of {@code key}
     * @return the cosignature's signature line, to add to the checkpoint's note
     */
    public static String sign(String noteText, VerifierKey key, long timestamp, UnaryOperator<byte[]> sign) {
        byte[] signature = sign.apply(message(timestamp, noteText));
        return line(key, new Timestamped(timestamp, signature));
    }

    /** The signature line {@code — <name> base64(key hash ‖ timestamp ‖ signature)\n}. */
    public static String line(VerifierKey key, Timestamped cosignature) {
        return SignedNote.signatureLine(key.name(), key.keyHash, cosignature.encoded());
    }

    /** Whether {@code cosignature} by {@code key} verifies over {@code noteText}. */
    public static boolean verifies(VerifierKey key, String noteText, Timestamped cosignature) {
        try {
            return Ed25519.verify(key.publicKey, message(cosignature.timestamp(), noteText), cosignature.signature);
        } catch (IllegalArgumentException notANoteText) {
            return false;
        }
    }

    /**
     * The cosignature {@code key} made of a parsed note, when the note carries a line of the key's
     * name and key hash whose bytes are a cosignature that verifies. Lines of other signers, the
     * checkpoint's own signer among them, are passed over, as the spec asks of clients.
     */
    public static Optional<Timestamped> find(SignedNote.Parsed note, VerifierKey key) {
        for (SignedNote.Signature line : note.signatures()) {
            if (!key.names(line)) {
                continue;
            }
            try {
                Timestamped cosignature = Timestamped.read(line.signature());
                if (verifies(key, note.text(), cosignature)) {
                    return Optional.of(cosignature);
                }
            } catch (IllegalArgumentException malformed) {
                // A line of the cosigner's name and hash that is no cosignature: not one by this key.
            }
        }
        return Optional.empty();
    }
}
