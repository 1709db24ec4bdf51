package org.alima.portal.indexer.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

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

    /**
     * The values that the query's {@code field:value} clauses give the index field {@code field}, negated ones
     * included, as index terms; a clause that matches values by pattern (prefix, fuzzy) gives null. As the parser read
     * the query: text it read as plain words names no field.
     */
    List<String> valuesOf(String field) {
        List<String> values = new ArrayList<>();
        scoring.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... terms) {
                for (Term term : terms) {
                    if (term.field().equals(field)) {
                        values.add(term.text());
                    }
                }
            }

            @Override
            public void consumeTermsMatching(Query query, String matched, Supplier<ByteRunAutomaton> automaton) {
                if (matched.equals(field)) {
                    values.add(null);
                }
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this; // excluded clauses too: -collection:x names x
            }
        });
        return values;
    }

    boolean hasHighlights() {
        return !(highlight instanceof MatchNoDocsQuery);
    }
}
