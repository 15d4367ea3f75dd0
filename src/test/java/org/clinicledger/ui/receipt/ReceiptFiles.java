package org.clinicledger.ui.receipt;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import org.clinicledger.clinic.ReceiptService;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.Receipt;
import org.clinicledger.domain.RecordId;
import org.clinicledger.exchange.ReceiptCode;

/**
 * What a patient brings to a check, made through the real services: a receipt's PDF, the copy of
 * the record, and forgeries of the receipt (its code with one hex digit changed, drawn as a QR code
 * in a PNG, as a scan of an altered paper would be).
 */
public final class ReceiptFiles {

    public final Receipt receipt;
    public final Path pdf;
    public final Path copy;

    /** The receipt and copy of the newest version of {@code recordId}, written into {@code folder}. */
    public ReceiptFiles(Workspace workspace, Session reader, RecordId recordId, Path folder) throws IOException {
        receipt = workspace.receipts().receipt(reader, recordId, null);
        pdf = Files.write(folder.resolve("receipt.pdf"), ReceiptService.receiptPdf(receipt, PaperSize.A4));
        copy = Files.write(folder.resolve("copy.json"), workspace.receipts().copy(reader, recordId, null).bytes());
    }

    /** The text the receipt's QR code carries. */
    public String code() {
        return ReceiptCode.encode(receipt);
    }

    /** The code with the printed record hash's first digit changed. */
    public String codeWithAnotherRecordHash() {
        return code().replace("record " + receipt.recordHash(), "record " + changedFirstDigit(receipt.recordHash()));
    }

    /** The code with the printed block hash's first digit changed. */
    public String codeWithAnotherBlockHash() {
        return code().replace("block " + receipt.blockHash(), "block " + changedFirstDigit(receipt.blockHash()));
    }

    /** {@code code} drawn as a QR code in a PNG file named {@code name} in {@code folder}. */
    public static Path png(Path folder, String name, String code) throws IOException, WriterException {
        BitMatrix matrix = new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, 800, 800,
                Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 4));
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xffffff);
            }
        }
        Path file = folder.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    public static String changedFirstDigit(String hex) {
        return (hex.charAt(0) == '0' ? '1' : '0') + hex.substring(1);
    }
}
