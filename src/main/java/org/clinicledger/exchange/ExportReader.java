package org.clinicledger.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.Progress;
import org.clinicledger.store.TableRows;

/**
 * Reads an export file strictly, in constant memory, handing each section to a {@link Sink} as
 * soon as it is read and checked: the order of sections, every length against its limit before
 * the bytes are read, every row against its table's columns, every file against its address,
 * and at the end the trailer's counts and digest against what was read, and that nothing
 * follows. The trailer's signature is the caller's to check (see {@link ExportTrailer}).
 * Anything else is refused with one sentence starting "This is not a ClinicLedger export file".
 */
public final class ExportReader {

    /** Receives what the file holds, in order. Anything it throws stops the reading. */
    public interface Sink {
        void header(ExportHeader header);

        void row(TableRows.Table table, Object[] values);

        /** Where the bytes of one encrypted file go; {@link FileSink#finish} only after its address checked. */
        FileSink file(String address, long size);

        void machine(MachineGrant grant);
    }

    /** One encrypted file being received. */
    public interface FileSink {
        void write(byte[] bytes, int offset, int length);

        /** Every byte arrived and hashes to the address. */
        void finish();
    }

    private final InputStream in;
    private final MessageDigest digest;
    private final byte[] buffer = new byte[ExportFile.MAX_DATA_BYTES];
    private long position;

