package org.alima.portal.indexer.extract;

/**
 * Accumulates the text of the current page for formats whose page boundaries are found while walking the document
 * (HTML and Markdown sections, DOCX page breaks) and hands each finished page to the {@link PageAssembler}. A break
 * on a page without text or image makes no page, so that consecutive breaks (Word writes an explicit break and then a
 * rendered-break marker at the same place) or a document opening with a heading give no empty pages. Not
 * thread-safe: one instance per extraction.
 */
final class PageWriter {

    private final PageAssembler pages;
    private final Deadline deadline;
    private final StringBuilder current = new StringBuilder();
    private boolean currentHasText;
    private boolean currentDrawsImage;
    private boolean stopped;
    private int writes;

    PageWriter(PageAssembler pages, Deadline deadline) {
        this.pages = pages;
        this.deadline = deadline;
    }

    /** Ends the current page if it has any text or image; the next text starts a new page. */
    void breakPage() {
        if (currentHasText || currentDrawsImage) {
            flush();
        }
    }

    void append(CharSequence text) {
        if (stopped || text.isEmpty()) {
            return;
        }
        if ((++writes & 0xFF) == 0) {
            deadline.check("page " + (pages.pageCount() + 1));
        }
        current.append(text);
        if (!currentHasText) {
            currentHasText = hasNonBlank(text);
        }
        // a single page as long as the whole cap: hand it over now, so that the cap bounds memory and not only the
        // result
        if (current.length() > pages.maxCharacters()) {
            flush();
        }
    }

    /** Records that the current page shows an image. */
    void image() {
        currentDrawsImage = true;
    }

    /** Ends the current line unless the text already ends one (or nothing was written yet). */
    void endLine() {
        if (!current.isEmpty() && current.charAt(current.length() - 1) != '\n') {
            current.append('\n');
        }
    }

    /**
     * Ends a table cell or row: drops the blanks written at the end of the current text, then writes {@code
     * separator}.
     */
    void separate(char separator) {
        int end = current.length();
        while (end > 0 && (current.charAt(end - 1) == ' ' || current.charAt(end - 1) == '\t')) {
            end--;
        }
        current.setLength(end);
        current.append(separator);
    }

    /** Whether the last character written is a blank, so that a caller folding whitespace can skip another. */
    boolean endsWithBlank() {
        return current.isEmpty() || Character.isWhitespace(current.charAt(current.length() - 1));
    }

    /** True once the character cap is reached: the caller may stop walking the document. */
    boolean stopped() {
        return stopped;
    }

    /** Ends the last page; a document with no text at all still gets one (empty) page. */
    void finish() {
        if (!stopped && (currentHasText || currentDrawsImage || pages.pageCount() == 0)) {
            flush();
        }
    }

    private static boolean hasNonBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private void flush() {
        if (!pages.add(current, currentDrawsImage)) {
            stopped = true;
        }
        current.setLength(0);
        currentHasText = false;
        currentDrawsImage = false;
    }
}
