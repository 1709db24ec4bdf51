package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.files.StoredFile;
import org.alima.portal.api.indexing.OcrReadings;
import org.alima.portal.api.search.InvalidQueryException;
import org.alima.portal.api.search.PageViews;
import org.alima.portal.api.search.SearchUnavailableException;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.extract.Format;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.DocumentNotFoundException;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.QuerySyntaxException;
import org.alima.portal.indexer.search.SearchFailedException;

/**
 * The pages of a document, for the API's page endpoints and the light page view: its text from the search index,
 * the query's words marked by search's own analysis, and its one-page PDF. A page is given to whoever may download the
 * file, under the same rules ({@link Document#isFileServedTo}): a page is the file's content. Thread-safe.
 */
@Singleton
class DocumentPages {

    private final DocumentRepository documents;
    private final StoredFiles storedFiles;
    private final SearchEngine search;
    private final PagePdfs pdfs;
    private final OcrReadings ocr;

    DocumentPages(
            DocumentRepository documents,
            StoredFiles storedFiles,
            SearchEngine search,
            PagePdfs pdfs,
            OcrReadings ocr) {
        this.documents = documents;
        this.storedFiles = storedFiles;
        this.search = search;
        this.pdfs = pdfs;
        this.ocr = ocr;
    }

    /** A document and its file, once the viewer may read the file. */
    record Served(Document document, StoredFile file) {}

    /**
     * @throws org.alima.portal.api.system.NotFoundException when the viewer may not see the document (or it does not
     *     exist)
     * @throws FileWithdrawnException when it was withdrawn and the viewer is a reader
     */
    Served served(UUID id, Viewer viewer) {
        Document document =
                documents.find(id).filter(d -> d.isVisibleTo(viewer)).orElseThrow(() -> Document.notFound(id));
        if (!document.isFileServedTo(viewer)) {
            throw new FileWithdrawnException(id, document.withdrawnReason());
        }
        StoredFile file = storedFiles.ofDocument(id).orElseThrow(() -> Document.notFound(id));
        return new Served(document, file);
    }

    /**
     * Page {@code page} of the document, the words of {@code q} marked.
     *
     * @param readerLanguage decides the query's language when its words do not; may be null
     * @throws PageOutOfRangeException past the last page
     * @throws PageUnavailableException when the document's text is not in the index yet
     * @throws InvalidQueryException when {@code q} is refused
     */
    PageResponse page(UUID id, int page, @Nullable String q, @Nullable String readerLanguage, Viewer viewer) {
        Served served = served(id, viewer);
        PageText text;
        try {
            // PostgreSQL decided above who may read it; the index, which learns of a publication a moment later, is
            // only where the text is.
            text = search.page(id.toString(), page, q, readerLanguage, Access.everything());
        } catch (DocumentNotFoundException e) {
            throw PageUnavailableException.notIndexed(id);
        } catch (org.alima.portal.indexer.search.PageOutOfRangeException e) {
            throw new PageOutOfRangeException(id, page, e.pageCount());
        } catch (QuerySyntaxException e) {
            throw new InvalidQueryException(e);
        } catch (EngineUnavailableException e) {
            throw SearchUnavailableException.engineUnavailable(e);
        } catch (SearchFailedException | IndexException e) {
            throw SearchUnavailableException.indexUnreadable(e);
        }
        StoredFile file = served.file();
        PageResponse.Download pdf = null;
        if (file.format() == Format.PDF) {
            try {
                PagePdfs.Cut cut = pdfs.of(file, page);
                pdf = new PageResponse.Download(PageViews.pdf(id.toString(), page), cut.size(), "application/pdf");
            } catch (PageUnavailableException e) {
                // A PDF that cannot be cut still has its text and its whole file: the page is given without.
                pdf = null;
            }
        }
        String documentId = id.toString();
        return new PageResponse(
                documentId,
                text.title(),
                text.language(),
                page,
                text.pageCount(),
                text.html(),
                text.marks(),
                page > 1 ? page - 1 : null,
                page < text.pageCount() ? page + 1 : null,
                PageViews.path(documentId, page, q),
                pdf,
                new PageResponse.Download(
                        DocumentController.BASE + "/" + documentId + "/file", file.size(), file.contentType()),
                DocumentResponse.overdueSince(served.document()),
                ocr.ofPage(id, page).orElse(null));
    }

    /**
     * The one-page PDF of page {@code page}.
     *
     * @throws PageOutOfRangeException past the last page
     * @throws PageUnavailableException when the file is not a PDF or cannot be cut
     */
    PagePdfs.Cut pdf(Served served, int page) {
        StoredFile file = served.file();
        if (file.format() != Format.PDF) {
            throw PageUnavailableException.notPdf(file.documentId());
        }
        Integer known = served.document().file().pageCount();
        if (known != null && page > known) {
            throw new PageOutOfRangeException(file.documentId(), page, known);
        }
        return pdfs.of(file, page);
    }
}
