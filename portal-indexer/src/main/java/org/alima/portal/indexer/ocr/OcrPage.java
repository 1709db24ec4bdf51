package org.alima.portal.indexer.ocr;

/**
 * One scanned page as OCR left it. Immutable.
 *
 * @param number the 1-based page number
 * @param text the text read, empty when none was or the page failed
 * @param meanConfidence Tesseract's mean word confidence (0 to 100), or null when no word was read
 * @param failure why the page could not be read (time, memory, a damaged image), or null when it was
 */
public record OcrPage(int number, String text, Double meanConfidence, String failure) {
    public OcrPage {
        text = text == null ? "" : text;
    }
}
