package org.clinicledger.exchange;

/**
 * The last section of an export file, as read: the counts it declares (checked against what came
 * before it), the SHA-256 of every byte before it (checked too) and the whole C2SP signed note
 * that carries them, whose signature the caller checks with the exporting machine's key once the
 * rows have shown which key that is.
 */
public record ExportTrailer(String clinic, String node, long rows, long files, long fileBytes, long bodyBytes,
        byte[] digest, String note) {

    public ExportTrailer {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
