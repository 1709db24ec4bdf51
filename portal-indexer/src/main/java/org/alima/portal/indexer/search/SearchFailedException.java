package org.alima.portal.indexer.search;

/** The index could not be read while answering a search; the cause says why. Not the caller's fault. */
public final class SearchFailedException extends SearchException {

    SearchFailedException(String action, Throwable cause) {
        super("could not " + action + ": " + cause + "; check the index with PortalIndex.stats() or rebuild it", cause);
    }
}
