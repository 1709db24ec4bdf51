package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.alima.portal.indexer.crosslang.Language;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.EngineQueries;
import org.alima.portal.indexer.search.LanguageVersion;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.QuerySyntaxException;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.search.Suggestion;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.SuggestWord;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The read side of {@link OpenSearchEngine}: the portal's queries run on the cluster, with the embedded search's
 * behaviour. Thread-safe.
 *
 * <p>Nothing is decided here that {@link org.alima.portal.indexer.search.PortalSearch} decides: the user's text is
 * read by the portal's parser and restricted by its visibility rule and filters ({@link EngineQueries}), and the
 * resulting Lucene queries are translated term for term ({@link LuceneToOpenSearch}); pages are chosen, snippets cut,
 * versions of a work collapsed, suggestions and corrections picked by the same code, from what OpenSearch found.
 *
 * <p>Differences, by design: ranking is by words only; a request for ranking by meaning (dense or hybrid) is ranked
 * by BM25 here, the integ-test distribution having no k-NN plugin. Cursors carry the embedded search's position (the
 * last hit's sort values, the document id last), sent as {@code search_after}, and the point in time the next pages
 * are read in: opened by the first page read with a cursor (a reader who pages on), not by every first page, which
 * would keep one open per search for {@value #KEEP_ALIVE} and reach the cluster's limit at about one search a second;
 * kept {@value #KEEP_ALIVE} after each page. The second page, and any page whose point in time has expired or was
 * refused, goes on in the live index, exactly, as the embedded engine's cursor does.
 * Marks on pages come from OpenSearch's unified highlighter on each page's text, which may mark a word of a phrase
 * slightly differently from Lucene's matches on the body.
 */
final class OpenSearchQueries {

    /** The nested field of the pages. */
    static final String PAGES = IndexDefinition.PAGES;

    /** Start and end of a highlighted word: characters no page text holds. */
    private static final String MARK_START = "\u0002";

    private static final String MARK_END = "\u0003";

    /** Pages of a hit read with their marks to choose the best; OpenSearch's inner hits stop at 100. */
    private static final int MAX_PAGES_READ = 100;

    /** How long a point in time outlives the page that last read it. */
    static final String KEEP_ALIVE = "5m";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final OpenSearchClient client;
    private final IndexNames names;
    private final SearchSettings search;
    private final QueryTranslator translator;
    private final EngineQueries queries;
    private final Cluster cluster;
    private final LuceneToOpenSearch documents = LuceneToOpenSearch.documents();

    /**
     * Which words the index holds, as found in the last minute: a cognate check is one request to the cluster, and
     * most searches ask for words other searches asked for (a word new to the index counts as a cognate within the
     * minute). The embedded index reads its term dictionary instead, in memory.
     */
    private final Cache<String, Boolean> heldWords = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    OpenSearchQueries(OpenSearchClient client, IndexNames names, SearchSettings search, QueryTranslator translator) {
        this.client = Objects.requireNonNull(client, "client");
        this.names = Objects.requireNonNull(names, "names");
        this.search = Objects.requireNonNull(search, "search");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.queries = new EngineQueries(search);
        this.cluster = new Cluster(client.generic(), names.alias());
    }

    /**
     * One page of results; see {@link PortalSearch#search}. Ranked by words: a hybrid request is ranked by BM25 alone
     * and a request for meaning alone is refused, as by the embedded engine without a dense model.
     */
    SearchResponse search(SearchRequest request) {
        long started = System.nanoTime();
        PagedCursor cursor = request.cursor() == null ? null : PagedCursor.read(request.cursor(), request.sort());
        EngineQueries.Position after = cursor == null ? null : cursor.position();
        Translation translation = translate(request.query(), request.readerLanguage());
        EngineQueries.Plan plan = queries.plan(request, translation);
        if (request.sort() == SortOrder.RELEVANCE
                && plan.anyVisible()
                && Objects.requireNonNullElse(request.mode(), search.mode())
                        == org.alima.portal.indexer.search.RankingMode.DENSE) {
            // As the embedded engine without a dense model: hybrid falls back to words, meaning alone cannot.
            throw EngineQueries.invalid(
                    "ranking by meaning needs the dense model, which this search engine runs without; rank by words");
        }
        Access access = request.access();
        boolean superseded = request.includeSuperseded();
        Map<String, Query> filters = plan.filters();
        // The words relaxed when together they find too little (PartialMatches), under the request's filters.
        List<EngineQueries.Word> relaxedWords = List.of();
        long allWords = -1;
        Query scoring = plan.scoring();
        if (plan.relaxable()) {
            List<EngineQueries.Word> words = queries.requiredWords(request.query(), translation);
            if (!words.isEmpty()) {
                allWords = count(
                        EngineQueries.filtered(EngineQueries.restrict(plan.scoring(), access, superseded), filters));
                if (allWords < EngineQueries.FEW_HITS) {
                    relaxedWords = words;
                    scoring = EngineQueries.relaxed(words);
                } else {
                    allWords = -1;
                }
            }
        }
        Query visible = EngineQueries.restrict(scoring, access, superseded);
        Query collapsed = plan.anyVisible()
                ? collapse(visible, EngineQueries.filtered(visible, filters), request.readerLanguage())
                : EngineQueries.nothing();

        ObjectNode body = JSON.objectNode();
        ObjectNode query = documents.translate(collapsed);
        if (!relaxedWords.isEmpty()) {
            query = withNamedWords(query, relaxedWords);
        }
        body.set("query", query);
        if (!filters.isEmpty()) {
            // Filters after the facets are counted: each dimension counts under the others' filters (drill sideways).
            body.set("post_filter", documents.translate(EngineQueries.filtered(new MatchAllDocsQuery(), filters)));
        }
        body.put("size", request.size() + 1);
        body.put("from", after == null ? request.from() : 0);
        body.put("track_total_hits", true);
        body.put("track_scores", true);
        body.put("timeout", search.timeLimit().toMillis() + "ms");
        body.set("sort", sort(request.sort()));
        body.set("_source", hitSource());
        if (after != null) {
            ArrayNode searchAfter = body.putArray("search_after");
            if (after.value() instanceof Float score) {
                searchAfter.add(score);
            } else {
                searchAfter.add((Long) after.value());
            }
            searchAfter.add(after.id());
        }
        if (request.withFacets()) {
            body.set("aggs", facetAggregations(filters));
        }
        JsonNode answer = cursor == null || cursor.pit() == null ? null : inPointInTime(body, cursor.pit());
        if (answer == null) {
            answer = send("POST", "/" + names.alias() + "/_search", body);
        }
        requireInTime(answer);
        JsonNode found = answer.path("hits").path("hits");
        int shown = Math.min(found.size(), request.size());
        List<JsonNode> page = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            page.add(found.get(i));
        }
        List<Hit> hits = hits(
                page,
                request.pagesPerHit() > 0 ? plan.highlight() : null,
                request.pagesPerHit(),
                relaxedWords,
                access,
                superseded);
        String nextCursor = null;
        if (found.size() > request.size() && !page.isEmpty()) {
            JsonNode last = page.getLast().path("sort");
            Object value = request.sort() == SortOrder.RELEVANCE
                    ? (Object) last.get(0).floatValue()
                    : (Object) last.get(0).longValue();
            // A point in time for a reader paging on: from the page after the second, or the one this page was read in.
            String pit = answer.path("pit_id").isTextual()
                    ? answer.path("pit_id").asText()
                    : cursor != null ? openPointInTime() : null;
            nextCursor = PagedCursor.write(
                    EngineQueries.cursor(request.sort(), value, last.get(1).asText()), pit);
        }
        long total = answer.path("hits").path("total").path("value").asLong();
        Map<String, List<FacetValue>> facets = Map.of();
        if (request.withFacets()) {
            facets = EngineQueries.knownFacets(access, facets(answer.path("aggregations")));
        }
        long wordMatches = allWords >= 0 ? allWords : total;
        String didYouMean = wordMatches < EngineQueries.FEW_HITS && plan.anyVisible()
                ? didYouMean(request, translation, filters, wordMatches)
                : null;
        return SearchResponse.of(total, hits, facets, nextCursor, didYouMean, started, translation);
    }

    /**
     * The search run in the point in time an earlier page opened, or null when that point in time is gone (kept
     * {@value #KEEP_ALIVE} after each page): the cursor's sort values then go on in the live index, as the embedded
     * engine's cursor does.
     */
    private JsonNode inPointInTime(ObjectNode body, String pit) {
        ObjectNode inPit = body.deepCopy();
        inPit.putObject("pit").put("id", pit).put("keep_alive", KEEP_ALIVE);
        try {
            Cluster.Answer answer = cluster.send("POST", "/_search", inPit, Cluster.Kind.READ);
            return answer.found() ? answer.body() : null;
        } catch (org.alima.portal.indexer.index.IndexException e) {
            return null; // expired or unknown: the live index serves the page
        }
    }

    /**
     * A point in time for the next pages of a search, or null when the cluster refuses one: the pages then come from
     * the live index. The cluster answers 429 once it holds {@code search.max_open_pit_context} (300 by default) open
     * points in time, each kept {@value #KEEP_ALIVE} (a portal opening one for every first page reached it at about one
     * search a second, and searches failed as 503 under the engine benchmark's load): the search that asked must not
     * fail for it, nor wait for a retry, so the request is sent once.
     */
    private String openPointInTime() {
        try {
            Cluster.Answer answer = cluster.send(
                    "POST",
                    "/" + names.alias() + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE,
                    null,
                    Cluster.Kind.OPTIONAL);
            JsonNode id = answer.body().path("pit_id");
            return answer.found() && id.isTextual() ? id.asText() : null;
        } catch (org.alima.portal.indexer.index.IndexException | EngineUnavailableException e) {
            return null;
        }
    }

    /**
     * The portal's opaque cursor (the last hit's sort values, see {@link EngineQueries#cursor}), followed after a dot
     * by the point in time the pages are read in, when there is one.
     */
    private record PagedCursor(EngineQueries.Position position, String pit) {

        private static final java.util.Base64.Encoder ENCODER =
                java.util.Base64.getUrlEncoder().withoutPadding();
        private static final java.util.Base64.Decoder DECODER = java.util.Base64.getUrlDecoder();

        /** @throws org.alima.portal.indexer.search.InvalidSearchRequestException when the cursor is malformed */
        static PagedCursor read(String cursor, SortOrder sort) {
            int dot = cursor.indexOf('.');
            EngineQueries.Position position = EngineQueries.position(dot < 0 ? cursor : cursor.substring(0, dot), sort);
            if (dot < 0) {
                return new PagedCursor(position, null);
            }
            try {
                return new PagedCursor(
                        position,
                        new String(DECODER.decode(cursor.substring(dot + 1)), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw EngineQueries.invalid("the cursor is not one this server produced; pass nextCursor unchanged");
            }
        }

        static String write(String position, String pit) {
            return pit == null
                    ? position
                    : position + "." + ENCODER.encodeToString(pit.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Ids of the best {@code size} documents, every document visible, latest versions only; ranked by words. */
    List<String> rankedIds(String query, int size) {
        if (size < 1 || size > PortalSearch.MAX_RANKED_IDS) {
            throw EngineQueries.invalid(
                    "size must be between 1 and " + PortalSearch.MAX_RANKED_IDS + " (MAX_RANKED_IDS), got " + size);
        }
        Access everything = Access.everything();
        Translation translation = translate(query, null);
        Query scoring = queries.parse(query, translation)[0];
        List<EngineQueries.Word> words = queries.requiredWords(query, translation);
        if (!words.isEmpty() && count(EngineQueries.restrict(scoring, everything, false)) < EngineQueries.FEW_HITS) {
            scoring = EngineQueries.relaxed(words);
        }
        ObjectNode body = JSON.objectNode();
        body.set("query", documents.translate(EngineQueries.restrict(scoring, everything, false)));
        body.put("size", size);
        body.put("_source", false);
        body.put("timeout", search.timeLimit().toMillis() + "ms");
        JsonNode answer = send("POST", "/" + names.alias() + "/_search", body);
        requireInTime(answer);
        List<String> ids = new ArrayList<>();
        answer.path("hits").path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
        return ids;
    }

    /** Titles and keywords completing what the user is typing, among the latest versions {@code access} may see. */
    List<Suggestion> autocomplete(String typed, int size, Access access) {
        Objects.requireNonNull(access, "access");
        List<String> prefixes = EngineQueries.typeAheadPrefixes(typed, size);
        if (prefixes.isEmpty()) {
            return List.of();
        }
        ObjectNode body = JSON.objectNode();
        body.set(
                "query",
                documents.translate(EngineQueries.restrict(EngineQueries.typeAheadQuery(prefixes), access, false)));
        body.put("size", EngineQueries.typeAheadCandidates(size));
        body.set(
                "_source",
                JSON.arrayNode().add(IndexSchema.ID).add(IndexSchema.TITLE).add(IndexSchema.KEYWORDS));
        JsonNode answer = send("POST", "/" + names.alias() + "/_search", body);
        List<EngineQueries.Completion> found = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            found.add(new EngineQueries.Completion(
                    hit.path("_id").asText(),
                    text(source.get(IndexSchema.TITLE)),
                    texts(source.get(IndexSchema.KEYWORDS))));
        }
        return EngineQueries.suggestions(found, prefixes, size);
    }

    /**
     * Documents most similar to document {@code id} ({@code more_like_this} with the embedded search's settings, on
     * the same text: title, abstract, keywords and the first 20,000 characters of its pages), without its other
     * versions and translations, among the latest versions {@code access} may see.
     */
    List<Hit> related(String id, int size, Access access) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(access, "access");
        if (size < 1 || size > EngineQueries.MAX_RELATED) {
            throw EngineQueries.invalid(
                    "related size must be between 1 and " + EngineQueries.MAX_RELATED + " (MAX_SIZE), got " + size);
        }
        JsonNode source = visibleSource(
                id,
                access,
                List.of(
                        IndexSchema.TITLE,
                        IndexSchema.ABSTRACT,
                        IndexSchema.KEYWORDS,
                        IndexSchema.WORK,
                        IndexSchema.TRANSLATIONS,
                        PAGES + "." + IndexSchema.PAGE_TEXT,
                        PAGES + "." + IndexSchema.PAGE_NUMBER));
        ObjectNode like = JSON.objectNode();
        putText(like, IndexSchema.TITLE, source.get(IndexSchema.TITLE));
        putText(like, IndexSchema.ABSTRACT, source.get(IndexSchema.ABSTRACT));
        putText(like, IndexSchema.KEYWORDS, source.get(IndexSchema.KEYWORDS));
        ArrayNode body = like.putArray(IndexSchema.BODY);
        int budget = 20_000;
        for (JsonNode page : sortedPages(source)) {
            if (budget <= 0) {
                break;
            }
            String text = page.path(IndexSchema.PAGE_TEXT).asText("");
            String kept = text.length() > budget ? text.substring(0, budget) : text;
            body.add(kept);
            budget -= kept.length();
        }
        ObjectNode mlt = JSON.objectNode();
        ArrayNode fields = mlt.putArray("fields");
        List.of(IndexSchema.TITLE, IndexSchema.ABSTRACT, IndexSchema.KEYWORDS, IndexSchema.BODY)
                .forEach(fields::add);
        mlt.putArray("like").addObject().set("doc", like);
        mlt.put("min_term_freq", 1);
        mlt.put("min_doc_freq", 2);
        mlt.put("min_word_length", 3);
        mlt.put("max_query_terms", 25);
        mlt.put("boost_terms", 1);
        // Lucene's MoreLikeThis asks for any of its terms; OpenSearch's default is 30% of them.
        mlt.put("minimum_should_match", "1");
        ObjectNode bool = JSON.objectNode();
        bool.putArray("must").addObject().set("more_like_this", mlt);
        bool.putArray("filter")
                .add(documents.translate(EngineQueries.restrict(new MatchAllDocsQuery(), access, false)));
        ArrayNode mustNot = bool.putArray("must_not");
        mustNot.add(documents.translate(new TermQuery(new Term(IndexSchema.ID, id))));
        if (source.hasNonNull(IndexSchema.WORK)) {
            mustNot.add(
                    documents.translate(new TermQuery(new Term(IndexSchema.WORK, text(source.get(IndexSchema.WORK))))));
        }
        if (source.hasNonNull(IndexSchema.TRANSLATIONS)) {
            mustNot.add(documents.translate(
                    new TermQuery(new Term(IndexSchema.TRANSLATIONS, text(source.get(IndexSchema.TRANSLATIONS))))));
        }
        ObjectNode request = JSON.objectNode();
        request.putObject("query").set("bool", bool);
        request.put("size", size);
        request.put("timeout", search.timeLimit().toMillis() + "ms");
        request.set("_source", hitSource());
        JsonNode answer = send("POST", "/" + names.alias() + "/_search", request);
        requireInTime(answer);
        List<JsonNode> found = new ArrayList<>();
        answer.path("hits").path("hits").forEach(found::add);
        return hits(found, null, 0, List.of(), access, false);
    }

    /** One page's whole text, the query's words marked; see {@link PortalSearch#page}. */
    PageText page(String id, int page, String query, String readerLanguage, Access access) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(access, "access");
        Query highlight = null;
        if (query != null && !query.isBlank()) {
            highlight = queries.parse(query, translate(query, readerLanguage))[1];
        }
        JsonNode source = visibleSource(
                id,
                access,
                List.of(
                        IndexSchema.TITLE,
                        IndexSchema.LANGUAGE,
                        IndexDefinition.facetField(IndexSchema.LANGUAGE),
                        IndexSchema.PAGE_COUNT));
        int pageCount = source.path(IndexSchema.PAGE_COUNT).asInt();
        if (page < 1 || page > pageCount) {
            throw EngineQueries.pageOutOfRange(id, page, pageCount);
        }
        ObjectNode pageQuery = JSON.objectNode();
        ObjectNode pageBool = pageQuery.putObject("bool");
        pageBool.putArray("filter").addObject().putObject("term").put(PAGES + "." + IndexSchema.PAGE_NUMBER, page);
        ObjectNode nested = nested(pageQuery, 1, highlight, LuceneToOpenSearch.pages(languageTerm(source)));
        ObjectNode bool = JSON.objectNode();
        bool.putArray("filter").addObject().putObject("ids").putArray("values").add(id);
        bool.putArray("must").add(nested);
        ObjectNode body = JSON.objectNode();
        body.putObject("query").set("bool", bool);
        body.put("size", 1);
        body.put("_source", false);
        JsonNode hits = send("POST", "/" + names.alias() + "/_search", body)
                .path("hits")
                .path("hits");
        JsonNode inner = hits.isEmpty()
                ? JSON.arrayNode()
                : hits.get(0).path("inner_hits").path(PAGES).path("hits").path("hits");
        String text = "";
        List<EngineQueries.Mark> marks = List.of();
        if (!inner.isEmpty()) {
            text = inner.get(0).path("_source").path(IndexSchema.PAGE_TEXT).asText("");
            marks = marks(inner.get(0), text, highlight == null ? List.of() : Parts.of(highlight).parts);
        }
        return EngineQueries.pageText(
                id, text(source.get(IndexSchema.TITLE)), language(source), page, pageCount, text, marks);
    }

    /** The query in the other language, its cognates checked against the words the index holds. */
    Translation translate(String query, String readerLanguage) {
        return translator.translate(query, Language.ofCode(readerLanguage).orElse(null), this::holds);
    }

    // --- parts of a search ---------------------------------------------------------------------------------------

    /** Whether some document holds the word: the did-you-mean dictionary for English, the body for French. */
    private boolean holds(String foldedWord, Language language) {
        String field = language == Language.ENGLISH ? IndexSchema.SPELLING : IndexSchema.BODY;
        return heldWords.get(field + ':' + foldedWord, key -> count(new TermQuery(new Term(field, foldedWord))) > 0);
    }

    /**
     * {@code visible} without the language versions another version of the same work stands for, among those
     * {@code matching} finds (see the embedded {@code TranslationCollapse}).
     */
    private Query collapse(Query visible, Query matching, String readerLanguage) {
        Query linked = new BooleanQuery.Builder()
                .add(matching, BooleanClause.Occur.MUST)
                .add(
                        new org.apache.lucene.search.FieldExistsQuery(IndexSchema.TRANSLATIONS),
                        BooleanClause.Occur.FILTER)
                .build();
        ObjectNode body = JSON.objectNode();
        body.set("query", documents.translate(linked));
        body.put("size", EngineQueries.MAX_LINKED);
        body.set(
                "_source",
                JSON.arrayNode()
                        .add(IndexSchema.TRANSLATIONS)
                        .add(IndexSchema.LANGUAGE)
                        .add(IndexDefinition.facetField(IndexSchema.LANGUAGE)));
        JsonNode found = send("POST", "/" + names.alias() + "/_search", body)
                .path("hits")
                .path("hits");
        if (found.size() < 2) {
            return visible;
        }
        Map<String, List<EngineQueries.Version>> byWork = new LinkedHashMap<>();
        for (JsonNode hit : found) {
            JsonNode source = hit.path("_source");
            byWork.computeIfAbsent(text(source.get(IndexSchema.TRANSLATIONS)), key -> new ArrayList<>())
                    .add(new EngineQueries.Version(hit.path("_id").asText(), language(source)));
        }
        List<String> leftOut = EngineQueries.collapsedAway(byWork.values(), readerLanguage);
        if (leftOut.isEmpty()) {
            return visible;
        }
        return new BooleanQuery.Builder()
                .add(visible, BooleanClause.Occur.MUST)
                .add(
                        new org.apache.lucene.search.TermInSetQuery(
                                IndexSchema.ID,
                                leftOut.stream()
                                        .map(org.apache.lucene.util.BytesRef::new)
                                        .toList()),
                        BooleanClause.Occur.MUST_NOT)
                .build();
    }

    /** The query, each relaxed word also named (scoring nothing) so that a hit says which words it lacks. */
    private ObjectNode withNamedWords(ObjectNode query, List<EngineQueries.Word> words) {
        ArrayNode named = JSON.arrayNode();
        for (int i = 0; i < words.size(); i++) {
            ObjectNode constant = JSON.objectNode();
            constant.set("filter", documents.translate(words.get(i).query()));
            constant.put("_name", "word" + i);
            named.addObject().set("constant_score", constant);
        }
        ObjectNode any = JSON.objectNode();
        any.putObject("bool").set("should", named);
        ObjectNode zero = JSON.objectNode();
        zero.set("filter", any);
        zero.put("boost", 0f);
        ObjectNode bool = JSON.objectNode();
        bool.putArray("must").add(query);
        bool.putArray("should").addObject().set("constant_score", zero);
        ObjectNode wrapped = JSON.objectNode();
        wrapped.set("bool", bool);
        return wrapped;
    }

    /** Every sort ends with the id, as the embedded index's, so a cursor names one position exactly. */
    private static ArrayNode sort(SortOrder order) {
        ArrayNode sort = JSON.arrayNode();
        switch (order) {
            case RELEVANCE -> sort.addObject().put("_score", "desc");
            case NEWEST -> {
                ObjectNode date = sort.addObject().putObject(IndexSchema.DATE);
                date.put("order", "desc");
                date.put("missing", "_last");
            }
        }
        sort.addObject().put(IndexSchema.ID, "asc");
        return sort;
    }

    private static ArrayNode hitSource() {
        ArrayNode fields = JSON.arrayNode();
        List.of(
                        IndexSchema.ID,
                        IndexSchema.TITLE,
                        IndexSchema.AUTHORS,
                        IndexSchema.TYPE,
                        IndexSchema.LANGUAGE,
                        IndexSchema.YEAR,
                        IndexSchema.REVIEW_DUE,
                        IndexSchema.TRANSLATIONS,
                        IndexDefinition.facetField(IndexSchema.TYPE),
                        IndexDefinition.facetField(IndexSchema.LANGUAGE))
                .forEach(fields::add);
        return fields;
    }

    /** One aggregation per facet dimension, each under the filters of the other dimensions. */
    private ObjectNode facetAggregations(Map<String, Query> filters) {
        ObjectNode aggs = JSON.objectNode();
        for (String dimension : IndexSchema.FACET_DIMENSIONS) {
            Map<String, Query> others = new LinkedHashMap<>(filters);
            others.remove(dimension);
            ObjectNode aggregation = aggs.putObject(dimension);
            aggregation.set(
                    "filter",
                    others.isEmpty()
                            ? JSON.objectNode().set("match_all", JSON.objectNode())
                            : documents.translate(EngineQueries.filtered(new MatchAllDocsQuery(), others)));
            ObjectNode terms = aggregation.putObject("aggs").putObject("values").putObject("terms");
            terms.put("field", IndexDefinition.facetField(dimension));
            terms.put("size", EngineQueries.VALUES_PER_DIMENSION);
        }
        return aggs;
    }

    private static Map<String, List<FacetValue>> facets(JsonNode aggregations) {
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        for (String dimension : IndexSchema.FACET_DIMENSIONS) {
            List<FacetValue> values = new ArrayList<>();
            for (JsonNode bucket : aggregations.path(dimension).path("values").path("buckets")) {
                values.add(new FacetValue(
                        bucket.path("key").asText(), bucket.path("doc_count").asLong()));
            }
            facets.put(dimension, values);
        }
        return facets;
    }

    /**
     * A corrected query, offered only when it finds more visible documents than the query did (see the embedded
     * {@code didYouMean}): words known to the reader are kept, others replaced by the nearest word of the visible
     * documents in the query's language that OpenSearch's term suggester proposes from the {@code spelling} field.
     */
    private String didYouMean(SearchRequest request, Translation translation, Map<String, Query> filters, long total) {
        String text = request.query();
        if (text == null || text.isBlank()) {
            return null;
        }
        Access access = request.access();
        boolean superseded = request.includeSuperseded();
        Optional<Language> language = translation.source().or(() -> Language.ofCode(request.readerLanguage()));
        Query inLanguage = language.<Query>map(
                        l -> new TermQuery(new Term(IndexSchema.LANGUAGE, IndexSchema.keywordTerm(l.code()))))
                .orElse(null);
        String corrected = EngineQueries.correct(text, new EngineQueries.Words() {
            @Override
            public boolean known(String token) {
                if (!translation.alternativesFor(token).isEmpty()) {
                    return true;
                }
                try {
                    return count(EngineQueries.restrict(queries.parse(token, translation)[0], access, superseded)) > 0;
                } catch (QuerySyntaxException e) {
                    return true; // not a plain word: left as typed
                }
            }

            @Override
            public List<SuggestWord> candidates(String word) {
                if (word.length() < EngineQueries.SPELLING_MIN_WORD_LENGTH) {
                    return List.of();
                }
                String folded = word.toLowerCase(java.util.Locale.ROOT);
                if (count(EngineQueries.restrict(
                                new TermQuery(new Term(IndexSchema.SPELLING, folded)), access, superseded))
                        > 0) {
                    return List.of();
                }
                List<SuggestWord> candidates = new ArrayList<>();
                for (JsonNode option : suggest(folded)) {
                    SuggestWord candidate = new SuggestWord();
                    candidate.string = option.path("text").asText();
                    candidate.score = option.path("score").floatValue();
                    Query term = new TermQuery(new Term(IndexSchema.SPELLING, candidate.string));
                    if (inLanguage != null) {
                        term = new BooleanQuery.Builder()
                                .add(term, BooleanClause.Occur.MUST)
                                .add(inLanguage, BooleanClause.Occur.FILTER)
                                .build();
                    }
                    candidate.freq = (int) count(EngineQueries.restrict(term, access, superseded));
                    candidates.add(candidate);
                }
                return candidates;
            }
        });
        if (corrected == null) {
            return null;
        }
        try {
            long found = count(EngineQueries.filtered(
                    EngineQueries.restrict(
                            queries.parse(corrected, Translation.none(corrected))[0], access, superseded),
                    filters));
            return found > total ? corrected : null;
        } catch (QuerySyntaxException e) {
            return null; // a correction that does not parse is no help
        }
    }

    /** The nearest words of the whole index's dictionary, as Lucene's DirectSpellChecker draws them. */
    private JsonNode suggest(String word) {
        ObjectNode term = JSON.objectNode();
        term.put("field", IndexSchema.SPELLING);
        term.put("suggest_mode", "always");
        term.put("max_edits", 2);
        term.put("prefix_length", 1);
        term.put("min_word_length", EngineQueries.SPELLING_MIN_WORD_LENGTH);
        term.put("size", EngineQueries.SPELLING_CANDIDATES);
        term.put("max_term_freq", (float) Integer.MAX_VALUE);
        term.put("string_distance", "internal");
        term.put("accuracy", 0.5f);
        term.put("sort", "score");
        ObjectNode body = JSON.objectNode();
        body.put("size", 0);
        ObjectNode suggestion = body.putObject("suggest").putObject("word");
        suggestion.put("text", word);
        suggestion.set("term", term);
        JsonNode answer = send("POST", "/" + names.alias() + "/_search", body);
        JsonNode entries = answer.path("suggest").path("word");
        return entries.isEmpty() ? JSON.arrayNode() : entries.get(0).path("options");
    }

    // --- hits and their pages ------------------------------------------------------------------------------------

    private List<Hit> hits(
            List<JsonNode> found,
            Query highlight,
            int pagesPerHit,
            List<EngineQueries.Word> relaxedWords,
            Access access,
            boolean superseded) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, List<PageHit>> pagesById =
                highlight == null || pagesPerHit == 0 ? Map.of() : bestPages(found, highlight, pagesPerHit);
        Map<String, List<LanguageVersion>> others = otherVersions(found, access, superseded);
        List<Hit> hits = new ArrayList<>(found.size());
        for (JsonNode hit : found) {
            String id = hit.path("_id").asText();
            JsonNode source = hit.path("_source");
            List<String> missing = new ArrayList<>();
            if (!relaxedWords.isEmpty()) {
                Set<String> matched = new HashSet<>();
                hit.path("matched_queries").forEach(name -> matched.add(name.asText()));
                for (int i = 0; i < relaxedWords.size(); i++) {
                    if (!matched.contains("word" + i)) {
                        missing.add(relaxedWords.get(i).typed());
                    }
                }
            }
            JsonNode year = source.get(IndexSchema.YEAR);
            JsonNode reviewDue = source.get(IndexSchema.REVIEW_DUE);
            hits.add(new Hit(
                    id,
                    text(source.get(IndexSchema.TITLE)),
                    hit.path("_score").floatValue(),
                    texts(source.get(IndexSchema.AUTHORS)),
                    display(source, IndexSchema.TYPE),
                    language(source),
                    year == null || year.isNull() ? null : year.asInt(),
                    pagesById.getOrDefault(id, List.of()),
                    reviewDue == null || reviewDue.isNull() ? null : LocalDate.parse(reviewDue.asText()),
                    missing,
                    others.getOrDefault(id, List.of())));
        }
        return hits;
    }

    /** The other language versions of each hit's work that the caller may see, by language. */
    private Map<String, List<LanguageVersion>> otherVersions(List<JsonNode> found, Access access, boolean superseded) {
        Map<String, String> workOf = new HashMap<>();
        for (JsonNode hit : found) {
            JsonNode set = hit.path("_source").get(IndexSchema.TRANSLATIONS);
            if (set != null && !set.isNull()) {
                workOf.put(hit.path("_id").asText(), text(set));
            }
        }
        if (workOf.isEmpty()) {
            return Map.of();
        }
        Query versions = EngineQueries.restrict(
                new org.apache.lucene.search.TermInSetQuery(
                        IndexSchema.TRANSLATIONS,
                        workOf.values().stream()
                                .distinct()
                                .map(org.apache.lucene.util.BytesRef::new)
                                .toList()),
                access,
                superseded);
        ObjectNode body = JSON.objectNode();
        body.set("query", documents.translate(versions));
        body.put("size", 50 * workOf.size());
        body.set(
                "_source",
                JSON.arrayNode()
                        .add(IndexSchema.TITLE)
                        .add(IndexSchema.TRANSLATIONS)
                        .add(IndexSchema.LANGUAGE)
                        .add(IndexDefinition.facetField(IndexSchema.LANGUAGE)));
        JsonNode versionsFound = send("POST", "/" + names.alias() + "/_search", body)
                .path("hits")
                .path("hits");
        Map<String, List<LanguageVersion>> others = new HashMap<>();
        workOf.forEach((id, set) -> {
            List<LanguageVersion> list = new ArrayList<>();
            Set<String> languages = new HashSet<>();
            for (JsonNode version : versionsFound) {
                JsonNode source = version.path("_source");
                String versionId = version.path("_id").asText();
                String language = language(source);
                if (!versionId.equals(id)
                        && set.equals(text(source.get(IndexSchema.TRANSLATIONS)))
                        && language != null
                        && languages.add(language)) {
                    list.add(new LanguageVersion(versionId, language, text(source.get(IndexSchema.TITLE))));
                }
            }
            list.sort(Comparator.comparing(LanguageVersion::language));
            others.put(id, list);
        });
        return others;
    }

    /**
     * The best pages of each hit: the pages matching the most parts of the query come first from OpenSearch (each
     * part scores one on a page), each read whole with its words highlighted; the embedded search's order (most
     * parts, most matches, first page) then chooses among them and its snippet code cuts them.
     */
    private Map<String, List<PageHit>> bestPages(List<JsonNode> found, Query highlight, int pagesPerHit) {
        Map<String, List<String>> idsByLanguage = new LinkedHashMap<>();
        for (JsonNode hit : found) {
            idsByLanguage
                    .computeIfAbsent(languageTerm(hit.path("_source")), language -> new ArrayList<>())
                    .add(hit.path("_id").asText());
        }
        Map<String, List<PageHit>> byId = new HashMap<>();
        idsByLanguage.forEach((language, ids) -> byId.putAll(bestPages(ids, language, highlight, pagesPerHit)));
        return byId;
    }

    /** The best pages of the hits {@code ids}, all in {@code language}. */
    private Map<String, List<PageHit>> bestPages(
            List<String> found, String language, Query highlight, int pagesPerHit) {
        LuceneToOpenSearch pages = LuceneToOpenSearch.pages(language);
        Parts parts = Parts.of(highlight);
        ArrayNode perPart = JSON.arrayNode();
        for (Query part : parts.queries) {
            ObjectNode constant = JSON.objectNode();
            constant.set("filter", pages.translate(part));
            perPart.addObject().set("constant_score", constant);
        }
        ObjectNode partsQuery = JSON.objectNode();
        partsQuery.putObject("bool").set("should", perPart);
        int read = Math.min(MAX_PAGES_READ, Math.max(pagesPerHit * 10, 20));
        ObjectNode nested = nested(partsQuery, read, highlight, pages);
        ArrayNode ids = JSON.arrayNode();
        found.forEach(ids::add);
        ObjectNode bool = JSON.objectNode();
        bool.putArray("filter").addObject().putObject("ids").set("values", ids);
        bool.putArray("must").add(nested);
        ObjectNode body = JSON.objectNode();
        body.putObject("query").set("bool", bool);
        body.put("size", found.size());
        body.put("_source", false);
        JsonNode answer = send("POST", "/" + names.alias() + "/_search", body);
        Map<String, List<PageHit>> byId = new HashMap<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            Map<Integer, List<EngineQueries.Mark>> marksByPage = new HashMap<>();
            Map<Integer, JsonNode> pageSources = new HashMap<>();
            for (JsonNode inner :
                    hit.path("inner_hits").path(PAGES).path("hits").path("hits")) {
                JsonNode source = inner.path("_source");
                int number = source.path(IndexSchema.PAGE_NUMBER).asInt();
                String text = source.path(IndexSchema.PAGE_TEXT).asText("");
                List<EngineQueries.Mark> marks = marks(inner, text, parts.parts);
                if (!marks.isEmpty()) {
                    marksByPage.put(number, marks);
                    pageSources.put(number, source);
                }
            }
            List<PageHit> chosen = new ArrayList<>();
            for (int number : EngineQueries.bestPages(marksByPage, pagesPerHit)) {
                JsonNode source = pageSources.get(number);
                chosen.add(new PageHit(
                        number,
                        EngineQueries.snippet(source.path(IndexSchema.PAGE_TEXT).asText(""), marksByPage.get(number)),
                        false,
                        source.path(IndexSchema.PAGE_OCR).asBoolean(false)));
            }
            byId.put(hit.path("_id").asText(), chosen);
        }
        return byId;
    }

    /** A nested query on the pages returning the best {@code size} with their text, highlighted when asked. */
    private static ObjectNode nested(ObjectNode pageQuery, int size, Query highlight, LuceneToOpenSearch pages) {
        ObjectNode nested = JSON.objectNode();
        nested.put("path", PAGES);
        nested.put("score_mode", "max");
        nested.set("query", pageQuery);
        ObjectNode inner = nested.putObject("inner_hits");
        inner.put("size", size);
        inner.put("_source", true);
        ArrayNode sort = inner.putArray("sort");
        sort.addObject().put("_score", "desc");
        sort.addObject().put(PAGES + "." + IndexSchema.PAGE_NUMBER, "asc");
        if (highlight != null) {
            ObjectNode field =
                    inner.putObject("highlight").putObject("fields").putObject(PAGES + "." + IndexSchema.PAGE_TEXT);
            field.put("type", "unified");
            field.put("number_of_fragments", 0);
            field.putArray("pre_tags").add(MARK_START);
            field.putArray("post_tags").add(MARK_END);
            field.set("highlight_query", pages.translate(highlight));
        }
        ObjectNode query = JSON.objectNode();
        query.set("nested", nested);
        return query;
    }

    /** The marks of a highlighted page, by offset in its text, each given the part of the query its word belongs to. */
    private static List<EngineQueries.Mark> marks(JsonNode inner, String text, List<Part> parts) {
        JsonNode fragments = inner.path("highlight").path(PAGES + "." + IndexSchema.PAGE_TEXT);
        if (fragments.isEmpty()) {
            return List.of();
        }
        String marked = fragments.get(0).asText();
        List<EngineQueries.Mark> marks = new ArrayList<>();
        StringBuilder plain = new StringBuilder(marked.length());
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == MARK_START.charAt(0)) {
                start = plain.length();
            } else if (c == MARK_END.charAt(0) && start >= 0) {
                String word = plain.substring(start);
                marks.add(new EngineQueries.Mark(start, plain.length(), partOf(word, parts)));
                start = -1;
            } else {
                plain.append(c);
            }
        }
        if (!plain.toString().equals(text)) {
            // The highlighter read another text than the page's source: its offsets would mark the wrong words.
            return List.of();
        }
        return marks;
    }

    private static int partOf(String word, List<Part> parts) {
        List<String> terms = new ArrayList<>();
        try (org.apache.lucene.analysis.TokenStream stream =
                IndexSchema.analyzer().tokenStream(IndexSchema.BODY, word)) {
            org.apache.lucene.analysis.tokenattributes.CharTermAttribute term =
                    stream.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String normalized =
                IndexSchema.analyzer().normalize(IndexSchema.BODY, word).utf8ToString();
        terms.add(normalized);
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).matches(terms)) {
                return i;
            }
        }
        return parts.size();
    }

    /** The top-level positive clauses of a highlight query: one per typed word or phrase, with what it matches. */
    private record Parts(List<Query> queries, List<Part> parts) {

        static Parts of(Query highlight) {
            List<Query> clauses = highlight instanceof BooleanQuery bool
                    ? bool.clauses().stream()
                            .filter(clause -> clause.occur() != BooleanClause.Occur.MUST_NOT)
                            .map(BooleanClause::query)
                            .toList()
                    : List.of(highlight);
            return new Parts(clauses, clauses.stream().map(Part::of).toList());
        }
    }

    /** The terms and term patterns of one part of the query. */
    private record Part(Set<String> terms, List<org.apache.lucene.util.automaton.ByteRunAutomaton> patterns) {

        static Part of(Query query) {
            Set<String> terms = new HashSet<>();
            List<org.apache.lucene.util.automaton.ByteRunAutomaton> patterns = new ArrayList<>();
            query.visit(new org.apache.lucene.search.QueryVisitor() {
                @Override
                public void consumeTerms(Query q, Term... consumed) {
                    for (Term term : consumed) {
                        terms.add(term.text());
                    }
                }

                @Override
                public void consumeTermsMatching(
                        Query q,
                        String field,
                        java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton> automaton) {
                    patterns.add(automaton.get());
                }

                @Override
                public org.apache.lucene.search.QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                    return occur == BooleanClause.Occur.MUST_NOT ? EMPTY_VISITOR : this;
                }
            });
            return new Part(terms, patterns);
        }

        boolean matches(List<String> words) {
            for (String word : words) {
                if (terms.contains(word)) {
                    return true;
                }
                byte[] bytes = word.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (org.apache.lucene.util.automaton.ByteRunAutomaton pattern : patterns) {
                    if (pattern.run(bytes, 0, bytes.length)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    // --- reading documents ---------------------------------------------------------------------------------------

    /**
     * The stored fields of document {@code id}, any version {@code access} may see.
     *
     * @throws org.alima.portal.indexer.search.SearchException DocumentNotFoundException when it may not, or none has
     *     this id
     */
    private JsonNode visibleSource(String id, Access access, List<String> fields) {
        ObjectNode body = JSON.objectNode();
        body.set(
                "query",
                documents.translate(EngineQueries.restrict(new TermQuery(new Term(IndexSchema.ID, id)), access, true)));
        body.put("size", 1);
        ArrayNode source = body.putArray("_source");
        fields.forEach(source::add);
        JsonNode hits = send("POST", "/" + names.alias() + "/_search", body)
                .path("hits")
                .path("hits");
        if (hits.isEmpty()) {
            throw EngineQueries.notFound(id);
        }
        return hits.get(0).path("_source");
    }

    private static List<JsonNode> sortedPages(JsonNode source) {
        List<JsonNode> list = new ArrayList<>();
        source.path(PAGES).forEach(list::add);
        list.sort(Comparator.comparingInt(
                page -> page.path(IndexSchema.PAGE_NUMBER).asInt()));
        return list;
    }

    private static void putText(ObjectNode like, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        like.set(field, value);
    }

    /** The display form of a keyword dimension: as the embedded index stores it, else the filter's term. */
    private static String display(JsonNode source, String dimension) {
        JsonNode facet = source.path(IndexDefinition.FACET).get(dimension);
        if (facet != null && !facet.isNull()) {
            return text(facet);
        }
        return text(source.get(dimension));
    }

    /** The document's language as an index term, empty when it has none. */
    private static String languageTerm(JsonNode source) {
        String language = text(source.get(IndexSchema.LANGUAGE));
        return language == null ? "" : IndexSchema.keywordTerm(language);
    }

    private static String language(JsonNode source) {
        return display(source, IndexSchema.LANGUAGE);
    }

    /** A single value, or the first of an array; null when absent. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isArray()) {
            return value.isEmpty() ? null : value.get(0).asText();
        }
        return value.asText();
    }

    private static List<String> texts(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            return List.of(value.asText());
        }
        List<String> texts = new ArrayList<>(value.size());
        value.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    // --- the cluster ---------------------------------------------------------------------------------------------

    private long count(Query query) {
        ObjectNode body = JSON.objectNode();
        body.set("query", documents.translate(query));
        return send("POST", "/" + names.alias() + "/_count", body).path("count").asLong();
    }

    private void requireInTime(JsonNode answer) {
        if (answer.path("timed_out").asBoolean(false)) {
            throw EngineQueries.timeout(search.timeLimit());
        }
    }

    /**
     * Sends one request and reads its JSON answer.
     *
     * @throws EngineUnavailableException when the cluster cannot be reached or answers that it is unavailable
     */
    private JsonNode send(String method, String path, ObjectNode body) {
        Cluster.Answer answer;
        try {
            answer = cluster.send(method, path, body, Cluster.Kind.READ);
        } catch (org.alima.portal.indexer.index.IndexException e) {
            throw EngineQueries.failed(method + " " + path, e);
        }
        if (!answer.found()) {
            throw EngineQueries.failed(
                    method + " " + path + " (no index " + names.alias() + ": " + Cluster.reason(answer.body()) + ")",
                    null);
        }
        return answer.body();
    }

    private static String abbreviated(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    @Override
    public String toString() {
        return "OpenSearchQueries[" + names + ", " + search + ", " + translator + "]";
    }
}
