package org.alima.portal.indexer.search;

/** No document with the given id is in the index (it may have been deleted). */
public final class DocumentNotFoundException extends SearchException {

    public DocumentNotFoundException(String id) {
        super("no document with id \"" + id + "\" is in the index; it may have been deleted", null);
    }
}
