package org.alima.portal.indexer.extract;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Writes small PDFs with PDFBox for the tests: real files, made by the same library that reads them back. */
final class PdfFixtures {

    static final PDFont HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final float TOP = 740;
    private static final float LEADING = 14;

    private PdfFixtures() {}

    /** One page per element, each page the given lines from the top left, in Helvetica (WinAnsi: French accents). */
    static Path pages(Path file, List<List<String>> pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (List<String> lines : pages) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    writeLines(content, HELVETICA, 11, 50, TOP, lines);
                }
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** One page: a headline in large type, then body lines in 10-point type; no title in the metadata. */
    static Path headlineThenBody(Path file, String headline, float headlineSize, List<String> body) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                writeLines(content, HELVETICA, headlineSize, 50, TOP, List.of(headline));
                writeLines(content, HELVETICA, 10, 50, TOP - 60, body);
            }
            document.save(file.toFile());
        }
        return file;
    }

    /**
     * One page with two columns, written into the content stream column after column, as LaTeX and layout programs
     * do; both columns' lines share their heights, so reading across the page mixes them.
     */
    static Path twoColumns(Path file, List<String> left, List<String> right) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                writeLines(content, HELVETICA, 10, 50, TOP, left);
                writeLines(content, HELVETICA, 10, 320, TOP, right);
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** Pages that show an image and, optionally, a few characters of text (a page number under a scan). */
    static Path imagePages(Path file, int count, String textUnderImage) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDImageXObject scan = LosslessFactory.createFromImage(document, scanLikeImage());
            for (int i = 0; i < count; i++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(scan, 50, 200, 500, 500);
                    if (textUnderImage != null) {
                        writeLines(content, HELVETICA, 9, 300, 100, List.of(textUnderImage));
                    }
                }
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** A page of text followed by a page that is only an image. */
    static Path textThenImagePage(Path file, List<String> lines) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage text = new PDPage(PDRectangle.LETTER);
            document.addPage(text);
            try (PDPageContentStream content = new PDPageContentStream(document, text)) {
                writeLines(content, HELVETICA, 11, 50, TOP, lines);
            }
            PDPage image = new PDPage(PDRectangle.LETTER);
            document.addPage(image);
            try (PDPageContentStream content = new PDPageContentStream(document, image)) {
                content.drawImage(LosslessFactory.createFromImage(document, scanLikeImage()), 50, 200, 500, 500);
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** Pages with an empty content stream: nothing to read, nothing to see. */
    static Path blankPages(Path file, int count) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < count; i++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.setStrokingColor(Color.WHITE);
                }
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** Lines in Liberation Sans (the TrueType font inside PDFBox's jar), which has glyphs for the fi and fl ligatures. */
    static Path unicodeFontPage(Path file, List<String> lines) throws IOException {
        try (PDDocument document = new PDDocument();
                InputStream ttf = PDFont.class.getResourceAsStream(
                        "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            PDFont font = PDType0Font.load(document, ttf);
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                writeLines(content, font, 11, 50, TOP, lines);
            }
            document.save(file.toFile());
        }
        return file;
    }

    static void writeLines(PDPageContentStream content, PDFont font, float size, float x, float top, List<String> lines)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, top);
        for (String line : lines) {
            content.showText(line);
            content.newLineAtOffset(0, -LEADING);
        }
        content.endText();
    }

    private static BufferedImage scanLikeImage() {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.setColor(Color.DARK_GRAY);
        for (int y = 20; y < 180; y += 12) {
            g.fillRect(20, y, 160, 4);
        }
        g.dispose();
        return image;
    }
}
