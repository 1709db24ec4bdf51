package org.alima.portal.api.documents;

import java.util.UUID;
import org.alima.portal.api.search.PageViews;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * A page that exists but cannot be given as asked (409 {@code page-unavailable}): its text is not indexed yet, or its
 * PDF cannot be cut from the file. The whole file stays the way to it.
 */
final class PageUnavailableException extends PortalException {

    private PageUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }

    static PageUnavailableException notIndexed(UUID id) {
        return new PageUnavailableException(
                "The text of document " + id + " is not searchable yet (follow " + DocumentController.BASE + "/" + id
                        + "/status); its whole file is at " + DocumentController.BASE + "/" + id + "/file.",
                null);
    }

    static PageUnavailableException notPdf(UUID id) {
        return new PageUnavailableException(
                "Document " + id + " is not a PDF: one-page PDFs are cut from PDF files only. Its page texts are at "
                        + PageViews.text(id.toString(), 1) + " and its whole file at " + DocumentController.BASE + "/"
                        + id + "/file.",
                null);
    }

    static PageUnavailableException cannotCut(UUID id, int page, Exception cause) {
        return new PageUnavailableException(
                "Page " + page + " of document " + id + " cannot be cut from its PDF (the file is damaged or"
                        + " protected); download the whole file at " + DocumentController.BASE + "/" + id + "/file.",
                cause);
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "page-unavailable", "Page unavailable", getMessage());
    }
}
