package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * One hit per work in several languages ({@link IndexSchema#TRANSLATIONS}): among the language versions that match a
 * search and that its caller may see, the one in the reader's language is kept (the best-scored when none is), and
 * the others are left out by the query itself, so that totals, facet counts and pages count works. Stateless;
 * thread-safe.
 *
 * <p>Collapsing is done in two passes rather than by Lucene's grouping module: the first reads only the matching
 * documents that have translations (few in any portal), the second is the search as it was, with the versions not
 * chosen excluded by id, so that sorting, search-after cursors and drill-sideways facets stay as they are.
 */
final class TranslationCollapse {

    /** Most matching documents with translations read to choose the version of each work; the rest are not collapsed. */
    static final int MAX_LINKED = 10_000;

    private TranslationCollapse() {}

    /**
     * The query {@code scoring} without the language versions that another version of the same work stands for
     * among those {@code matching} finds: the one in {@code readerLanguage} when it matches, else the best-scored.
     *
     * @param scoring the search's query, visibility included, filters not (facets count each dimension without its
     *     own filter)
     * @param matching {@code scoring} with the filters: which versions match is decided on it
     * @param readerLanguage ISO 639-1, or null when the reader's language is unknown
     */
    static Query collapse(IndexSearcher searcher, Query scoring, Query matching, String readerLanguage)
            throws IOException {
        Query linked = new BooleanQuery.Builder()
                .add(matching, BooleanClause.Occur.MUST)
                .add(new FieldExistsQuery(IndexSchema.TRANSLATIONS), BooleanClause.Occur.FILTER)
                .build();
        ScoreDoc[] found = searcher.search(linked, MAX_LINKED).scoreDocs;
        if (found.length < 2) {
            return scoring;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        StoredFields stored = searcher.storedFields();
        // Best score first: the first version of a work is chosen unless one in the reader's language follows.
        Map<String, List<Version>> byWork = new LinkedHashMap<>();
        for (ScoreDoc hit : found) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            String set = value(DocValues.getSorted(leaf.reader(), IndexSchema.TRANSLATIONS), hit.doc - leaf.docBase);
            String id = value(DocValues.getSorted(leaf.reader(), IndexSchema.ID), hit.doc - leaf.docBase);
            Document fields = stored.document(hit.doc, Set.of(IndexSchema.LANGUAGE));
            byWork.computeIfAbsent(set, key -> new ArrayList<>())
                    .add(new Version(id, fields.get(IndexSchema.LANGUAGE)));
        }
        List<BytesRef> leftOut = leftOut(byWork.values(), readerLanguage).stream()
                .map(BytesRef::new)
                .toList();
        if (leftOut.isEmpty()) {
            return scoring;
        }
        return new BooleanQuery.Builder()
                .add(scoring, BooleanClause.Occur.MUST)
                .add(new TermInSetQuery(IndexSchema.ID, leftOut), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    /**
     * The ids of the versions another version of the same work stands for: per work (its versions best-scored
     * first), the one in {@code readerLanguage} is kept, else the first.
     */
    static List<String> leftOut(java.util.Collection<List<Version>> works, String readerLanguage) {
        List<String> leftOut = new ArrayList<>();
        for (List<Version> versions : works) {
            Version chosen = versions.stream()
                    .filter(version -> readerLanguage != null && readerLanguage.equalsIgnoreCase(version.language()))
                    .findFirst()
                    .orElse(versions.getFirst());
            versions.stream().filter(version -> version != chosen).forEach(version -> leftOut.add(version.id()));
        }
        return leftOut;
    }

    /**
     * The other language versions of the work of the document {@code doc} that {@code visibility} lets its caller
     * see, by language; empty when its work has none.
     */
    static List<LanguageVersion> others(IndexSearcher searcher, Visibility visibility, String id, String set)
            throws IOException {
        if (set == null) {
            return List.of();
        }
        Query versions = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.TRANSLATIONS, set)), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexSchema.ID, id)), BooleanClause.Occur.MUST_NOT)
                .build();
        ScoreDoc[] found = searcher.search(visibility.restrict(versions), 50).scoreDocs;
        StoredFields stored = searcher.storedFields();
        List<LanguageVersion> others = new ArrayList<>(found.length);
        Set<String> languages = new HashSet<>();
        for (ScoreDoc hit : found) {
            Document fields = stored.document(hit.doc, Set.of(IndexSchema.ID, IndexSchema.LANGUAGE, IndexSchema.TITLE));
            String language = fields.get(IndexSchema.LANGUAGE);
            if (language != null && languages.add(language)) {
                others.add(new LanguageVersion(fields.get(IndexSchema.ID), language, fields.get(IndexSchema.TITLE)));
            }
        }
        others.sort(java.util.Comparator.comparing(LanguageVersion::language));
        return others;
    }

    private static String value(SortedDocValues values, int doc) throws IOException {
        return values.advanceExact(doc) ? values.lookupOrd(values.ordValue()).utf8ToString() : "";
    }

    /** One language version of a work that matched. */
    record Version(String id, String language) {}
}
