package org.alima.portal.indexer.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads the scanned pages of a PDF by OCR: each page is rendered in grey by PDFBox at {@link #DPI} (less for a page
 * so large that it would pass {@link #MAX_PIXELS}) and handed to {@link Tesseract}. Pages are read one at a time and
 * each is given to the caller as soon as it is done, so that a caller that stores them can resume after a crash.
 * Thread-safe: nothing is shared between calls.
 */
public final class ScannedPages {

    /** Tesseract reads body text best at about 300 dots per inch. */
    public static final int DPI = 300;

    /** An A4 page at 300 dpi is 8.7 million pixels; a poster is rendered at a lower resolution to stay within this. */
    static final long MAX_PIXELS = 25_000_000L;

    private final Tesseract tesseract;
    private final Duration perPage;
    private final Duration perDocument;

    /**
     * @param perPage the time one page may take before Tesseract is stopped and the page recorded as failed
     * @param perDocument the time a document may take: the pages not started by then are recorded as failed
     */
    public ScannedPages(Tesseract tesseract, Duration perPage, Duration perDocument) {
        this.tesseract = tesseract;
        this.perPage = perPage;
        this.perDocument = perDocument;
    }

    /** Receives each page as it is read. */
    @FunctionalInterface
    public interface PageDone {
        void accept(OcrPage page) throws IOException;
    }

    /**
     * Reads {@code pages} of the PDF at {@code file}.
     *
     * @param language ISO 639-1 code of the document's language, or null
     * @throws IOException when the PDF cannot be opened, or {@code done} fails
     */
    public void read(Path file, List<Integer> pages, String language, PageDone done) throws IOException {
        long deadline = System.nanoTime() + perDocument.toNanos();
        String languages = tesseract.languagesFor(language);
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBufferedFile(file.toFile()),
                "",
                null,
                null,
                MemoryUsageSetting.setupMixed(64L << 20).streamCache)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int number : pages) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (number < 1 || number > document.getNumberOfPages()) {
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    done.accept(new OcrPage(
                            number,
                            "",
                            null,
                            "not read: the document's OCR time of " + perDocument.toMinutes() + " min was used up"));
                    continue;
                }
                done.accept(readPage(document, renderer, number, languages));
            }
        }
    }

    private OcrPage readPage(PDDocument document, PDFRenderer renderer, int number, String languages)
            throws IOException {
        int dpi = dpiFor(document.getPage(number - 1));
        Path image = Files.createTempFile("portal-ocr-page-", ".png");
        try {
            BufferedImage rendered;
            try {
                rendered = renderer.renderImageWithDPI(number - 1, dpi, ImageType.GRAY);
            } catch (IOException | RuntimeException e) {
                return new OcrPage(number, "", null, "the page cannot be rendered: " + e.getMessage());
            }
            ImageIO.write(rendered, "png", image.toFile());
            OcrText text = tesseract.read(image, languages, dpi, perPage);
            return new OcrPage(number, text.text(), text.meanConfidence(), null);
        } catch (OcrException e) {
            return new OcrPage(number, "", null, e.getMessage());
        } finally {
            Files.deleteIfExists(image);
        }
    }

    /** {@link #DPI}, or less when the page is so large that the image would pass {@link #MAX_PIXELS}. */
    static int dpiFor(PDPage page) {
        PDRectangle box = page.getCropBox();
        double inches = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
        if (inches <= 0) {
            return DPI;
        }
        double most = Math.sqrt(MAX_PIXELS / inches);
        return (int) Math.max(72, Math.min(DPI, Math.floor(most)));
    }
}
