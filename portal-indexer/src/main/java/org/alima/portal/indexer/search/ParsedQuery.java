package org.alima.portal.indexer.search;

import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * A user query turned into Lucene queries.
 *
 * @param scoring what is matched and ranked: unqualified words across the weighted fields
 * @param highlight the positive parts of the query, on the body only, as one disjunction: what to mark on the pages
 */
record ParsedQuery(Query scoring, Query highlight) {

    /** An empty query lists every document (never their page documents). */
    static ParsedQuery all() {
        return new ParsedQuery(IndexSchema.documentsQuery(), new MatchNoDocsQuery());
    }

    boolean hasHighlights() {
        return !(highlight instanceof MatchNoDocsQuery);
    }
}