    private ExportReader(InputStream in) {
        this.in = in;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the whole file from {@code in} (of {@code size} bytes, or -1 when unknown, for progress)
     * into {@code sink}; returns the trailer once everything before it checked.
     */
    public static ExportTrailer read(InputStream in, long size, Sink sink, Progress progress, Cancel cancel)
            throws IOException {
        return new ExportReader(in).readAll(size, sink, progress, cancel);
    }

    private ExportTrailer readAll(long size, Sink sink, Progress progress, Cancel cancel) throws IOException {
        byte[] magic = in.readNBytes(ExportFile.MAGIC.length);
        if (!MessageDigest.isEqual(magic, ExportFile.MAGIC)) {
            throw ExportFile.refused("it does not start with '" + ExportFile.FORMAT + "'"
                    + (magic.length > 20 && new String(magic, 0, 20, java.nio.charset.StandardCharsets.US_ASCII)
                            .startsWith("clinicledger-export/") ? " (it may be of a newer version)" : ""));
        }
        hash(magic, magic.length);
        position = magic.length;
        int type = nextType();
        if (type != ExportFile.HEADER) {
            throw ExportFile.refused("it has no header");
        }
        ExportHeader header = ExportFile.readHeader(body(ExportFile.MAX_HEADER_BYTES, "header"));
        sink.header(header);
        long rows = 0;
        long files = 0;
        long fileBytes = 0;
        int lastTable = -1;
        boolean machine = false;
        type = nextType();
        while (type == ExportFile.ROW) {
            ExportFile.Row row = ExportFile.readRow(body(ExportFile.MAX_ROW_BYTES, "row"));
            int index = TableRows.ALL.indexOf(row.table());
            if (index < lastTable) {
                throw ExportFile.refused("its rows are out of order");
            }
            lastTable = index;
            if (++rows > ExportFile.MAX_ROWS) {
                throw ExportFile.refused("it holds more rows than any export may");
            }
            sink.row(row.table(), row.values());
            if ((rows & 1023) == 0) {
                cancel.check("The import was cancelled; nothing was changed.");
                progress.update(position, size, "Reading rows…");
            }
            type = nextType();
        }
        while (type == ExportFile.FILE) {
            ExportFile.FileStart start = ExportFile.readFileStart(body(ExportFile.MAX_FILE_START_BYTES, "file"));
            if (++files > ExportFile.MAX_FILES) {
                throw ExportFile.refused("it holds more files than any export may");
            }
            readFile(start, sink.file(start.address(), start.size()), size, progress, cancel);
            fileBytes += start.size();
            type = nextType();
        }
        if (type == ExportFile.MACHINE) {
            sink.machine(ExportFile.readMachine(body(ExportFile.MAX_MACHINE_BYTES, "machine")));
            machine = true;
            type = nextType();
        }
        if (type != ExportFile.TRAILER) {
            throw ExportFile.refused(type == -1 ? "it ends before its trailer (it was cut short)"
                    : "it has a section out of place" + (machine ? " after the machine grant" : ""));
        }
        long bodyBytes = position;
        byte[] computed = digest.digest();
        ExportTrailer trailer = ExportFile.readTrailer(bodyUnhashed(ExportFile.MAX_TRAILER_BYTES, "trailer"));
        if (in.read() != -1) {
            throw ExportFile.refused("bytes follow its trailer");
        }
        if (!MessageDigest.isEqual(computed, trailer.digest())) {
            throw ExportFile.refused("its contents do not match the digest its trailer signs: it was changed");
        }
        if (trailer.rows() != rows || trailer.files() != files || trailer.fileBytes() != fileBytes
                || trailer.bodyBytes() != bodyBytes) {
            throw ExportFile.refused("its trailer's counts do not match its contents");
        }
        if (!trailer.clinic().equals(header.clinic()) || !trailer.node().equals(header.node())) {
            throw ExportFile.refused("its trailer names another clinic or machine than its header");
        }
        progress.update(position, size, "Read");
        return trailer;
    }

    private void readFile(ExportFile.FileStart start, FileSink sink, long size, Progress progress, Cancel cancel)
            throws IOException {
        MessageDigest file;
        try {
            file = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long left = start.size();
        while (left > 0) {
            if (nextType() != ExportFile.DATA) {
                throw ExportFile.refused("the file " + start.address() + " ends before its size");
            }
            int length = length(ExportFile.MAX_DATA_BYTES, "data");
            if (length == 0 || length > left) {
                throw ExportFile.refused("the file " + start.address() + " has a piece beyond its size");
            }
            readFully(buffer, length);
            hash(buffer, length);
            file.update(buffer, 0, length);
            sink.write(buffer, 0, length);
            left -= length;
            cancel.check("The import was cancelled; nothing was changed.");
            progress.update(position, size, "Reading encrypted files…");
        }
        if (!MessageDigest.isEqual(file.digest(), Hex.decode(start.address()))) {
            throw ExportFile.refused("the file " + start.address() + " does not match its address: it was changed");
        }
        sink.finish();
    }

    /** The next section's type, or -1 at the end of the file. */
    private int nextType() throws IOException {
        int type = in.read();
        if (type == -1) {
            return -1;
        }
        position++;
        digest.update((byte) type);
        return type;
    }

    private int length(int max, String what) throws IOException {
        byte[] length = new byte[4];
        readFully(length, 4);
        hash(length, 4);
        long value = ((length[0] & 0xffL) << 24) | ((length[1] & 0xff) << 16) | ((length[2] & 0xff) << 8)
                | (length[3] & 0xff);
        if (value > max) {
            throw ExportFile.refused("a " + what + " section is longer than " + max + " bytes");
        }
        return (int) value;
    }

    private byte[] body(int max, String what) throws IOException {
        int length = length(max, what);
        byte[] body = new byte[length];
        readFully(body, length);
        hash(body, length);
        return body;
    }

    /** The trailer's length and note: the digest covers every byte before them, the trailer's type included. */
    private byte[] bodyUnhashed(int max, String what) throws IOException {
        byte[] length = new byte[4];
        readFully(length, 4);
        long value = ((length[0] & 0xffL) << 24) | ((length[1] & 0xff) << 16) | ((length[2] & 0xff) << 8)
                | (length[3] & 0xff);
        if (value > max) {
            throw ExportFile.refused("a " + what + " section is longer than " + max + " bytes");
        }
        byte[] body = new byte[(int) value];
        readFully(body, body.length);
        return body;
    }

    private void readFully(byte[] into, int length) throws IOException {
        int read = in.readNBytes(into, 0, length);
        position += read;
        if (read != length) {
            throw ExportFile.refused("it ends in the middle of a section (it was cut short)");
        }
    }

    private void hash(byte[] bytes, int length) {
        digest.update(bytes, 0, length);
    }
}
