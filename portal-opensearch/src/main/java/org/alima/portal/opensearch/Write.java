package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexableDocument;

/** One write of the engine, kept while a rebuild runs to be replayed on the new index. Immutable. */
sealed interface Write {

    String id();

    /** Sends this write alone to {@code index} (an index or the alias). */
    void applyTo(Cluster cluster, String index);

    /** Adds this write to a bulk request. */
    void addTo(Bulk bulk);

    /** A document written whole, with the vectors it was written with (null: none). */
    record Upsert(IndexableDocument document, DocumentVectors vectors, ObjectNode json) implements Write {
        @Override
        public String id() {
            return document.id();
        }

        @Override
        public void applyTo(Cluster cluster, String index) {
            cluster.send("PUT", "/" + index + "/_doc/" + Cluster.segment(id()), json, Cluster.Kind.WRITE);
        }

        @Override
        public void addTo(Bulk bulk) {
            bulk.index(id(), json);
        }
    }

    /** A document taken out. */
    record Delete(String id) implements Write {
        @Override
        public void applyTo(Cluster cluster, String index) {
            // A 404 (already absent) is the outcome asked for.
            cluster.send("DELETE", "/" + index + "/_doc/" + Cluster.segment(id), null, Cluster.Kind.WRITE);
        }

        @Override
        public void addTo(Bulk bulk) {
            bulk.delete(id);
        }
    }
}
