package org.alima.portal.indexer.extract;

/** Why a file gave no indexable text. Each kind tells the uploader what to do next. */
public enum FailureKind {
    /** Encrypted with a user password that is not the empty one: ask the author for an unprotected copy. */
    ENCRYPTED("the file is password-protected; upload a copy without an opening password"),
    /** Damaged, truncated or structurally invalid beyond what the parser can repair. */
    MALFORMED("the file is damaged or truncated; export it again from its source"),
    /** The bytes are not of a supported format, whatever the file name says. */
    UNSUPPORTED_TYPE("the file is not a PDF, DOCX, HTML, Markdown or text file; convert it to PDF"),
    /** Every page is an image with no text layer. */
    NEEDS_OCR("the pages are scanned images without text; run OCR on the file and upload the result"),
    /** The file holds no text at all (blank pages, zero bytes). */
    EMPTY("the file contains no text"),
    /** Extraction did not finish within the time limit for one document. */
    TIMEOUT("extraction took longer than the time limit; the file may be unusually complex"),
    /** The file exceeds a configured bound (size, pages). */
    TOO_LARGE("the file exceeds the size limit for extraction");

    private final String advice;

    FailureKind(String advice) {
        this.advice = advice;
    }

    /** A sentence for the uploader saying what is wrong and what to do. */
    public String advice() {
        return advice;
    }
}
