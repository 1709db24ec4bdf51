package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.alima.portal.indexer.crosslang.Language;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.IndexSnapshot;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.alima.portal.indexer.semantic.SemanticModel;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.util.BytesRef;

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
 *       its words; when all the words of such a short query find fewer than {@value #FEW_HITS} documents, the
 *       documents holding some of them follow, each saying which words it lacks ({@link PartialMatches});
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
    private final SemanticModel semantic;

    /** BM25 only, with the default settings. */
    public PortalSearch(PortalIndex index) {
        this(index, SearchSettings.defaults());
    }

    /** BM25 only: without a dense model, hybrid requests are ranked by BM25. */
    public PortalSearch(PortalIndex index, SearchSettings settings) {
        this(index, settings, QueryTranslator.standard());
    }

    /**
     * BM25 only.
     *
     * @param translator how queries are translated between French and English ({@link QueryTranslator#off()} to
     *     search the typed words only)
     */
    public PortalSearch(PortalIndex index, SearchSettings settings, QueryTranslator translator) {
        this(index, settings, translator, null);
    }

    /**
     * With the standard translation of queries.
     *
     * @param semantic the dense model that encodes queries, loaded at the first search that needs it; null for BM25
     *     only
     */
    public PortalSearch(PortalIndex index, SearchSettings settings, SemanticModel semantic) {
        this(index, settings, QueryTranslator.standard(), semantic);
    }

    /**
     * @param translator how queries are translated between French and English ({@link QueryTranslator#off()} to
     *     search the typed words only)
     * @param semantic the dense model that encodes queries, loaded at the first search that needs it; null for BM25
     *     only
     */
    public PortalSearch(
            PortalIndex index, SearchSettings settings, QueryTranslator translator, SemanticModel semantic) {
        this.index = Objects.requireNonNull(index, "index");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.parser = new UserQueryParser(settings.weights(), settings.tieBreaker(), settings.minimumShouldMatch());
        this.semantic = semantic;
    }

    /** The dense model this search encodes queries with, if any. */
    public Optional<SemanticModel> semantic() {
        return Optional.ofNullable(semantic);
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
        Visibility visibility = Visibility.of(request);
        Optional<Filters> known = visibility.knownFilters(request.filters());
        Map<String, Query> filters = FacetedSearch.filterQueries(known.orElse(request.filters()));
        // Newest first lists what the words match, not the nearest by meaning; nothing to see needs no model either.
        RankingMode mode = request.sort() == SortOrder.RELEVANCE && known.isPresent()
                ? Objects.requireNonNullElse(request.mode(), settings.mode())
                : RankingMode.LEXICAL;
        loadModelIfNeeded(mode);
        try (IndexSnapshot snapshot = index.snapshot()) {
            Translation translation = translate(request.query(), request.readerLanguage(), snapshot);
            IndexSearcher searcher = searcher(snapshot);
            Ranking ranking = rank(
                    searcher,
                    request.query(),
                    translation,
                    mode,
                    visibility,
                    known.isPresent() && request.sort() == SortOrder.RELEVANCE ? filters : null);
            // The base of every query below (hits, facet counts of each dimension, the total): what the caller may see.
            Query visible = visibility.restrict(ranking.scoring());
            // One hit per work in several languages, chosen among the versions the filters keep (TranslationCollapse).
            Query scoring = known.isPresent()
                    ? TranslationCollapse.collapse(
                            searcher, visible, FacetedSearch.filtered(visible, filters), request.readerLanguage())
                    : new MatchNoDocsQuery();
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
                facets = visibility.knownFacets(result.facets());
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
            List<Hit> hits = hits(searcher, ranking, page, request.pagesPerHit(), visibility);
            boolean more = top.scoreDocs.length > skipped + request.size();
            String nextCursor =
                    more && page.length > 0 ? Cursor.encode(request.sort(), (FieldDoc) page[page.length - 1]) : null;
            long total = top.totalHits.value();
            // Did-you-mean is about the words: a misspelt query still has neighbours by meaning.
            long wordMatches;
            if (ranking.partial() != null) {
                wordMatches = ranking.partial().allWords();
            } else if (ranking.dense().isEmpty()) {
                wordMatches = total;
            } else {
                wordMatches = searcher.count(FacetedSearch.filtered(visibility.restrict(ranking.lexical()), filters));
            }
            String didYouMean = wordMatches < FEW_HITS && known.isPresent()
                    ? didYouMean(
                            searcher,
                            request.query(),
                            translation,
                            request.readerLanguage(),
                            filters,
                            visibility,
                            wordMatches)
                    : null;
            return SearchResponse.of(total, hits, facets, nextCursor, didYouMean, started, translation);
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
        return rankedIds(query, size, settings.mode());
    }

    /**
     * As {@link #rankedIds(String, int)}, ranked by {@code mode}.
     *
     * @throws InvalidSearchRequestException when {@code mode} needs a dense model and this search has none
     */
    public List<String> rankedIds(String query, int size, RankingMode mode) {
        if (size < 1 || size > MAX_RANKED_IDS) {
            throw new InvalidSearchRequestException(
                    "size must be between 1 and " + MAX_RANKED_IDS + " (MAX_RANKED_IDS), got " + size);
        }
        Visibility visibility = Visibility.current(Access.everything());
        loadModelIfNeeded(mode);
        try (IndexSnapshot snapshot = index.snapshot()) {
            Translation translation = translate(query, null, snapshot);
            IndexSearcher searcher = searcher(snapshot);
            Ranking ranking =
                    rank(searcher, query, translation, Objects.requireNonNull(mode, "mode"), visibility, Map.of());
            TopDocs top = searcher.search(visibility.restrict(ranking.scoring()), size);
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
     * The documents nearest to {@code query} by meaning, best first, before the floor ({@link Fusion#meaningFloor()})
     * and without fusion, each with its cosine similarity and whether the query's words (with their translation) match
     * it: what the floor is measured on. Every document counts, as for {@link Access#everything()}, latest versions
     * only; empty where the index holds no vectors or the query is not plain words.
     *
     * @throws InvalidSearchRequestException when this search has no dense model
     */
    public List<Neighbour> neighbours(String query, int size) {
        if (semantic == null) {
            throw new InvalidSearchRequestException("neighbours by meaning need the dense model");
        }
        Visibility visibility = Visibility.current(Access.everything());
        loadModelIfNeeded(RankingMode.DENSE);
        try (IndexSnapshot snapshot = index.snapshot()) {
            Translation translation = translate(query, null, snapshot);
            IndexSearcher searcher = searcher(snapshot);
            if (!QueryText.isPlainWords(query) || !hasVectors(searcher)) {
                return List.of();
            }
            Query lexical = parser.parse(query, translation).scoring();
            float[] vector = semantic.encoder().encodeQuery(denseText(query, translation));
            List<DenseRetrieval.Match> nearest = DenseRetrieval.nearest(
                    searcher,
                    vector,
                    semantic.model().id(),
                    visibility,
                    settings.fusion().withDenseCandidates(size));
            Set<Integer> wordMatches = matchingWords(searcher, lexical, nearest);
            List<Neighbour> neighbours = new ArrayList<>(nearest.size());
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (DenseRetrieval.Match match : nearest) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(match.doc(), leaves));
                SortedDocValues id = DocValues.getSorted(leaf.reader(), IndexSchema.ID);
                id.advanceExact(match.doc() - leaf.docBase);
                neighbours.add(new Neighbour(
                        id.lookupOrd(id.ordValue()).utf8ToString(),
                        2 * match.score() - 1,
                        wordMatches.contains(match.doc())));
            }
            return neighbours;
        } catch (IOException e) {
            throw new SearchFailedException("find neighbours of \"" + query + "\"", e);
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
            return hits(searcher, null, top.scoreDocs, 0, Visibility.current(access));
        } catch (IOException e) {
            throw new SearchFailedException("find documents related to " + id, e);
        }
    }

    /**
     * The whole text of page {@code page} of document {@code id} (any version), with the words of {@code query} marked
     * as a results page marks them in its snippets: the same analysis, stems and translations. The caller decides
     * whether its reader may see the document; {@code access} keeps to what it may find in the index.
     *
     * @param query the reader's query, or null or blank for nothing marked
     * @param readerLanguage the reader's language ("fr", "en"), which decides when the query's words do not; may be null
     * @throws DocumentNotFoundException when the index does not hold the document, or {@code access} may not see it
     * @throws PageOutOfRangeException when the document has no page {@code page}
     * @throws QuerySyntaxException when the query text is refused
     */
    public PageText page(String id, int page, String query, String readerLanguage, Access access) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(access, "access");
        try (IndexSnapshot snapshot = index.snapshot()) {
            IndexSearcher searcher = searcher(snapshot);
            Query document = new TermQuery(new Term(IndexSchema.ID, id));
            ScoreDoc[] found = searcher.search(new Visibility(access, true).restrict(document), 1).scoreDocs;
            if (found.length == 0) {
                throw new DocumentNotFoundException(id);
            }
            int doc = found[0].doc;
            org.apache.lucene.document.Document fields = searcher.storedFields()
                    .document(doc, Set.of(IndexSchema.TITLE, IndexSchema.LANGUAGE, IndexSchema.PAGE_COUNT));
            int pageCount =
                    fields.getField(IndexSchema.PAGE_COUNT).numericValue().intValue();
            if (page < 1 || page > pageCount) {
                throw new PageOutOfRangeException(id, page, pageCount);
            }
            Query highlight = null;
            if (query != null && !query.isBlank()) {
                ParsedQuery parsed = parser.parse(query, translate(query, readerLanguage, snapshot));
                highlight = parsed.hasHighlights() ? parsed.highlight() : null;
            }
            PageText.Marked marked = BestPages.of(searcher, highlight, 1).marked(doc, page);
            return new PageText(
                    id,
                    fields.get(IndexSchema.TITLE),
                    fields.get(IndexSchema.LANGUAGE),
                    page,
                    pageCount,
                    marked.html(),
                    marked.marks());
        } catch (IOException e) {
            throw new SearchFailedException("read page " + page + " of " + id, e);
        }
    }

    /**
     * The whole text of every page of document {@code id}, in page order (an empty string for a page without text),
     * as the index stored them for snippets: what an offline pack searches, read once from one snapshot. The caller
     * decides whether its reader may see the document; {@code access} keeps to what it may find in the index.
     *
     * @throws DocumentNotFoundException when the index does not hold the document, or {@code access} may not see it
     */
    public List<String> pageTexts(String id, Access access) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(access, "access");
        try (IndexSnapshot snapshot = index.snapshot()) {
            IndexSearcher searcher = searcher(snapshot);
            Query document = new TermQuery(new Term(IndexSchema.ID, id));
            ScoreDoc[] found = searcher.search(new Visibility(access, true).restrict(document), 1).scoreDocs;
            if (found.length == 0) {
                throw new DocumentNotFoundException(id);
            }
            int doc = found[0].doc;
            StoredFields stored = searcher.storedFields();
            int pageCount = stored.document(doc, Set.of(IndexSchema.PAGE_COUNT))
                    .getField(IndexSchema.PAGE_COUNT)
                    .numericValue()
                    .intValue();
            List<String> pages = new ArrayList<>(pageCount);
            for (int page = 1; page <= pageCount; page++) {
                // A block's documents have consecutive doc ids: page k follows its document by k.
                String text = stored.document(doc + page, Set.of(IndexSchema.PAGE_TEXT))
                        .get(IndexSchema.PAGE_TEXT);
                pages.add(text == null ? "" : text);
            }
            return pages;
        } catch (IOException e) {
            throw new SearchFailedException("read the pages of " + id, e);
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
        // Lucene's own clock, in milliseconds: a limit under one expires at once, as a 1 ns one did before.
        searcher.setTimeout(new QueryTimeoutImpl(settings.timeLimit().toMillis()));
        return searcher;
    }

    private List<Hit> hits(
            IndexSearcher searcher, Ranking ranking, ScoreDoc[] page, int pagesPerHit, Visibility visibility)
            throws IOException {
        BestPages bestPages = ranking != null && pagesPerHit > 0 && page.length > 0
                ? BestPages.of(searcher, ranking.highlight(), pagesPerHit)
                : null;
        PartialMatches partial = ranking == null ? null : ranking.partial();
        List<Hit> hits = new ArrayList<>(page.length);
        StoredFields stored = searcher.storedFields();
        for (int i = 0; i < page.length; i++) {
            HitFields fields = new HitFields();
            stored.document(page[i].doc, fields);
            hits.add(fields.toHit(
                    page[i].score,
                    bestPages == null ? List.of() : pages(bestPages, ranking, page[i].doc, pagesPerHit),
                    partial == null ? List.of() : partial.missingFrom(searcher, page[i].doc),
                    TranslationCollapse.others(searcher, visibility, fields.id, fields.translations)));
        }
        return hits;
    }

    /**
     * A hit's pages: those where its words match best, and the page of its passage nearest in meaning, first when
     * the document ranks higher by meaning than by words (or its words match on no page), else after them. A page
     * chosen both ways keeps its place among the word pages but is shown as found by meaning (its passage, query words
     * marked in it): the reader is told that this page answers the question, not only that it shares a word with it.
     */
    private static List<PageHit> pages(BestPages bestPages, Ranking ranking, int doc, int pagesPerHit)
            throws IOException {
        List<PageHit> byWords = bestPages.of(doc);
        DenseRetrieval.Match match = ranking.dense().get(doc);
        if (match == null || !match.hasPassage()) {
            return byWords;
        }
        PageHit byMeaning = bestPages.passage(doc, match.page(), match.start(), match.end());
        List<PageHit> pages = new ArrayList<>(pagesPerHit);
        boolean placed = byWords.isEmpty() || ranking.denseRank(doc) < ranking.lexicalRank(doc);
        if (placed) {
            pages.add(byMeaning);
        }
        for (PageHit hit : byWords) {
            if (hit.page() != byMeaning.page()) {
                pages.add(hit);
            } else if (!placed) {
                pages.add(byMeaning);
                placed = true;
            }
        }
        if (!placed) {
            pages.add(byMeaning);
        }
        return pages.size() > pagesPerHit ? pages.subList(0, pagesPerHit) : pages;
    }

    /**
     * The query a search runs, with what its hits' pages need: BM25 alone, the nearest documents by meaning alone,
     * or both fused (see {@link FusedScores}). Dense ranking applies to plain words only ({@link
     * QueryText#isPlainWords}), and only where the index holds vectors of the search's model; otherwise BM25 alone.
     * The words are those of the query, or of its {@link PartialMatches} when together they find too little.
     *
     * @param filters the request's filters, which the count of documents holding every word respects; null when
     *     the search may not relax its words (sorted by date, or nothing to see)
     */
    private Ranking rank(
            IndexSearcher searcher,
            String text,
            Translation translation,
            RankingMode mode,
            Visibility visibility,
            Map<String, Query> filters)
            throws IOException {
        ParsedQuery query = parser.parse(text, translation);
        visibility.checkCollectionClauses(query);
        PartialMatches partial = filters == null
                ? null
                : PartialMatches.of(
                        searcher, parser, text, translation, query.scoring(), visibility, filters, FEW_HITS);
        Query lexical = partial == null ? query.scoring() : partial.scoring();
        Query highlight = query.hasHighlights() ? query.highlight() : null;
        if (mode == RankingMode.LEXICAL) {
            return Ranking.lexical(lexical, highlight, partial);
        }
        if (semantic == null) {
            if (mode == RankingMode.DENSE) {
                throw new InvalidSearchRequestException(
                        "ranking by meaning needs the dense model, which this portal runs without; rank by words");
            }
            return Ranking.lexical(lexical, highlight, partial);
        }
        String model = semantic.model().id();
        if (!QueryText.isPlainWords(text) || !hasVectors(searcher)) {
            return Ranking.lexical(lexical, highlight, partial);
        }
        float[] vector = semantic.encoder().encodeQuery(denseText(text, translation));
        Fusion fusion = settings.fusion();
        List<DenseRetrieval.Match> nearest = DenseRetrieval.nearest(searcher, vector, model, visibility, fusion);
        List<RankFusion.Scored> dense = new ArrayList<>(nearest.size());
        nearest.forEach(match -> dense.add(new RankFusion.Scored(match.doc(), match.score())));
        // The floor: a neighbour the words do not match is a hit only when near enough (see Fusion.MEANING_FLOOR).
        Set<Integer> wordMatches = matchingWords(searcher, lexical, nearest);
        Set<Integer> belowFloor = new HashSet<>();
        List<DenseRetrieval.Match> found = new ArrayList<>(nearest.size());
        for (DenseRetrieval.Match match : nearest) {
            if (wordMatches.contains(match.doc()) || fusion.passesFloor(match.score())) {
                found.add(match);
            } else {
                belowFloor.add(match.doc());
            }
        }
        List<RankFusion.Scored> lexicalTop = new ArrayList<>();
        List<RankFusion.Scored> fused;
        Query matching;
        if (mode == RankingMode.DENSE) {
            fused = new ArrayList<>(dense);
            fused.removeIf(scored -> belowFloor.contains(scored.doc()));
            matching = idsQuery(searcher, fused);
        } else {
            for (ScoreDoc hit : searcher.search(visibility.restrict(lexical), fusion.lexicalWindow()).scoreDocs) {
                lexicalTop.add(new RankFusion.Scored(hit.doc, hit.score));
            }
            // Fused over the whole dense list, then the neighbours below the floor dropped: the documents that stay
            // keep the order they had without a floor (the min-max normalisation sees the same list).
            fused = new ArrayList<>(RankFusion.fuse(fusion, lexicalTop, dense));
            fused.removeIf(scored -> belowFloor.contains(scored.doc()));
            matching = new BooleanQuery.Builder()
                    .add(lexical, BooleanClause.Occur.SHOULD)
                    .add(
                            new BoostQuery(new ConstantScoreQuery(idsQuery(searcher, fused)), 0f),
                            BooleanClause.Occur.SHOULD)
                    .build();
        }
        return new Ranking(
                new FunctionScoreQuery(matching, new FusedScores(fused)),
                lexical,
                highlight,
                found,
                lexicalTop,
                partial);
    }

    /**
     * Which of {@code nearest} the words of the query match (top-level doc ids), whatever their BM25 rank: the floor
     * applies only to the others.
     */
    private static Set<Integer> matchingWords(IndexSearcher searcher, Query lexical, List<DenseRetrieval.Match> nearest)
            throws IOException {
        if (nearest.isEmpty()) {
            return Set.of();
        }
        int[] docs =
                nearest.stream().mapToInt(DenseRetrieval.Match::doc).sorted().toArray();
        Weight weight = searcher.createWeight(searcher.rewrite(lexical), ScoreMode.COMPLETE_NO_SCORES, 1);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Set<Integer> matching = new HashSet<>();
        int leafIndex = -1;
        DocIdSetIterator words = null;
        for (int doc : docs) {
            int at = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(at);
            if (at != leafIndex) {
                leafIndex = at;
                Scorer scorer = weight.scorer(leaf);
                words = scorer == null ? null : scorer.iterator();
            }
            int target = doc - leaf.docBase;
            int current = words == null ? DocIdSetIterator.NO_MORE_DOCS : words.docID();
            if (current < target) {
                current = words.advance(target);
            }
            if (current == target) {
                matching.add(doc);
            }
        }
        return matching;
    }

    /**
     * What the dense model reads: the model is English, so a query the translator found to be French is read as its
     * English translation (or both, see {@link Fusion.CrossLanguage}); any other query as typed.
     */
    private String denseText(String text, Translation translation) {
        boolean intoModelLanguage = !translation.isEmpty()
                && translation
                        .target()
                        .map(Language::code)
                        .orElse("")
                        .equals(semantic.model().language());
        if (!intoModelLanguage) {
            return text;
        }
        return switch (settings.fusion().crossLanguage()) {
            case TYPED -> text;
            case TRANSLATED -> translation.text();
            case BOTH -> text + " " + translation.text();
        };
    }

    /**
     * Loads the dense model, once, before a search that may need it starts its clock: its first load takes seconds,
     * which no search's time limit should pay; encoding the query does count.
     */
    private void loadModelIfNeeded(RankingMode mode) {
        if (semantic != null && mode != RankingMode.LEXICAL && !semantic.loaded()) {
            semantic.encoder();
        }
    }

    /** Whether some segment of the index holds document vectors. */
    private static boolean hasVectors(IndexSearcher searcher) {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            if (leaf.reader().getFieldInfos().fieldInfo(IndexSchema.DOCUMENT_VECTOR) != null) {
                return true;
            }
        }
        return false;
    }

    /** Matches exactly these documents (top-level doc ids of the searcher's snapshot), by their ids. */
    private static Query idsQuery(IndexSearcher searcher, List<RankFusion.Scored> docs) throws IOException {
        List<BytesRef> ids = new ArrayList<>(docs.size());
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (RankFusion.Scored scored : docs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(scored.doc(), leaves));
            SortedDocValues id = DocValues.getSorted(leaf.reader(), IndexSchema.ID);
            if (id.advanceExact(scored.doc() - leaf.docBase)) {
                ids.add(BytesRef.deepCopyOf(id.lookupOrd(id.ordValue())));
            }
        }
        return ids.isEmpty() ? new MatchNoDocsQuery() : new TermInSetQuery(IndexSchema.ID, ids);
    }

    /**
     * A corrected query, offered only when it finds more of the documents this search may see: each corrected word
     * is taken from visible documents in the query's language, and the whole correction must find more of them than
     * the query did. A word that finds visible documents by itself (through its forms or its translations), or that
     * the translation tables know ("measles"), is a word of the reader's, never corrected.
     */
    private String didYouMean(
            IndexSearcher searcher,
            String text,
            Translation translation,
            String readerLanguage,
            Map<String, Query> filters,
            Visibility visibility,
            long total)
            throws IOException {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<Language> language = translation.source().or(() -> Language.ofCode(readerLanguage));
        Query inLanguage = language.<Query>map(
                        l -> new TermQuery(new Term(IndexSchema.LANGUAGE, IndexSchema.keywordTerm(l.code()))))
                .orElse(null);
        String corrected = spelling.correct(
                searcher, visibility, text, inLanguage, word -> isReadersWord(searcher, visibility, word, translation));
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

    /** Whether a typed word is known: the translation tables have it, or it finds some visible document. */
    private boolean isReadersWord(IndexSearcher searcher, Visibility visibility, String word, Translation translation)
            throws IOException {
        if (!translation.alternativesFor(word).isEmpty()) {
            return true;
        }
        try {
            return searcher.count(
                            visibility.restrict(parser.parse(word, translation).scoring()))
                    > 0;
        } catch (QuerySyntaxException e) {
            return true; // not a plain word: left as typed
        }
    }

    private static ScoreDoc[] slice(ScoreDoc[] all, int from, int size) {
        int start = Math.min(from, all.length);
        int end = Math.min(start + size, all.length);
        ScoreDoc[] page = new ScoreDoc[end - start];
        System.arraycopy(all, start, page, 0, page.length);
        return page;
    }

    /**
     * What {@link #rank} decided for one search.
     *
     * @param scoring the query that matches and scores the hits
     * @param lexical the words alone (BM25), for did-you-mean's count
     * @param highlight the words to mark on pages, or null
     * @param nearest the documents found by meaning, best first (empty for BM25 alone)
     * @param lexicalTop BM25's best documents as fused (empty unless hybrid)
     * @param partial the query's words relaxed because together they found too little, or null
     */
    private record Ranking(
            Query scoring,
            Query lexical,
            Query highlight,
            List<DenseRetrieval.Match> nearest,
            List<RankFusion.Scored> lexicalTop,
            PartialMatches partial) {

        static Ranking lexical(Query lexical, Query highlight, PartialMatches partial) {
            return new Ranking(lexical, lexical, highlight, List.of(), List.of(), partial);
        }

        Map<Integer, DenseRetrieval.Match> dense() {
            Map<Integer, DenseRetrieval.Match> byDoc = new HashMap<>();
            nearest.forEach(match -> byDoc.put(match.doc(), match));
            return byDoc;
        }

        int denseRank(int doc) {
            for (int i = 0; i < nearest.size(); i++) {
                if (nearest.get(i).doc() == doc) {
                    return i;
                }
            }
            return Integer.MAX_VALUE;
        }

        int lexicalRank(int doc) {
            for (int i = 0; i < lexicalTop.size(); i++) {
                if (lexicalTop.get(i).doc() == doc) {
                    return i;
                }
            }
            return lexicalTop.isEmpty() ? 0 : Integer.MAX_VALUE;
        }
    }
}
