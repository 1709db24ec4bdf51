package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.alima.portal.indexer.crosslang.Language;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.IndexSnapshot;
import org.alima.portal.indexer.index.PortalIndex;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * Searches the portal index: ranked documents, each with its best-matching pages, facet counts, did-you-mean,
 * type-ahead and related documents. Thread-safe: every call works on its own point-in-time snapshot of the index and
 * is stopped at the configured time limit.
 *
 * <p>Query syntax (Lucene's classic syntax, restricted and bounded):
 *
 * <ul>
 *   <li>words, matched in title, abstract, keywords, body and authors, ignoring case, accents, French elisions and
 *       English/French inflections; up to three words without OR must all match, longer text is ranked by any of
 *       its words;
 *   <li>{@code "a phrase"}, {@code "a phrase"~3}; {@code +required}, {@code -excluded}, {@code AND}, {@code OR},
 *       {@code NOT}, parentheses (10 levels at most);
 *   <li>{@code field:value} for title, author, keyword, type, language, year, country, topic, collection and doi
 *       ({@code year:[2010 TO 2020]} too); any other {@code word:} is plain text;
 *   <li>{@code malar*} (2 characters at least, never leading), {@code malria~} or {@code malria~1} (3 characters at
 *       least, 5 per query);
 *   <li>slashes, carets, question and exclamation marks are plain text ("HIV/AIDS", "mg/kg"): no regular expression
 *       or boost ever runs. Text the parser cannot read (an unbalanced quote) is searched as plain words.
 * </ul>
 *
 * <p>At most 1,000 characters and 200 words; breaking a bound, or using a refused construct, throws {@link
 * QuerySyntaxException} with the problem and its position. Ranking: BM25, each word scored by its best field plus a
 * share of the others, tuned by {@link SearchSettings}.
 *
 * <p>Visibility: each call sees only what its {@link Access} allows, and only the latest version of each document
 * unless a search asks for older ones. Hidden documents are absent from hits, totals, facet counts, page snippets,
 * type-ahead, did-you-mean and related documents; they are not absent from the index-wide statistics that BM25 and
 * MoreLikeThis weigh words by, so scores are those of an unrestricted search.
 */
public final class PortalSearch {

    /** Most ids {@link #rankedIds} returns. */
    public static final int MAX_RANKED_IDS = 1_000;

    /** A query with fewer hits than this gets a did-you-mean correction when one finds more. */
    static final int FEW_HITS = 3;

    private final PortalIndex index;
    private final SearchSettings settings;
    private final QueryTranslator translator;
    private final UserQueryParser parser;
    private final SpellingCorrector spelling = new SpellingCorrector();
    private final TypeAhead typeAhead = new TypeAhead();
    private final RelatedDocuments related = new RelatedDocuments();

    public PortalSearch(PortalIndex index) {
        this(index, SearchSettings.defaults());
    }

    public PortalSearch(PortalIndex index, SearchSettings settings) {
        this(index, settings, QueryTranslator.standard());
    }

    /**
     * @param translator how queries are translated between French and English ({@link QueryTranslator#off()} to
     *     search the typed words only)
     */
    public PortalSearch(PortalIndex index, SearchSettings settings, QueryTranslator translator) {
        this.index = Objects.requireNonNull(index, "index");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.parser = new UserQueryParser(settings.weights(), settings.tieBreaker(), settings.minimumShouldMatch());
    }

    /**
     * One page of results.
     *
     * @throws QuerySyntaxException when the query text is refused
     * @throws InvalidSearchRequestException when the cursor is malformed
     * @throws SearchTimeoutException when the search exceeds the time limit
     */
    public SearchResponse search(SearchRequest request) {
        long started = System.nanoTime();
        FieldDoc after = request.cursor() == null ? null : Cursor.decode(request.cursor(), request.sort());
        Map<String, Query> filters = FacetedSearch.filterQueries(request.filters());
        Visibility visibility = Visibility.of(request);
        try (IndexSnapshot snapshot = index.snapshot()) {
            Translation translation = translate(request.query(), request.readerLanguage(), snapshot);
            ParsedQuery query = parser.parse(request.query(), translation);
            // The base of every query below (hits, facet counts of each dimension, the total): what the caller may see.
            Query scoring = visibility.restrict(query.scoring());
            IndexSearcher searcher = searcher(snapshot);
            int skipped = after == null ? request.from() : 0;
            // One more than shown, to know whether a next page exists.
            TopFieldCollectorManager collector = new TopFieldCollectorManager(
                    Cursor.sort(request.sort()), skipped + request.size() + 1, after, Integer.MAX_VALUE);
            Optional<SortedSetDocValuesReaderState> facetState = snapshot.facetState();
            TopFieldDocs top;
            Map<String, List<FacetValue>> facets = Map.of();
            if (request.withFacets() && facetState.isPresent()) {
                FacetedSearch.Result result =
                        FacetedSearch.run(searcher, scoring, filters, collector, facetState.get());
                top = result.hits();
                facets = result.facets();
            } else {
                top = searcher.search(FacetedSearch.filtered(scoring, filters), collector);
                if (request.withFacets()) {
                    facets = FacetedSearch.empty();
                }
            }
            if (searcher.timedOut()) {
                throw new SearchTimeoutException(settings.timeLimit());
            }
            ScoreDoc[] page = slice(top.scoreDocs, skipped, request.size());
            if (request.sort() != SortOrder.RELEVANCE) {
                TopFieldCollector.populateScores(page, searcher, scoring);
            } else {
                // A field-sorted collector keeps the relevance score as the first sort value, not in ScoreDoc.score.
                for (ScoreDoc doc : page) {
                    doc.score = (Float) ((FieldDoc) doc).fields[0];
                }
            }
            List<Hit> hits = hits(searcher, query, page, request.pagesPerHit());
            boolean more = top.scoreDocs.length > skipped + request.size();
            String nextCursor =
                    more && page.length > 0 ? Cursor.encode(request.sort(), (FieldDoc) page[page.length - 1]) : null;
            long total = top.totalHits.value();
            String didYouMean =
                    total < FEW_HITS ? didYouMean(searcher, request.query(), filters, visibility, total) : null;
            return new SearchResponse(
                    total,
                    hits,
                    facets,
                    nextCursor,
                    didYouMean,
                    (System.nanoTime() - started) / 1_000_000,
                    translation.source().map(Language::code).orElse(null),
                    translation.isEmpty() ? null : translation.text());
        } catch (IOException e) {
            throw new SearchFailedException("search for \"" + request.query() + "\"", e);
        }
    }

    /**
     * Ids of the best {@code size} documents for {@code query}, best first, without filters, facets or highlights: the
     * fast path for relevance evaluation. Every document counts, as for {@link Access#everything()}, latest versions
     * only.
     */
    public List<String> rankedIds(String query, int size) {
        if (size < 1 || size > MAX_RANKED_IDS) {
            throw new InvalidSearchRequestException(
                    "size must be between 1 and " + MAX_RANKED_IDS + " (MAX_RANKED_IDS), got " + size);
        }
        try (IndexSnapshot snapshot = index.snapshot()) {
            ParsedQuery parsed = parser.parse(query, translate(query, null, snapshot));
            IndexSearcher searcher = searcher(snapshot);
            TopDocs top =
                    searcher.search(Visibility.current(Access.everything()).restrict(parsed.scoring()), size);
            if (searcher.timedOut()) {
                throw new SearchTimeoutException(settings.timeLimit());
            }
            List<String> ids = new ArrayList<>(top.scoreDocs.length);
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (ScoreDoc hit : top.scoreDocs) {
                // The id's doc value, not the stored document: no decompression of long bodies.
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                SortedDocValues id = DocValues.getSorted(leaf.reader(), IndexSchema.ID);
                id.advanceExact(hit.doc - leaf.docBase);
                ids.add(id.lookupOrd(id.ordValue()).utf8ToString());
            }
            return ids;
        } catch (IOException e) {
            throw new SearchFailedException("rank documents for \"" + query + "\"", e);
        }
    }

    /**
     * Titles and keywords of every document's latest version completing what the user is typing; see {@link
     * #autocomplete(String, int, Access)}.
     */
    public List<Suggestion> autocomplete(String typed, int size) {
        return autocomplete(typed, size, Access.everything());
    }

    /**
     * Titles and keywords completing what the user is typing (see {@link TypeAhead}), best first, taken only from the
     * latest versions of the documents {@code access} may see.
     *
     * @param size 1 to {@value TypeAhead#MAX_SIZE}
     */
    public List<Suggestion> autocomplete(String typed, int size, Access access) {
        Visibility visibility = Visibility.current(Objects.requireNonNull(access, "access"));
        try (IndexSnapshot snapshot = index.snapshot()) {
            return typeAhead.complete(searcher(snapshot), visibility, typed, size);
        } catch (IOException e) {
            throw new SearchFailedException("complete \"" + typed + "\"", e);
        }
    }

    /**
     * Latest versions of documents most similar to document {@code id}, among every document; see {@link
     * #related(String, int, Access)}.
     */
    public List<Hit> related(String id, int size) {
        return related(id, size, Access.everything());
    }

    /**
     * Documents most similar to document {@code id}, best first, without pages, among the latest versions of the
     * documents {@code access} may see. The document itself may be an older version.
     *
     * @param size 1 to {@value RelatedDocuments#MAX_SIZE}
     * @throws DocumentNotFoundException when no document has this id, or {@code access} may not see it (the two are
     *     indistinguishable, so that a caller learns nothing of a document it may not see)
     */
    public List<Hit> related(String id, int size, Access access) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(access, "access");
        try (IndexSnapshot snapshot = index.snapshot()) {
            IndexSearcher searcher = searcher(snapshot);
            TopDocs top = searcher.search(related.likeQuery(searcher, access, id, size), size);
            if (searcher.timedOut()) {
                throw new SearchTimeoutException(settings.timeLimit());
            }
            return hits(searcher, null, top.scoreDocs, 0);
        } catch (IOException e) {
            throw new SearchFailedException("find documents related to " + id, e);
        }
    }

    /**
     * The query in the other language as {@link #search} reads it, cognates checked against the index's words; what a
     * sentence encoder takes ({@link Translation#text()}) to search the other language by meaning.
     *
     * @param readerLanguage the reader's language ("fr", "en"), which decides when the query's words do not; may be null
     */
    public Translation translate(String query, String readerLanguage) {
        try (IndexSnapshot snapshot = index.snapshot()) {
            return translate(query, readerLanguage, snapshot);
        }
    }

    /** The query in the other language, its cognates checked against this snapshot's words. */
    private Translation translate(String query, String readerLanguage, IndexSnapshot snapshot) {
        return translator.translate(
                query, Language.ofCode(readerLanguage).orElse(null), new IndexVocabulary(snapshot.reader()));
    }

    private IndexSearcher searcher(IndexSnapshot snapshot) {
        IndexSearcher searcher = new IndexSearcher(snapshot.reader());
        searcher.setSimilarity(new BM25Similarity(settings.k1(), settings.b()));
        searcher.setTimeout(new Deadline(settings.timeLimit()));
        return searcher;
    }

    private List<Hit> hits(IndexSearcher searcher, ParsedQuery query, ScoreDoc[] page, int pagesPerHit)
            throws IOException {
        BestPages bestPages = query != null && pagesPerHit > 0 && query.hasHighlights() && page.length > 0
                ? BestPages.of(searcher, query.highlight(), pagesPerHit)
                : null;
        List<Hit> hits = new ArrayList<>(page.length);
        StoredFields stored = searcher.storedFields();
        for (int i = 0; i < page.length; i++) {
            HitFields fields = new HitFields();
            stored.document(page[i].doc, fields);
            hits.add(fields.toHit(page[i].score, bestPages == null ? List.of() : bestPages.of(page[i].doc)));
        }
        return hits;
    }

    /**
     * A corrected query, offered only when it finds more of the documents this search may see: each corrected word
     * is taken from visible documents, and the whole correction must find more of them than the query did.
     */
    private String didYouMean(
            IndexSearcher searcher, String text, Map<String, Query> filters, Visibility visibility, long total)
            throws IOException {
        if (text == null || text.isBlank()) {
            return null;
        }
        String corrected = spelling.correct(searcher, visibility, text);
        if (corrected == null) {
            return null;
        }
        try {
            int found = searcher.count(FacetedSearch.filtered(
                    visibility.restrict(parser.parse(corrected).scoring()), filters));
            return found > total ? corrected : null;
        } catch (QuerySyntaxException e) {
            return null; // a correction that does not parse is no help
        }
    }

    private static ScoreDoc[] slice(ScoreDoc[] all, int from, int size) {
        int start = Math.min(from, all.length);
        int end = Math.min(start + size, all.length);
        ScoreDoc[] page = new ScoreDoc[end - start];
        System.arraycopy(all, start, page, 0, page.length);
        return page;
    }
}
