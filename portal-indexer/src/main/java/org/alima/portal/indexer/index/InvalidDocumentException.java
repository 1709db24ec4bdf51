package org.alima.portal.indexer.index;

/** A document was refused because it breaks a bound or a rule of the index; nothing of it was written. */
public final class InvalidDocumentException extends RuntimeException {

    private final String documentId;

    InvalidDocumentException(String documentId, String problem) {
        super("document " + documentId + " cannot be indexed: " + problem);
        this.documentId = documentId;
    }

    /** Id of the refused document. */
    public String documentId() {
        return documentId;
    }
}
