package org.alima.portal.indexer.search;

/**
 * A page of a document where the query matches.
 *
 * @param page 1-based page number
 * @param snippet HTML-escaped passage of that page with the matching words in {@code <mark>…</mark>}
 * @param byMeaning true when the page was chosen because a passage of it is near the query in meaning (the snippet
 *     is then that passage), false when it was chosen for the query's words
 * @param ocr true when the page's text was read by OCR from a scan (its words may be misread)
 */
public record PageHit(int page, String snippet, boolean byMeaning, boolean ocr) {

    /** A page chosen for the query's words, its text from the file. */
    public PageHit(int page, String snippet) {
        this(page, snippet, false, false);
    }
}
