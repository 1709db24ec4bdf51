package org.alima.portal.indexer.search;

import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.semantic.SemanticModel;

/** The real dense model for tests, loaded once per JVM, and a write of a document with its vectors. */
final class SemanticFixture {

    private SemanticFixture() {}

    static SemanticModel model() {
        return SemanticModel.shared(SemanticModel.DEFAULT);
    }

    /**
     * The portal's default settings with a generous time limit: the limit counts the query's encoding, which a
     * machine busy with other builds can stretch to seconds.
     */
    static SearchSettings settings() {
        return SearchSettings.defaults().withTimeLimit(java.time.Duration.ofSeconds(60));
    }

    static void upsert(PortalIndex index, IndexableDocument document) {
        index.upsert(document, model().embedder().vectorsOf(document));
    }
}
