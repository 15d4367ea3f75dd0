package org.clinicledger.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;

import com.google.zxing.common.BitMatrix;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PaperSize;

/**
 * The slip a patient takes home from the desk: the clinic's name, the patient's name, their MRN
 * large and grouped as they will type it, a QR code of the MRN (its nine digits, nothing else), the
 * date, and how to sign in. Drawn with the receipt's fonts and layout ({@link ReceiptPdf}), so names
 * in any script print the same way and controls never reach the page. It names no diagnosis, no
 * record and no password.
 */
public final class RegistrationSlipPdf {

    public static final String TITLE = "Registration slip";

    private RegistrationSlipPdf() {
    }

    /** The slip as PDF bytes, one page of {@code paper}. */
    public static byte[] render(String clinicName, String patientName, MedicalRecordNumber mrn, LocalDate date,
            PaperSize paper) {
        BitMatrix code = ReceiptPdf.qrCode(mrn.digits());
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle(TITLE);
            PDRectangle sheet = ReceiptPdf.sheet(paper);
            PDPage page = new PDPage(sheet);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                ReceiptPdf.Layout layout = new ReceiptPdf.Layout(content, sheet, ReceiptPdf.Fonts.load(document));
                float width = sheet.getWidth() - 2 * ReceiptPdf.MARGIN;
                float left = ReceiptPdf.MARGIN;
                content.setNonStrokingColor(0f);
                layout.text(layout.sansBold, 20, TITLE, left, width, 1);
                layout.y -= 6;
                layout.text(layout.sansBold, 14, clinicName, left, width, 2);
                layout.y -= 18;
                layout.text(layout.sans, 11, "Patient", left, width, 1);
                layout.text(layout.sansBold, 16, patientName, left, width, 3);
                layout.y -= 12;
                layout.text(layout.sans, 11, "Medical record number (MRN)", left, width, 1);
                layout.y -= 6;
                layout.text(layout.monoBold, 40, mrn.formatted(), left, width, 1);
                layout.y -= 12;
                layout.text(layout.sans, 11, "Registered on " + date, left, width, 1);
                layout.y -= 16;
                float qrBottom = layout.y - ReceiptPdf.QR_SIZE;
                layout.qr(code, left, qrBottom);
                layout.y = qrBottom - 16;
                layout.text(layout.sansBold, 11, "How to sign in", left, width, 1);
                layout.y -= 4;
                layout.text(layout.sans, 10.5f, "Sign in to ClinicLedger at the clinic with your MRN as the username "
                        + "and the passphrase you chose at the desk. The QR code holds your MRN only.", left, width, 3);
                layout.y -= 4;
                layout.text(layout.sans, 10.5f, "This slip holds no health information and no passphrase.", left,
                        width, 2);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException inMemory) {
            throw new UncheckedIOException("Writing a registration slip in memory failed", inMemory);
        }
    }
}
