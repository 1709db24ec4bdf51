package org.alima.portal.indexer.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;

/**
 * What {@link PortalSearch} decides for a request, as Lucene queries and plain values, for an engine that runs them
 * elsewhere (the OpenSearch engine translates the queries into its own language): one query grammar, one visibility
 * rule, one way of choosing pages, corrections, suggestions and cursors, whichever engine answers. Immutable;
 * thread-safe.
 */
public final class EngineQueries {

    /** A query with fewer hits than this gets a did-you-mean correction, and a short one its partial matches. */
    public static final int FEW_HITS = PortalSearch.FEW_HITS;

    /** Facet values returned per dimension, most frequent first. */
    public static final int VALUES_PER_DIMENSION = FacetedSearch.VALUES_PER_DIMENSION;

    /** A document's score rises by this for each of a relaxed query's words it holds ({@link PartialMatches}). */
    public static final float PER_WORD = PartialMatches.PER_WORD;

    /** Most related documents one call returns. */
    public static final int MAX_RELATED = RelatedDocuments.MAX_SIZE;

    /** Nearest words considered per misspelled word, before visibility is checked. */
    public static final int SPELLING_CANDIDATES = SpellingCorrector.CANDIDATES;

    /** Shortest word the corrector corrects. */
    public static final int SPELLING_MIN_WORD_LENGTH = SpellingCorrector.MIN_WORD_LENGTH;

    /** Most matching language versions read to collapse translations; the rest are not collapsed. */
    public static final int MAX_LINKED = TranslationCollapse.MAX_LINKED;

    private final UserQueryParser parser;

    public EngineQueries(SearchSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.parser = new UserQueryParser(settings.weights(), settings.tieBreaker(), settings.minimumShouldMatch());
    }

    /**
     * What a search request asks for, decided as {@link PortalSearch#search} decides it.
     *
     * @param scoring the user's words as the parser reads them, visibility not applied
     * @param highlight what to mark on the pages (on {@code body}), or null when nothing is to be marked
     * @param filters one non-scoring filter per restricted facet dimension, in the schema's order
     * @param anyVisible false when the request asked only for collections its caller may not know of: it finds nothing
     * @param relaxable whether a short query finding too little may be relaxed into its partial matches
     */
    public record Plan(
            Query scoring, Query highlight, Map<String, Query> filters, boolean anyVisible, boolean relaxable) {}

    /**
     * The plan of a request whose query was translated into {@code translation}.
     *
     * @throws QuerySyntaxException when the query is refused, or names a collection its caller may not know of
     */
    public Plan plan(SearchRequest request, Translation translation) {
        Visibility visibility = Visibility.of(request);
        Optional<Filters> known = visibility.knownFilters(request.filters());
        Map<String, Query> filters = FacetedSearch.filterQueries(known.orElse(request.filters()));
        ParsedQuery parsed = parser.parse(request.query(), translation);
        visibility.checkCollectionClauses(parsed);
        return new Plan(
                parsed.scoring(),
                parsed.hasHighlights() ? parsed.highlight() : null,
                filters,
                known.isPresent(),
                known.isPresent() && request.sort() == SortOrder.RELEVANCE);
    }

    /** The user's text as the parser reads it: {@code [scoring, highlight or null]}. */
    public Query[] parse(String text, Translation translation) {
        ParsedQuery parsed = parser.parse(text, translation);
        return new Query[] {parsed.scoring(), parsed.hasHighlights() ? parsed.highlight() : null};
    }

    /** One word of a short query that must match all its words, with its query (translations included). */
    public record Word(String typed, Query query) {}

    /**
     * The words a short query requires, each with its own query, stop words left out; empty when the query is not
     * relaxable (not plain words, one word, more than three, an OR): see {@link PartialMatches}.
     */
    public List<Word> requiredWords(String text, Translation translation) {
        List<String> typed = parser.requiredWords(text);
        if (typed.size() < 2) {
            return List.of();
        }
        List<Word> words = new ArrayList<>();
        for (String word : typed) {
            Query query = parser.parse(word, translation).scoring();
            if (!PartialMatches.isEmptyWord(query)) {
                words.add(new Word(word, query));
            }
        }
        return words.size() < 2 ? List.of() : words;
    }

