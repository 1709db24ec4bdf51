package org.alima.portal.api.documents;

import java.util.List;
import java.util.UUID;
import org.alima.portal.api.search.PageViews;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** A page number past the document's last page (404 {@code page-out-of-range}), naming the last page. */
final class PageOutOfRangeException extends PortalException {

    private final int pageCount;

    PageOutOfRangeException(UUID id, int page, int pageCount) {
        super("Document " + id + " has " + pageCount + (pageCount == 1 ? " page" : " pages") + "; page " + page
                + " is past its end. Its last page is " + PageViews.text(id.toString(), pageCount) + ".");
        this.pageCount = pageCount;
    }

    int pageCount() {
        return pageCount;
    }

    @Override
    public Problem problem() {
        return Problem.of(404, "page-out-of-range", "Page out of range", getMessage())
                .withErrors(List.of(new FieldError("page", "must be between 1 and " + pageCount + ", its last page")));
    }
}
