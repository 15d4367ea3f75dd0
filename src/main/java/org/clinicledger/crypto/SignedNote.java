package org.clinicledger.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * C2SP {@code signed-note} (https://c2sp.org/signed-note) with Ed25519 keys: a UTF-8 text ending in
 * a newline, a blank line, and signature lines {@code — <key name> base64(key hash ‖ signature)}.
 * The key hash is the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key); a verifier key is
 * written {@code <name>+<key hash in hex>+base64(0x01 ‖ public key)}. Anything that reads these specs
 * (the Go reference {@code golang.org/x/mod/sumdb/note}, for one) reads what this class writes.
 */
public final class SignedNote {

    /** Larger than any note ClinicLedger writes; a note read from a file is refused above it. */
    public static final int MAX_BYTES = 8 * 1024;
    /** The spec lets a verifier stop reading signatures after a hundred. */
    public static final int MAX_SIGNATURES = 100;
    private static final byte ED25519 = 0x01;
    private static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int KEY_HASH_BYTES = 4;

    private SignedNote() {
    }

    /** A verifier key: its name, its key hash and the Ed25519 public key. */
    public record VerifierKey(String name, byte[] keyHash, byte[] publicKey) {

        public VerifierKey {
            requireName(name);
            keyHash = keyHash.clone();
            publicKey = publicKey.clone();
        }

        /** The verifier key for {@code publicKey} under {@code name}. */
        public static VerifierKey of(String name, byte[] publicKey) {
            if (publicKey.length != Ed25519.PUBLIC_KEY_LENGTH) {
                throw new IllegalArgumentException("An Ed25519 public key is 32 bytes");
            }
            return new VerifierKey(name, SignedNote.keyHash(name, publicKey), publicKey);
        }

        /**
         * Reads {@code name+hash+base64(0x01 ‖ key)}, checking that the hash is the key's.
         *
         * @throws IllegalArgumentException when it is not such a key
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
            if (encoded.length != 1 + Ed25519.PUBLIC_KEY_LENGTH || encoded[0] != ED25519) {
                throw new IllegalArgumentException("the verifier key is not an Ed25519 key");
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

        /** How the key is written: {@code name+hash+base64(0x01 ‖ public key)}. */
        public String encoded() {
            byte[] typed = new byte[1 + publicKey.length];
            typed[0] = ED25519;
            System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
            return name + "+" + Hex.encode(keyHash) + "+" + Base64.getEncoder().encodeToString(typed);
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

    /** One signature line: the key's name, its key hash, and the 64-byte signature. */
    public record Signature(String name, byte[] keyHash, byte[] signature) {
    }

    /** A note split into its text and its signature lines, before any signature is checked. */
    public record Parsed(String text, List<Signature> signatures) {
        public Parsed {
            signatures = List.copyOf(signatures);
        }
    }

    /** The first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key). */
    public static byte[] keyHash(String name, byte[] publicKey) {
        byte[] digest = Sha256.digest(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', ED25519}, publicKey);
        return Arrays.copyOf(digest, KEY_HASH_BYTES);
    }

    /**
     * Signs {@code text} (which must end with a newline and hold no other control characters) and
     * returns the whole note: the text, a blank line and the signature line.
     *
     * @param sign Ed25519 signing with the private half of {@code key}
     */
    public static String sign(String text, VerifierKey key, UnaryOperator<byte[]> sign) {
        requireText(text);
        byte[] signature = sign.apply(text.getBytes(StandardCharsets.UTF_8));
        if (signature.length != Ed25519.SIGNATURE_LENGTH) {
            throw new IllegalStateException("An Ed25519 signature is 64 bytes");
        }
        return text + "\n" + signatureLine(key, signature);
    }

    /** The line {@code — <name> base64(key hash ‖ signature)\n}. */
    public static String signatureLine(VerifierKey key, byte[] signature) {
        return signatureLine(key.name, key.keyHash, signature);
    }

    /**
     * The line {@code — <name> base64(key hash ‖ signature)\n} for any signature type: what follows
     * the key hash is the type's (a cosignature's is a timestamp and a signature, {@link Cosignature}).
     */
    public static String signatureLine(String name, byte[] keyHash, byte[] signature) {
        requireName(name);
        if (keyHash.length != KEY_HASH_BYTES) {
            throw new IllegalArgumentException("A key hash is four bytes");
        }
        byte[] both = new byte[KEY_HASH_BYTES + signature.length];
        System.arraycopy(keyHash, 0, both, 0, KEY_HASH_BYTES);
        System.arraycopy(signature, 0, both, KEY_HASH_BYTES, signature.length);
        return SIGNATURE_PREFIX + name + " " + Base64.getEncoder().encodeToString(both) + "\n";
    }

    /**
     * Splits a note into its text and signature lines as the spec reads it: the text is everything up
     * to and including the newline before the last blank line.
     *
     * @throws IllegalArgumentException when the note is too large, not UTF-8, or malformed
     */
    public static Parsed parse(byte[] note) {
        if (note.length > MAX_BYTES) {
            throw new IllegalArgumentException("the note is larger than " + MAX_BYTES + " bytes");
        }
        String whole;
        try {
            whole = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(note)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the note is not UTF-8");
        }
        int split = whole.lastIndexOf("\n\n");
        if (split < 0 || split + 2 >= whole.length() || !whole.endsWith("\n")) {
            throw new IllegalArgumentException("the note has no signatures after a blank line");
        }
        String text = whole.substring(0, split + 1);
        requireText(text);
        List<Signature> signatures = new ArrayList<>();
        for (String line : whole.substring(split + 2, whole.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw new IllegalArgumentException("the note has more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(signature(line));
        }
        return new Parsed(text, signatures);
    }

    /**
     * The text of {@code note} when it carries a valid signature by {@code key}: a line with the key's
     * name and key hash whose signature verifies.
     *
     * @throws IllegalArgumentException when it is malformed or {@code key} did not sign it
     */
    public static String open(byte[] note, VerifierKey key) {
        Parsed parsed = parse(note);
        byte[] text = parsed.text().getBytes(StandardCharsets.UTF_8);
        for (Signature signature : parsed.signatures()) {
            if (signature.name().equals(key.name) && MessageDigest.isEqual(signature.keyHash(), key.keyHash)
                    && Ed25519.verify(key.publicKey, text, signature.signature())) {
                return parsed.text();
            }
        }
        throw new IllegalArgumentException("the note carries no valid signature by " + key.name);
    }

    private static Signature signature(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new IllegalArgumentException("a signature line does not start with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("a signature line has no key name");
        }
        String name = rest.substring(0, space);
        requireName(name);
        byte[] both;
        try {
            both = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("a signature is not base64");
        }
        if (!Base64.getEncoder().encodeToString(both).equals(rest.substring(space + 1))) {
            throw new IllegalArgumentException("a signature is not in canonical base64");
        }
        if (both.length < KEY_HASH_BYTES + 1) {
            throw new IllegalArgumentException("a signature is too short");
        }
        return new Signature(name, Arrays.copyOf(both, KEY_HASH_BYTES), Arrays.copyOfRange(both, KEY_HASH_BYTES,
                both.length));
    }

    static void requireText(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a note's text ends with a newline");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && (Character.isISOControl(c) || c == '\uFEFF')) {
                throw new IllegalArgumentException("a note's text holds a control character");
            }
        }
    }

    static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a key name is not empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a key name holds no spaces, '+' or control characters");
            }
        }
    }
}
