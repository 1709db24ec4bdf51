package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts PDFs with PDFBox; stateless and thread-safe (each call loads its own document).
 *
 * <p>A page is a PDF page, numbered as a viewer numbers it (1 = first page of the file, whatever its printed label).
 *
 * <p>Encrypted files are opened with the empty user password, which is how a PDF that anyone may open but that
 * forbids copying is built; its text is extracted although the copy permission is off, since the text only feeds a
 * search index that points readers to the document itself, which they can open freely, and is not redistributed. A
 * file that needs a real password is {@link FailureKind#ENCRYPTED}. PDFBox's lenient parser rebuilds many damaged
 * files; whatever it recovers is a success, and only a file it cannot open, or of which no page gives text because
 * pages are damaged, is {@link FailureKind#MALFORMED}.
 *
 * <p>The stream cache keeps at most {@code maxMainMemoryBytes} of decoded streams on the heap and spills the rest to
 * temporary files, which PDFBox deletes when the document is closed.
 */
final class PdfExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(PdfExtractor.class);

    private PdfExtractor() {}

    static ExtractionResult extract(Path file, PageAssembler pages, Deadline deadline, long maxMainMemoryBytes) {
        String mediaType = Format.PDF.mediaType();
        PDDocument document;
        RandomAccessReadBufferedFile source = null;
        try {
            source = new RandomAccessReadBufferedFile(file);
            document = Loader.loadPDF(
                    source, "", null, null, MemoryUsageSetting.setupMixed(maxMainMemoryBytes).streamCache);
        } catch (InvalidPasswordException e) {
            close(source);
            return new ExtractionResult.Failed(mediaType, FailureKind.ENCRYPTED, 0, "an opening password is required");
        } catch (IOException | RuntimeException e) {
            close(source);
            return new ExtractionResult.Failed(mediaType, FailureKind.MALFORMED, 0, FailureDetail.of(e));
        }
        try {
            return read(file, document, pages, deadline);
        } finally {
            try {
                document.close();
            } catch (IOException e) {
                // the text is already read; only temporary files may be left for the OS to clean
                LOG.warn("{}: could not close the PDF cleanly: {}", file.getFileName(), FailureDetail.of(e));
            }
        }
    }

    private static ExtractionResult read(Path file, PDDocument document, PageAssembler pages, Deadline deadline) {
        String mediaType = Format.PDF.mediaType();
        int pageCount = document.getNumberOfPages();
        deadline.check("opening, before page 1 of " + pageCount);
        PdfPageStripper stripper = new PdfPageStripper(deadline, pages.maxCharacters(), pageCount);
        boolean complete = true;
        try {
            stripper.read(document);
        } catch (ExtractionTimeoutException timeout) {
            throw timeout;
        } catch (IOException | RuntimeException e) {
            // the document itself (its page tree, say) broke off part-way: keep the pages read before, if any
            if (stripper.pagesRead(false) == 0) {
                return new ExtractionResult.Failed(mediaType, FailureKind.MALFORMED, pageCount, FailureDetail.of(e));
            }
            LOG.warn(
                    "{}: reading stopped after page {} of {}: {}",
                    file.getFileName(),
                    stripper.pagesRead(false),
                    pageCount,
                    FailureDetail.of(e));
            complete = false;
        }
        int read = stripper.pagesRead(complete);
        for (int number = 1; number <= read; number++) {
            deadline.check("cleaning page " + number + " of " + pageCount);
            if (!pages.add(stripper.text(number), stripper.drawsImage(number))) {
                break;
            }
        }
        if (stripper.stoppedAtCap()) {
            pages.markTruncated();
        }
        if (stripper.damagedPages() > 0) {
            if (!pages.hasText()) {
                return new ExtractionResult.Failed(
                        mediaType,
                        FailureKind.MALFORMED,
                        pageCount,
                        stripper.damagedPages() + " of " + pageCount + " pages are damaged; " + stripper.firstDamage());
            }
            LOG.warn(
                    "{}: {} of {} pages damaged, their text may be incomplete ({})",
                    file.getFileName(),
                    stripper.damagedPages(),
                    pageCount,
                    stripper.firstDamage());
        }
        // Document information and XMP come first; many files carry no title there, so the first page's headline is
        // offered after them, and only taken when the metadata had none.
        return pages.result(mediaType, PdfMetadataReader.read(document).title(stripper.firstPageTitle()));
    }

    private static void close(RandomAccessReadBufferedFile source) {
        if (source != null) {
            try {
                source.close();
            } catch (IOException e) {
                LOG.debug("could not close {}", source, e);
            }
        }
    }
}
