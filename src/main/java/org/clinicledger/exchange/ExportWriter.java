package org.clinicledger.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.UnaryOperator;

import org.clinicledger.store.TableRows;

/**
 * Writes an export file section by section to a stream, hashing every byte as it goes, in
 * constant memory: encrypted files are copied through one buffer. The caller writes the header,
 * the rows in {@link TableRows#ALL}'s order, the files and at most one machine grant, then
 * {@link #finish} signs the trailer. It is not thread-safe; one export, one writer.
 */
public final class ExportWriter {

    private final OutputStream out;
    private final MessageDigest digest;
    private final byte[] buffer = new byte[ExportFile.MAX_DATA_BYTES];
    private final String clinic;
    private final String node;
    private long bytes;
    private long rows;
    private long files;
    private long fileBytes;
    private int lastTable = -1;

    /** Starts the file with the format line and {@code header}. */
    public ExportWriter(OutputStream out, ExportHeader header) throws IOException {
        this.out = out;
        this.clinic = header.clinic();
        this.node = header.node();
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        write(ExportFile.MAGIC, 0, ExportFile.MAGIC.length);
        section(ExportFile.HEADER, ExportFile.header(header));
    }

    public void row(TableRows.Table table, Object[] values) throws IOException {
        int index = TableRows.ALL.indexOf(table);
        if (index < lastTable || files > 0) {
            throw new IllegalStateException("Rows are written table by table, before the files");
        }
        lastTable = index;
        section(ExportFile.ROW, ExportFile.row(table, values));
        rows++;
    }

    /** Copies one encrypted file of {@code size} bytes from {@code content}. */
    public void file(String address, long size, InputStream content) throws IOException {
        section(ExportFile.FILE, ExportFile.fileStart(address, size));
        long left = size;
        while (left > 0) {
            int want = (int) Math.min(buffer.length, left);
            int read = content.readNBytes(buffer, 0, want);
            if (read != want) {
                throw new IOException("The encrypted file " + address + " is shorter than it was a moment ago");
            }
            sectionHeader(ExportFile.DATA, read);
            write(buffer, 0, read);
            left -= read;
        }
        files++;
        fileBytes += size;
    }

    public void machine(MachineGrant grant) throws IOException {
        section(ExportFile.MACHINE, ExportFile.machine(grant));
    }

    /**
     * Writes the trailer: {@code sign} turns its text into a C2SP signed note by the exporting
     * machine's key. Returns the bytes written in all.
     */
    public long finish(UnaryOperator<String> sign) throws IOException {
        // The digest covers every byte up to and including the trailer's type.
        write(new byte[] {ExportFile.TRAILER}, 0, 1);
        String text = ExportFile.trailerText(clinic, node, rows, files, fileBytes, bytes, digest.digest());
        byte[] note = sign.apply(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int length = note.length;
        out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        out.write(note);
        bytes += 4 + length;
        out.flush();
        return bytes;
    }

    public long rows() {
        return rows;
    }

    public long files() {
        return files;
    }

    public long fileBytes() {
        return fileBytes;
    }

    private void section(byte type, byte[] body) throws IOException {
        sectionHeader(type, body.length);
        write(body, 0, body.length);
    }

    private void sectionHeader(byte type, int length) throws IOException {
        byte[] header = {type, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        write(header, 0, header.length);
    }

    private void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        digest.update(data, offset, length);
        bytes += length;
    }
}
