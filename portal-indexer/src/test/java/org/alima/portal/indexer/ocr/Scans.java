package org.alima.portal.indexer.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * PDFs whose pages are scans of text, made as a scanner makes them: each page is typeset by PDFBox, rendered to a
 * grey image at 200 dpi, and that image alone is put on a page of a new PDF, with no text layer.
 */
public final class Scans {

    private Scans() {}

    /**
     * A PDF at {@code file} with a page per entry of {@code pages}: a page whose entry starts with "SCAN " is a scan
     * of the lines that follow (the prefix is not part of its text), any other is ordinary text.
     */
    public static Path of(Path file, List<List<String>> pages) throws IOException {
        try (PDDocument out = new PDDocument()) {
            for (List<String> lines : pages) {
                boolean scan = !lines.isEmpty() && lines.getFirst().equals("SCAN");
                List<String> text = scan ? lines.subList(1, lines.size()) : lines;
                PDPage page = new PDPage(PDRectangle.A4);
                out.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(out, page)) {
                    if (scan) {
                        PDImageXObject image = LosslessFactory.createFromImage(out, render(text));
                        content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                    } else {
                        typeset(content, text);
                    }
                }
            }
            out.save(file.toFile());
        }
        return file;
    }

    private static BufferedImage render(List<String> lines) throws IOException {
        try (PDDocument typeset = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            typeset.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(typeset, page)) {
                typeset(content, lines);
            }
            return new PDFRenderer(typeset).renderImageWithDPI(0, 200, ImageType.GRAY);
        }
    }

    private static void typeset(PDPageContentStream content, List<String> lines) throws IOException {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 13);
        content.setLeading(20);
        content.newLineAtOffset(60, 760);
        for (String line : lines) {
            content.showText(line);
            content.newLine();
        }
        content.endText();
    }
}
