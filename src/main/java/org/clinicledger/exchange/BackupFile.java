package org.clinicledger.exchange;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.BackupSummary;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.store.AccountStore.SealedKeysRow;

/**
 * The backup file's framing, {@code clinicledger-backup/1} ({@code docs/formats/backup.md}): a
 * header in the clear that says what the file is (clinic, time, counts, and for each administrator
 * the sealed keys their password opens and the backup key wrapped for them), its SHA-256, and then
 * the sealed content, which {@link ContentWriter} lays out and {@link ContentReader} reads back:
 * the database, each vault file and the node key, each with its length, and an end mark.
 *
 * <p>Reading is strict and bounded: the header at most {@value #MAX_HEADER_BYTES} bytes and
 * exactly the fields the format names; each entry's length within its kind's limit and within
 * what the header counts; entries in one order, so none can be repeated or slipped in.
 */
public final class BackupFile {

    /** The format's name, also the file's first line. */
    public static final String FORMAT = "clinicledger-backup/1";
    /** The file name ending the window and the command suggest. */
    public static final String EXTENSION = ".clbackup";
    /** What the header's {@code about} says, for whoever opens the file in a text viewer. */
    static final String ABOUT = "An encrypted backup of a ClinicLedger clinic. Restore it with "
            + "'clinicledger restore FILE --data EMPTY-FOLDER --user ADMINISTRATOR'.";
    static final int MAX_HEADER_BYTES = 256 * 1024;
    static final int MAX_RECIPIENTS = 200;
    /** The largest vault file: an attachment's limit (100 MB) with room for its sealing. */
    public static final long MAX_VAULT_FILE_BYTES = 128L * 1024 * 1024;
    /** The node key file is 65 bytes; anything much longer is not one. */
    public static final long MAX_NODE_KEY_BYTES = 1024;
    /** Far beyond a small clinic's database, but a bound on what a file may claim. */
    public static final long MAX_CONTENT_BYTES = 1L << 40;

