package org.alima.portal.api.indexing;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.files.FileStore;
import org.alima.portal.api.files.StoredFile;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.DocumentMetadata;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.FailureKind;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.extract.StudyDesignRules;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.InvalidDocumentException;
import org.alima.portal.indexer.ocr.OcrPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a stored document searchable: checks that its bytes are still those uploaded, extracts its pages of text with
 * portal-indexer's {@link DocumentExtractor} as the format decided at upload, and puts them with the document's metadata from PostgreSQL into the
 * {@link SearchIndex}, committed before it returns. Stateless and thread-safe.
 *
 * <p>A file that cannot give text fails for good with the extractor's advice (damaged, password-protected, empty,
 * unsupported, too large); a file that took too long is tried twice more at most, since the machine may have been
 * busy. Scanned pages are read by OCR in the background ({@link OcrWorker}) when the server has it: the text it read
 * is put in place of those pages here, and until then a document with some text is indexed without them, and one
 * with none waits, saying so.
 */
@Singleton
final class DocumentIndexer implements DocumentProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentIndexer.class);

    /** Tries of a document that timed out: the first and two more. */
    static final int TIMEOUT_ATTEMPTS = 3;

    private final FileStore files;
    private final DocumentExtractor extractor;
    private final SearchIndex index;
    private final CollectionMemberships collections;
    private final IndexingMetrics metrics;
    private final OcrJobs ocr;
    private final OcrEngine engine;
    private final Optional<OcrWorker> ocrWorker;

    DocumentIndexer(
            FileStore files,
            DocumentExtractor extractor,
            SearchIndex index,
            CollectionMemberships collections,
            IndexingMetrics metrics,
            OcrJobs ocr,
            OcrEngine engine,
            Optional<OcrWorker> ocrWorker) {
        this.files = files;
        this.extractor = extractor;
        this.index = index;
        this.collections = collections;
        this.metrics = metrics;
        this.ocr = ocr;
        this.engine = engine;
        this.ocrWorker = ocrWorker;
    }

    @Override
    public ProcessingOutcome process(StoredDocument document) {
        StoredFile stored = document.file();
        ProcessingOutcome.Failed changed = changedSinceUpload(stored);
        if (changed != null) {
            return changed;
        }
        ExtractionResult result;
        try {
            result = extractor.extract(stored.path(), stored.format());
        } catch (UncheckedIOException e) {
            LOG.warn("Cannot read the stored file of document {}", document.documentId(), e);
            return new ProcessingOutcome.Failed(
                    ProcessingFailure.FILE_UNREADABLE,
                    "the stored file cannot be read at the moment; it will be tried again",
                    true);
        }
        Map<Integer, OcrPage> read = ocrPagesOf(document, result);
        result = withOcr(result, read);
        boolean ocrQueued = requestOcr(document, result, read);
        return switch (result) {
            case ExtractionResult.Failed failed -> {
                metrics.extractionFailed(failed.kind());
                yield failure(failed, ocrQueued, engine);
            }
            case ExtractionResult.Extracted extracted -> index(document, extracted);
        };
    }

    /**
     * The document as the index would hold it, for a rebuild: its file extracted again, with its metadata as stored
     * (filled from the file when it was first processed); empty when the file no longer gives text, which the
     * reconciliation after the rebuild turns into a reindex job that records why.
     */
    Optional<IndexableDocument> indexable(StoredDocument document) {
        return extract(document).map(extracted -> indexable(document, extracted));
    }

    /** The stored file's text again; empty (with a warning in the log) when it no longer gives any. */
    Optional<ExtractionResult.Extracted> extract(StoredDocument document) {
        StoredFile stored = document.file();
        ExtractionResult result;
        try {
            result = extractor.extract(stored.path(), stored.format());
        } catch (UncheckedIOException e) {
            LOG.warn("Cannot read the stored file of document {}", document.documentId(), e);
            return Optional.empty();
        }
        result = withOcr(result, ocrPagesOf(document, result));
        if (result instanceof ExtractionResult.Extracted extracted) {
            return Optional.of(extracted);
        }
        LOG.warn("Document {} gives no text: {}", document.documentId(), ((ExtractionResult.Failed) result).reason());
        return Optional.empty();
    }

    /** The document as the index holds it: its metadata as stored, the text of its file as extracted. */
    IndexableDocument indexable(StoredDocument document, ExtractionResult.Extracted extracted) {
        return document.indexable(
                ProcessingOutcome.MetadataFromFile.none(),
                FileMetadata.language(extracted.metadata().language()),
                extracted.pages(),
                collections.slugsOf(document.documentId()));
    }

    @Override
    public void remove(UUID documentId) {
        index.removeDurably(documentId.toString());
    }

    private ProcessingOutcome index(StoredDocument document, ExtractionResult.Extracted extracted) {
        ProcessingOutcome.MetadataFromFile fromFile = FileMetadata.of(extracted.metadata());
        String language = FileMetadata.language(extracted.metadata().language());
        boolean searchable = !document.withdrawn();
        if (searchable) {
            try {
                index.upsertDurably(document.indexable(
                        fromFile, language, extracted.pages(), collections.slugsOf(document.documentId())));
            } catch (InvalidDocumentException e) {
                // The API's own bounds are tighter than the index's; reaching this is a defect worth a clear record.
                LOG.error("Document {} was refused by the index", document.documentId(), e);
                return new ProcessingOutcome.Failed(
                        ProcessingFailure.METADATA_REFUSED,
                        "the document's metadata cannot be indexed (" + e.getMessage() + "); correct it",
                        false);
            }
        } else {
            index.removeDurably(document.documentId().toString());
        }
        return new ProcessingOutcome.Processed(
                searchable,
                extracted.pageCount(),
                extracted.characterCount(),
                language,
                fromFile,
                extracted.imageOnlyPages(),
                extracted.truncated(),
                designSuggestion(document, fromFile, extracted));
    }

    /**
     * What the rules suggest as the study design, from the title a person gave, else the one the file gives, and the
     * text as indexed (OCR included).
     */
    private static StudyDesignRules.Suggestion designSuggestion(
            StoredDocument document,
            ProcessingOutcome.MetadataFromFile fromFile,
            ExtractionResult.Extracted extracted) {
        String title = document.metadata().title() != null ? document.metadata().title() : fromFile.title();
        StringBuilder text = new StringBuilder();
        for (Page page : extracted.pages()) {
            if (text.length() >= StudyDesignRules.READ) {
                break;
            }
            text.append(page.text()).append('\n');
        }
        return StudyDesignRules.suggest(title, text.toString()).orElse(null);
    }

    /** The pages of scans in {@code result}: those of a file with text, or of one that needs OCR; else none. */
    private static List<Integer> scannedPages(ExtractionResult result) {
        return switch (result) {
            case ExtractionResult.Extracted extracted -> extracted.scannedPages();
            case ExtractionResult.Failed failed ->
                failed.kind() == FailureKind.NEEDS_OCR ? failed.scannedPages() : List.of();
        };
    }

    /** What OCR has read of the document's file, by page; no query when the extraction found no scans. */
    private Map<Integer, OcrPage> ocrPagesOf(StoredDocument document, ExtractionResult result) {
        return scannedPages(result).isEmpty()
                ? Map.of()
                : ocr.pagesRead(document.documentId(), document.file().sha256());
    }

    /**
     * The extraction with the text OCR read on its scanned pages put in place of those pages; a document whose pages
     * were all scans and some now have text becomes one with text.
     */
    private static ExtractionResult withOcr(ExtractionResult result, Map<Integer, OcrPage> read) {
        if (read.isEmpty()) {
            return result;
        }
        Set<Integer> scanned = Set.copyOf(scannedPages(result));
        List<Integer> unread = scannedPages(result).stream()
                .filter(number -> !read.containsKey(number))
                .toList();
        switch (result) {
            case ExtractionResult.Extracted extracted -> {
                List<Page> pages = new ArrayList<>(extracted.pages().size());
                for (Page page : extracted.pages()) {
                    OcrPage scan = read.get(page.number());
                    pages.add(
                            scan != null && scanned.contains(page.number())
                                    ? Page.read(page.number(), scan.text())
                                    : page);
                }
                return new ExtractionResult.Extracted(
                        extracted.mediaType(), extracted.metadata(), pages, unread, extracted.truncated());
            }
            case ExtractionResult.Failed failed -> {
                List<Page> pages = new ArrayList<>(failed.pageCount());
                Map<String, Integer> languages = new HashMap<>();
                boolean text = false;
                for (int number = 1; number <= failed.pageCount(); number++) {
                    OcrPage scan = read.get(number);
                    Page page = scan == null ? new Page(number, "", null) : Page.read(number, scan.text());
                    text |= !page.text().isBlank();
                    if (page.language() != null) {
                        languages.merge(page.language(), page.text().length(), Integer::sum);
                    }
                    pages.add(page);
                }
                if (!text) {
                    return result;
                }
                String language = languages.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .map(Map.Entry::getKey)
                        .orElse(null);
                DocumentMetadata metadata =
                        new DocumentMetadata(null, List.of(), null, List.of(), null, language, null, null);
                return new ExtractionResult.Extracted(failed.mediaType(), metadata, pages, unread, false);
            }
        }
    }

    /**
     * Queues the OCR of the scanned pages not yet read, when this server has OCR; true when some are waiting.
     *
     * @param read what OCR has read of the file, as {@link #withOcr} put it in
     */
    private boolean requestOcr(StoredDocument document, ExtractionResult result, Map<Integer, OcrPage> read) {
        if (!engine.available()) {
            return false;
        }
        List<Integer> missing = scannedPages(result).stream()
                .filter(number -> !read.containsKey(number))
                .toList();
        if (missing.isEmpty()) {
            return false; // none, or read and gave no text
        }
        String language = document.metadata().language() != null
                ? document.metadata().language()
                : result instanceof ExtractionResult.Extracted extracted
                        ? extracted.metadata().language()
                        : null;
        if (ocr.request(document.documentId(), document.file().sha256(), missing, language)) {
            ocrWorker.ifPresent(OcrWorker::wake);
        }
        return true;
    }

    private ProcessingOutcome.Failed changedSinceUpload(StoredFile stored) {
        String sha256;
        try {
            sha256 = files.sha256Of(stored.path());
        } catch (IOException e) {
            return new ProcessingOutcome.Failed(
                    ProcessingFailure.FILE_UNREADABLE,
                    "the stored file cannot be read at the moment; it will be tried again",
                    true);
        }
        // The same bytes are the same format: the one decided at upload, which the extractor is given.
        if (!sha256.equals(stored.sha256())) {
            return new ProcessingOutcome.Failed(
                    ProcessingFailure.FILE_CHANGED,
                    "the stored file no longer matches the upload (its SHA-256 differs); upload the file again",
                    false);
        }
        return null;
    }

    private static ProcessingOutcome.Failed failure(
            ExtractionResult.Failed failed, boolean ocrQueued, OcrEngine engine) {
        Integer pages = failed.pageCount() > 0 ? failed.pageCount() : null;
        Integer imageOnly = failed.imageOnlyPages() > 0 ? failed.imageOnlyPages() : null;
        String scans = failed.imageOnlyPages() == 1
                ? "its page is a scanned image"
                : "all " + failed.imageOnlyPages() + " of its pages are scanned images";
        return switch (failed.kind()) {
            case TIMEOUT ->
                new ProcessingOutcome.Failed(
                        ProcessingFailure.TIMEOUT, Map.of(), failed.reason(), true, TIMEOUT_ATTEMPTS, pages, imageOnly);
            case NEEDS_OCR -> {
                ProcessingFailure failure = ocrQueued
                        ? ProcessingFailure.OCR_PENDING
                        : engine.available()
                                ? ProcessingFailure.OCR_FOUND_NO_TEXT
                                : engine.settings().enabled()
                                        ? ProcessingFailure.OCR_NOT_INSTALLED
                                        : ProcessingFailure.OCR_TURNED_OFF;
                String reason = switch (failure) {
                    case OCR_PENDING ->
                        scans + " without text; OCR is reading "
                                + (failed.imageOnlyPages() == 1 ? "it" : "them")
                                + " and the document will be searchable when it has";
                    case OCR_FOUND_NO_TEXT ->
                        scans + " and OCR found no text in them; check the scan, or upload a file with text";
                    default -> engine.unavailable() + " (" + scans + " without text)";
                };
                yield new ProcessingOutcome.Failed(
                        failure, Map.of("pages", failed.imageOnlyPages()), reason, false, 1, pages, imageOnly);
            }
            case ENCRYPTED -> rejected(ProcessingFailure.ENCRYPTED, failed, pages, imageOnly);
            case MALFORMED -> rejected(ProcessingFailure.MALFORMED, failed, pages, imageOnly);
            case EMPTY -> rejected(ProcessingFailure.EMPTY, failed, pages, imageOnly);
            case UNSUPPORTED_TYPE -> rejected(ProcessingFailure.UNSUPPORTED_TYPE, failed, pages, imageOnly);
            case TOO_LARGE -> rejected(ProcessingFailure.TOO_LARGE, failed, pages, imageOnly);
        };
    }

    /** A failure that is the file's own: trying again would give it again. */
    private static ProcessingOutcome.Failed rejected(
            ProcessingFailure failure, ExtractionResult.Failed failed, Integer pages, Integer imageOnly) {
        return new ProcessingOutcome.Failed(failure, Map.of(), failed.reason(), false, 1, pages, imageOnly);
    }
}
