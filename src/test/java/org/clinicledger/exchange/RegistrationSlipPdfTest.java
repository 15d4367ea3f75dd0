package org.clinicledger.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.LocalDate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.testing.QrCodeReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RegistrationSlipPdfTest {

    private static final MedicalRecordNumber MRN = new MedicalRecordNumber("123456782");

    @ParameterizedTest
    @EnumSource(PaperSize.class)
    void theSlipNamesTheClinicThePatientTheMrnGroupedTheDateAndHowToSignIn(PaperSize paper) throws Exception {
        byte[] pdf = RegistrationSlipPdf.render("Riverside Family Clinic", "Ada Byron", MRN, LocalDate.of(2026, 11, 27),
                paper);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            PDRectangle sheet = paper == PaperSize.A4 ? PDRectangle.A4 : PDRectangle.LETTER;
            assertThat(document.getPage(0).getMediaBox().getWidth()).isEqualTo(sheet.getWidth());
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Registration slip", "Riverside Family Clinic", "Ada Byron", "1234-5678-2",
                    "Registered on 2026-11-27", "How to sign in", "MRN as the username");
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.RGB);
            assertThat(QrCodeReading.decode(page)).isEqualTo("123456782");
        }
    }

    @Test
    void namesInOtherScriptsAndControlCharactersNeverBreakThePage() throws IOException {
        byte[] pdf = RegistrationSlipPdf.render("Clinic\u0007\u202E", "Ἀριστοτέλης Ωμέγα 王小明 \u0000",
                MRN, LocalDate.of(2026, 11, 27), PaperSize.A4);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Ἀριστοτέλης Ωμέγα", "\\u0007", "\\u202e", "1234-5678-2").doesNotContain("\u0000");
        }
    }
}
