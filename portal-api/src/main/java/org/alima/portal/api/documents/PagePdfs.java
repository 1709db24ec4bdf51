package org.alima.portal.api.documents;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.files.StoredFile;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.multipdf.Splitter;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * One-page PDFs cut from stored PDF files with PDFBox's {@link Splitter} (fonts, images and links of the page kept),
 * on first request, then kept under {@code <data>/page-cache/<sha256>/<page>.pdf}: keyed by the file's hash, so a
 * file's pages are cut once whatever document or version holds it, and a cached page can never be of other bytes.
 * The cache is derived data (deleting it costs only the next cuts). Thread-safe: a page is written to a temporary
 * name and moved into place atomically, so concurrent first requests both cut and one wins.
 */
@Singleton
class PagePdfs {

    private final Path cache;

    PagePdfs(@Value("${portal.data-dir}") String dataDirectory) {
        this.cache = Path.of(dataDirectory).toAbsolutePath().normalize().resolve("page-cache");
    }

    /** A cut page: where it is and its size. */
    record Cut(Path path, long size) {}

    /**
     * The one-page PDF of page {@code page} of {@code file}, a PDF.
     *
     * @throws PageOutOfRangeException when the PDF has fewer pages
     * @throws PageUnavailableException when the file cannot be read as a PDF
     */
    Cut of(StoredFile file, int page) {
        Path target = cache.resolve(file.sha256()).resolve(page + ".pdf");
        try {
            if (!Files.exists(target)) {
                cut(file, page, target);
            }
            return new Cut(target, Files.size(target));
        } catch (IOException e) {
            if (Files.exists(target)) {
                throw new UncheckedIOException("Cannot read the cached page " + target, e);
            }
            throw PageUnavailableException.cannotCut(file.documentId(), page, e);
        }
    }

    private static void cut(StoredFile file, int page, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(page + "." + UUID.randomUUID() + ".part");
        // Read from the file and scratch on disk, not the heap: a 300-page PDF costs its pages' objects only.
        try (PDDocument whole = Loader.loadPDF(file.path().toFile(), IOUtils.createTempFileOnlyStreamCache())) {
            int count = whole.getNumberOfPages();
            if (page > count) {
                throw new PageOutOfRangeException(file.documentId(), page, count);
            }
            Splitter splitter = new Splitter();
            splitter.setStartPage(page);
            splitter.setEndPage(page);
            splitter.setSplitAtPage(1);
            List<PDDocument> parts = splitter.split(whole);
            try (PDDocument one = parts.getFirst()) {
                one.save(part.toFile());
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
