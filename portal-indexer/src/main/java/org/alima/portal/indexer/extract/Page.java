package org.alima.portal.indexer.extract;

/**
 * The text of one page of a document, immutable. Page numbers start at 1 and are contiguous within a document; what a
 * "page" is depends on the format (see {@link DocumentExtractor}).
 *
 * @param number 1-based page number as a reader would see it in a viewer
 * @param text NFC-normalised text of the page, possibly empty (a blank or image-only page)
 * @param language ISO 639-1 code detected for this page, or null when the page has too little text to tell
 * @param ocr true when the text was read by OCR from a scan of the page, false when it came from the file
 */
public record Page(int number, String text, String language, boolean ocr) {
    public Page {
        if (number < 1) {
            throw new IllegalArgumentException("page number must be >= 1, got " + number);
        }
        text = text == null ? "" : text;
    }

    /** A page whose text came from the file. */
    public Page(int number, String text, String language) {
        this(number, text, language, false);
    }

    /**
     * A page whose text OCR read from its scan, cleaned and its language told as extraction does for the pages it
     * reads.
     */
    public static Page read(int number, CharSequence raw) {
        String text = TextCleaner.clean(raw);
        return new Page(number, text, LanguageGuesser.shared().guess(text), true);
    }
}
