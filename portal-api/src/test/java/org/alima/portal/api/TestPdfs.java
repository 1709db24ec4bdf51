package org.alima.portal.api;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** PDFs made for a test: real files written by PDFBox, or a real PDF cut short. Each is unique (a random id). */
public final class TestPdfs {

    private TestPdfs() {}

    /**
     * Pages that are each either a scan (an image, no text) or a line of text, in the order given: {@code true} for a
     * scanned page.
     */
    public static byte[] pages(boolean... scanned) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDImageXObject scan = LosslessFactory.createFromImage(document, scanLikeImage());
            for (boolean isScan : scanned) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    if (isScan) {
                        content.drawImage(scan, 50, 200, 480, 480);
                    } else {
                        content.beginText();
                        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                        content.newLineAtOffset(50, 750);
                        content.showText("Protocol text " + UUID.randomUUID());
                        content.endText();
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pages made as a scanner makes them, one per entry: an entry whose first line is "SCAN" becomes a page that is
     * only a grey image (200 dpi) of the lines that follow, typeset by PDFBox and rendered; any other entry is a page
     * of text.
     */
    public static byte[] scanned(java.util.List<java.util.List<String>> pages) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (java.util.List<String> lines : pages) {
                boolean scan = !lines.isEmpty() && lines.getFirst().equals("SCAN");
                java.util.List<String> text = scan ? lines.subList(1, lines.size()) : lines;
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    if (scan) {
                        PDImageXObject image = LosslessFactory.createFromImage(document, rendered(text));
                        content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                    } else {
                        typeset(content, text);
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage rendered(java.util.List<String> lines) throws IOException {
        try (PDDocument typeset = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            typeset.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(typeset, page)) {
                typeset(content, lines);
            }
            return new org.apache.pdfbox.rendering.PDFRenderer(typeset)
                    .renderImageWithDPI(0, 200, org.apache.pdfbox.rendering.ImageType.GRAY);
        }
    }

    private static void typeset(PDPageContentStream content, java.util.List<String> lines) throws IOException {
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

    /** The first {@code length} bytes of a test PDF, as a broken download leaves it. */
    public static byte[] truncated(String name, int length) {
        byte[] cut = Arrays.copyOf(Api.resource(name), length);
        byte[] unique = ("\n%" + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(cut, cut.length + unique.length);
        System.arraycopy(unique, 0, out, cut.length, unique.length);
        return out;
    }

    /** Grey noise with dark strokes: what a scanned page looks like to a PDF reader (an image, no text). */
    private static BufferedImage scanLikeImage() {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 400);
        g.setColor(Color.DARK_GRAY);
        for (int y = 20; y < 380; y += 16) {
            g.fillRect(20, y, 300 + (y % 60), 6);
        }
        g.dispose();
        return image;
    }
}