    private static final byte[] MAGIC = (FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> FIELDS = Set.of("format", "about", "clinic", "created", "chains", "blocks",
            "vaultFiles", "contentBytes", "nodeKey", "recipients");
    private static final Set<String> RECIPIENT_FIELDS = Set.of("username", "salt", "memoryKiB", "iterations",
            "parallelism", "sealedKeys", "wrappedKey");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");
    private static final StrictJson STRICT = new StrictJson("ClinicLedger backup");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                .maxStringLength(4096).maxNumberLength(20).build());
    }

    private static final int KIND_END = 0;
    private static final int KIND_DATABASE = 1;
    private static final int KIND_VAULT = 2;
    private static final int KIND_NODE_KEY = 3;

    private BackupFile() {
    }

    /**
     * An administrator who can open the backup: the keys their password opens (as their account
     * row holds them) and the backup key wrapped for their agreement key.
     */
    public record Recipient(String username, SealedKeysRow sealedKeys, byte[] wrappedKey) {
        public Recipient {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(sealedKeys, "sealedKeys");
            wrappedKey = wrappedKey.clone();
        }

        @Override
        public byte[] wrappedKey() {
            return wrappedKey.clone();
        }
    }

    /**
     * What the header says: the clinic, when the backup was made, how many chains, blocks and vault
     * files it holds, the content's length, whether it carries the node key, and who can open it.
     */
    public record Header(ClinicFingerprint clinic, Instant created, long chains, long blocks, long vaultFiles,
            long contentBytes, boolean nodeKey, List<Recipient> recipients) {
        public Header {
            Objects.requireNonNull(clinic, "clinic");
            Objects.requireNonNull(created, "created");
            recipients = List.copyOf(recipients);
        }

        /** What the header says, without the keys. */
        public BackupSummary summary() {
            return new BackupSummary(clinic, created, chains, blocks, vaultFiles, contentBytes, nodeKey,
                    recipients.stream().map(Recipient::username).toList());
        }

        /** The administrator {@code username}'s entry, if they can open it. */
        public java.util.Optional<Recipient> recipient(String username) {
            return recipients.stream().filter(each -> each.username().equals(username)).findFirst();
        }
    }

    /** A header as read, and the SHA-256 of its bytes, which the sealed content is bound to. */
    public record Framed(Header header, byte[] digest) {
        public Framed {
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }
    }

    /** Writes the header and its digest to {@code out}; returns the digest, which the content is sealed under. */
    public static byte[] writeHeader(OutputStream out, Header header) throws IOException {
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(encode(header));
        ByteArrayOutputStream framed = new ByteArrayOutputStream(MAGIC.length + 4 + json.length + 1);
        DataOutputStream data = new DataOutputStream(framed);
        data.write(MAGIC);
        data.writeInt(json.length + 1);
        data.write(json);
        data.write('\n');
        byte[] bytes = framed.toByteArray();
        byte[] digest = Sha256.digest(bytes);
        out.write(bytes);
        out.write(digest);
        return digest;
    }

    /**
     * Reads the header from the start of {@code in}, leaving {@code in} at the sealed content.
     *
     * @throws InvalidInputException in one plain sentence when the file is not a backup of this
     *     format, or its header is damaged
     */
    public static Framed readHeader(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = data.readNBytes(MAGIC.length);
        if (!MessageDigest.isEqual(magic, MAGIC)) {
            throw new InvalidInputException("This is not a ClinicLedger backup (" + FORMAT + ").");
        }
        int length;
        try {
            length = data.readInt();
        } catch (EOFException e) {
            throw STRICT.refused("it ends in its header");
        }
        if (length <= 0 || length > MAX_HEADER_BYTES) {
            throw STRICT.refused("its header's length is out of range");
        }
        byte[] json = data.readNBytes(length);
        byte[] digest = data.readNBytes(Sha256.LENGTH);
        if (json.length < length || digest.length < Sha256.LENGTH) {
            throw STRICT.refused("it ends in its header");
        }
        byte[] lengthBytes = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        if (!MessageDigest.isEqual(Sha256.digest(magic, lengthBytes, json), digest)) {
            throw STRICT.refused("its header is damaged (it does not match its checksum)");
        }
        return new Framed(decode(STRICT.readObject(JSON, json, MAX_HEADER_BYTES)), digest);
    }

    private static ObjectNode encode(Header header) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("about", ABOUT);
        root.put("clinic", header.clinic().value());
        root.put("created", header.created().toString());
        root.put("chains", header.chains());
        root.put("blocks", header.blocks());
        root.put("vaultFiles", header.vaultFiles());
        root.put("contentBytes", header.contentBytes());
        root.put("nodeKey", header.nodeKey());
        ArrayNode recipients = root.putArray("recipients");
        for (Recipient recipient : header.recipients()) {
            ObjectNode each = recipients.addObject();
            SealedKeysRow sealed = recipient.sealedKeys();
            each.put("username", recipient.username());
            each.put("salt", Hex.encode(sealed.salt()));
            each.put("memoryKiB", sealed.memoryKiB());
            each.put("iterations", sealed.iterations());
            each.put("parallelism", sealed.parallelism());
            each.put("sealedKeys", Hex.encode(sealed.sealed()));
            each.put("wrappedKey", Hex.encode(recipient.wrappedKey()));
        }
        return root;
    }

    private static Header decode(JsonNode root) {
        STRICT.requireExactly(root, FIELDS);
        if (!FORMAT.equals(STRICT.text(root, "format", 64))) {
            throw STRICT.refused("its format is not " + FORMAT);
        }
        STRICT.text(root, "about", 1000);
        ClinicFingerprint clinic;
        Instant created;
        try {
            clinic = new ClinicFingerprint(STRICT.text(root, "clinic", 64));
            created = Instant.parse(STRICT.text(root, "created", 40));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw STRICT.refused("its clinic or time is not readable");
        }
        JsonNode nodeKey = root.get("nodeKey");
        if (nodeKey == null || !nodeKey.isBoolean()) {
            throw STRICT.refused("'nodeKey' is not true or false");
        }
        JsonNode list = root.get("recipients");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_RECIPIENTS) {
            throw STRICT.refused("it names no administrator who can open it");
        }
        List<Recipient> recipients = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode each : list) {
            if (!each.isObject()) {
                throw STRICT.refused("an administrator's entry is not an object");
            }
            STRICT.requireExactly(each, RECIPIENT_FIELDS);
            String username = STRICT.text(each, "username", 64);
            if (!USERNAME.matcher(username).matches() || !names.add(username)) {
                throw STRICT.refused("an administrator's name is not readable, or repeated");
            }
            try {
                SealedKeysRow sealed = new SealedKeysRow(Hex.decode(STRICT.text(each, "salt", 128)),
                        (int) STRICT.integer(each, "memoryKiB", 4L * 1024 * 1024),
                        (int) STRICT.integer(each, "iterations", 100),
                        (int) STRICT.integer(each, "parallelism", 64),
                        Hex.decode(STRICT.text(each, "sealedKeys", 1024)));
                recipients.add(new Recipient(username, sealed, Hex.decode(STRICT.text(each, "wrappedKey", 1024))));
            } catch (IllegalArgumentException e) {
                throw STRICT.refused("an administrator's keys are not hexadecimal");
            }
        }
        return new Header(clinic, created, STRICT.integer(root, "chains", Integer.MAX_VALUE),
                STRICT.integer(root, "blocks", Long.MAX_VALUE >> 8), STRICT.integer(root, "vaultFiles", Integer.MAX_VALUE),
                STRICT.integer(root, "contentBytes", MAX_CONTENT_BYTES), nodeKey.booleanValue(), recipients);
    }

    // ---- the sealed content

    /** What an entry of the content is. */
    public enum Kind {
        DATABASE, VAULT_FILE, NODE_KEY
    }

    /**
     * Lays the content out: the database, then the vault files in ascending address order, then the
     * node key if there is one, then the end mark. Each entry's bytes are copied from a stream and
     * must be as long as announced.
     */
    public static final class ContentWriter {
        private final DataOutputStream out;
        private final byte[] buffer = new byte[64 * 1024];

        public ContentWriter(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        public void database(long size, InputStream bytes) throws IOException {
            out.writeByte(KIND_DATABASE);
            copy(size, bytes);
        }

        /** A vault file at {@code address} (64 hex digits). */
        public void vaultFile(String address, long size, InputStream bytes) throws IOException {
            out.writeByte(KIND_VAULT);
            out.write(Hex.decode(address));
            copy(size, bytes);
        }

        public void nodeKey(byte[] bytes) throws IOException {
            out.writeByte(KIND_NODE_KEY);
            out.writeLong(bytes.length);
            out.write(bytes);
        }

        /** Writes the end mark; the caller closes the sealing stream after it. */
        public void end() throws IOException {
            out.writeByte(KIND_END);
            out.flush();
        }

        private void copy(long size, InputStream bytes) throws IOException {
            out.writeLong(size);
            long left = size;
            while (left > 0) {
                int read = bytes.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new EOFException("a file ended before its announced length");
                }
                out.write(buffer, 0, read);
                left -= read;
            }
            if (bytes.read() >= 0) {
                throw new IOException("a file grew while it was copied");
            }
        }
    }

    /** One entry of the content: what it is, its vault address (or null) and its length. */
    public record Entry(Kind kind, String address, long size) {
    }

    /**
     * Reads the content back in the order {@link ContentWriter} wrote it, refusing an entry out of
     * order, repeated, longer than its kind allows or than the header counts, and anything after the
     * end mark.
     */
    public static final class ContentReader {
        private final DataInputStream in;
        private final Header header;
        private long entryLeft;
        private long contentBytes;
        private long vaultFiles;
        private int lastKind = -1;
        private String lastAddress = "";
        private boolean ended;

        public ContentReader(InputStream in, Header header) {
            this.in = new DataInputStream(in);
            this.header = header;
        }

        /**
         * The next entry, or null after the end mark (having checked that nothing follows it and
         * that the counts are the header's). Its bytes are read from {@link #content()} before the
         * next call.
         */
        public Entry next() throws IOException {
            if (entryLeft > 0) {
                throw new IllegalStateException("the previous entry was not read to its end");
            }
            try {
                return readEntry();
            } catch (EOFException e) {
                throw damaged("it ends inside an entry");
            }
        }

        private Entry readEntry() throws IOException {
            int kind = readByte();
            if (kind == KIND_END) {
                if (lastKind < 0 || in.read() >= 0) {
                    throw damaged("it holds something after its end, or nothing before it");
                }
                if (vaultFiles != header.vaultFiles() || contentBytes != header.contentBytes()
                        || header.nodeKey() != (lastKind == KIND_NODE_KEY)) {
                    throw damaged("its content does not match what its header counts");
                }
                ended = true;
                return null;
            }
            boolean inOrder = switch (kind) {
                case KIND_DATABASE -> lastKind < 0;
                case KIND_VAULT -> lastKind == KIND_DATABASE || lastKind == KIND_VAULT;
                case KIND_NODE_KEY -> lastKind == KIND_DATABASE || lastKind == KIND_VAULT;
                default -> false;
            };
            if (!inOrder) {
                throw damaged("its entries are out of order");
            }
            String address = null;
            if (kind == KIND_VAULT) {
                byte[] digest = new byte[Sha256.LENGTH];
                in.readFully(digest);
                address = Hex.encode(digest);
                if (address.compareTo(lastAddress) <= 0) {
                    throw damaged("its vault files are out of order or repeated");
                }
                lastAddress = address;
                vaultFiles++;
            }
            long size = in.readLong();
            long limit = switch (kind) {
                case KIND_VAULT -> MAX_VAULT_FILE_BYTES;
                case KIND_NODE_KEY -> MAX_NODE_KEY_BYTES;
                default -> MAX_CONTENT_BYTES;
            };
            if (size < 0 || size > limit || size > header.contentBytes() - contentBytes) {
                throw damaged("an entry's length is out of range");
            }
            contentBytes += size;
            lastKind = kind;
            entryLeft = size;
            return new Entry(kind == KIND_DATABASE ? Kind.DATABASE : kind == KIND_VAULT ? Kind.VAULT_FILE
                    : Kind.NODE_KEY, address, size);
        }

        /** The current entry's bytes; reading past them gives -1. */
        public InputStream content() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    if (entryLeft == 0) {
                        return -1;
                    }
                    int read = in.read(bytes, offset, (int) Math.min(length, entryLeft));
                    if (read < 0) {
                        throw damaged("it ends inside an entry");
                    }
                    entryLeft -= read;
                    return read;
                }
            };
        }

        /** Whether the end mark was read. */
        public boolean ended() {
            return ended;
        }

        private int readByte() throws IOException {
            int read = in.read();
            if (read < 0) {
                throw damaged("it ends before its end mark");
            }
            return read;
        }
    }

    private static InvalidInputException damaged(String why) {
        return new InvalidInputException("This ClinicLedger backup is damaged: " + why + ".");
    }
}
