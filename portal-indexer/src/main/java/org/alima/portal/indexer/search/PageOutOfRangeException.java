package org.alima.portal.indexer.search;

/** A page number outside the document: before its first page or past its last. */
public final class PageOutOfRangeException extends SearchException {

    private final int pageCount;

    PageOutOfRangeException(String id, int page, int pageCount) {
        super("document \"" + id + "\" has " + pageCount + " pages; page " + page + " is not one of them", null);
        this.pageCount = pageCount;
    }

    /** The document's pages: its last page's number. */
    public int pageCount() {
        return pageCount;
    }
}