    /** The relaxed query of {@link #requiredWords}: documents holding more of the words first. */
    public static Query relaxed(List<Word> words) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        words.forEach(word -> PartialMatches.addWord(any, word.query()));
        return any.build();
    }

    /** The query limited to what {@code access} may see (superseded versions too when asked), without scoring. */
    public static Query restrict(Query query, Access access, boolean includeSuperseded) {
        return new Visibility(access, includeSuperseded).restrict(query);
    }

    /** The query restricted by the filters, which do not score. */
    public static Query filtered(Query query, Map<String, Query> filters) {
        return FacetedSearch.filtered(query, filters);
    }

    /** The facet counts without the collections {@code access} may not know of. */
    public static Map<String, List<FacetValue>> knownFacets(Access access, Map<String, List<FacetValue>> counted) {
        return Visibility.current(access).knownFacets(counted);
    }

    /** Every dimension with no values. */
    public static Map<String, List<FacetValue>> emptyFacets() {
        return FacetedSearch.empty();
    }

    /** Matches nothing: what a request for unknown collections searches. */
    public static Query nothing() {
        return new MatchNoDocsQuery();
    }

    // --- pages --------------------------------------------------------------------------------------------------

    /**
     * Where a query's word matched on a page.
     *
     * @param part which part of the query (typed word or phrase) matched; the same number for its stems and
     *     translations
     */
    public record Mark(int start, int end, int part) {}

    /** The numbers of the best {@code pages} pages, best first, as embedded search chooses them. */
    public static List<Integer> bestPages(Map<Integer, List<Mark>> marksByPage, int pages) {
        Map<Integer, List<Snippet.Match>> byPage = new java.util.HashMap<>();
        marksByPage.forEach((page, marks) -> byPage.put(page, matches(marks)));
        return BestPages.bestFirst(byPage, pages);
    }

    /** A page's snippet: HTML-escaped, cut around its best cluster of marks, each in {@code <mark>}. */
    public static String snippet(String text, List<Mark> marks) {
        return Snippet.of(text, matches(marks));
    }

    /** The whole page as HTML, the marks in {@code <mark>}, as {@link PortalSearch#page} shows it. */
    public static String wholePage(String text, List<Mark> marks) {
        return Snippet.whole(text, matches(marks));
    }

    private static List<Snippet.Match> matches(List<Mark> marks) {
        return marks.stream()
                .map(mark -> new Snippet.Match(mark.start(), mark.end(), mark.part()))
                .toList();
    }

    // --- cursors ------------------------------------------------------------------------------------------------

    /** The position a cursor names: the first sort value (a Float score or a Long date) and the document id. */
    public record Position(Object value, String id) {}

    /** The opaque cursor after the hit with these sort values, as embedded search writes it. */
    public static String cursor(SortOrder order, Object value, String id) {
        return Cursor.encode(order, value, id.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidSearchRequestException when the cursor is malformed or was made for another sort order */
    public static Position position(String cursor, SortOrder order) {
        FieldDoc after = Cursor.decode(cursor, order);
        return new Position(after.fields[0], ((BytesRef) after.fields[1]).utf8ToString());
    }

    // --- translations -------------------------------------------------------------------------------------------

    /** One matching language version of a work, as collapsing reads it. */
    public record Version(String id, String language) {}

    /** The ids of the versions left out: per work (versions best first), the reader's language or else the first. */
    public static List<String> collapsedAway(Collection<List<Version>> works, String readerLanguage) {
        List<List<TranslationCollapse.Version>> versions = works.stream()
                .map(work -> work.stream()
                        .map(version -> new TranslationCollapse.Version(version.id(), version.language()))
                        .toList())
                .toList();
        return TranslationCollapse.leftOut(versions, readerLanguage);
    }

    // --- type-ahead ---------------------------------------------------------------------------------------------

    /**
     * The folded prefixes a type-ahead looks up; empty when nothing was typed.
     *
     * @throws InvalidSearchRequestException when the text is too long or the size out of bounds
     */
    public static List<String> typeAheadPrefixes(String typed, int size) {
        try {
            return TypeAhead.prefixes(typed, size);
        } catch (IOException e) {
            throw new SearchFailedException("read \"" + typed + "\"", e);
        }
    }

    /** The documents a type-ahead reads suggestions from, best first. */
    public static Query typeAheadQuery(List<String> prefixes) {
        return TypeAhead.query(prefixes);
    }

    /** How many documents to read for {@code size} suggestions. */
    public static int typeAheadCandidates(int size) {
        return TypeAhead.candidates(size);
    }

    /** A document the type-ahead query found. */
    public record Completion(String id, String title, List<String> keywords) {}

    /** The suggestions read from the documents found, best first. */
    public static List<Suggestion> suggestions(List<Completion> found, List<String> prefixes, int size) {
        try {
            return TypeAhead.pick(
                    found.stream()
                            .map(doc -> new TypeAhead.Candidate(doc.id(), doc.title(), doc.keywords()))
                            .toList(),
                    prefixes,
                    size);
        } catch (IOException e) {
            throw new SearchFailedException("read suggestions", e);
        }
    }

    // --- did-you-mean -------------------------------------------------------------------------------------------

    /** What a corrector asks its index. */
    public interface Words {

        /** Whether the typed token is the reader's own (a translation table has it, or it finds visible documents). */
        boolean known(String token);

        /** The nearest words to a misspelled word, each with its frequency among the visible documents. */
        List<SuggestWord> candidates(String word);
    }

    /** The query with its misspelled plain words replaced, or null when none needs correcting. */
    public static String correct(String query, Words words) {
        try {
            return SpellingCorrector.correct(query, words::known, word -> {
                SuggestWord best = SpellingCorrector.best(words.candidates(word));
                return best == null ? null : best.string;
            });
        } catch (IOException e) {
            throw new SearchFailedException("correct \"" + query + "\"", e);
        }
    }

    // --- failures, as embedded search reports them --------------------------------------------------------------

    /** The search ran past {@code limit}. */
    public static SearchException timeout(java.time.Duration limit) {
        return new SearchTimeoutException(limit);
    }

    /** No visible document has this id. */
    public static SearchException notFound(String id) {
        return new DocumentNotFoundException(id);
    }

    /** The document has no such page. */
    public static SearchException pageOutOfRange(String id, int page, int pageCount) {
        return new PageOutOfRangeException(id, page, pageCount);
    }

    /** The caller asked wrongly; the message says what to do instead. */
    public static SearchException invalid(String message) {
        return new InvalidSearchRequestException(message);
    }

    /** The engine failed to do {@code action}. */
    public static SearchException failed(String action, Throwable cause) {
        return new SearchFailedException(action, cause);
    }

    /** A page's text with its marks, given its document. */
    public static PageText pageText(
            String id, String title, String language, int page, int pageCount, String text, List<Mark> marks) {
        return new PageText(id, title, language, page, pageCount, wholePage(text, marks), marks.size());
    }
}
