package org.alima.portal.indexer.search;

/**
 * A completion of what the user is typing.
 *
 * @param text the title or keyword to show, as the documents spell it
 * @param kind whether it is a document title (open the document) or a keyword (search for it)
 * @param documentId the document whose title this is; null for keywords
 */
public record Suggestion(String text, Kind kind, String documentId) {

    /** What the suggestion completes to. */
    public enum Kind {
        TITLE,
        KEYWORD
    }
}
