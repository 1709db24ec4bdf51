package org.alima.portal.indexer.ocr;

/** Tesseract could not read a page: it failed, was killed for its time or memory, or could not be started. */
public final class OcrException extends Exception {

    private static final long serialVersionUID = 1L;

    public OcrException(String message) {
        super(message);
    }
}
