package org.alima.portal.indexer.index;

/** Computes the dense vectors of a document; implementations say whether they are thread-safe. */
@FunctionalInterface
public interface Vectoriser {
    DocumentVectors vectorsOf(IndexableDocument document);
}
