package org.alima.portal.indexer.search;

/**
 * The text of one page of an indexed document, as a page view shows it. Immutable.
 *
 * @param page 1-based
 * @param pageCount the document's pages; {@code page} is between 1 and it
 * @param html the page's whole text, HTML-escaped, line breaks kept as {@code \n}, the query's words (as search reads
 *     them: stems, elisions, translations) in {@code <mark>…</mark>}; empty for a page without text (a scan)
 * @param marks how many words are marked
 */
public record PageText(String id, String title, String language, int page, int pageCount, String html, int marks) {

    /** A page's text as HTML with its marks, before it is given its document. */
    record Marked(String html, int marks) {}
}
