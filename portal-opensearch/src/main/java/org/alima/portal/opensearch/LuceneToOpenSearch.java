package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefIterator;

/**
 * Translates the Lucene queries the portal's parser, visibility rule and filters build into OpenSearch query DSL that
 * matches the same documents with the same scores: the portal keeps one query grammar, and OpenSearch runs what it
 * decided. Analysis is the same on both sides ({@code portal_text} equals the portal's analyzer), so analysed terms
 * are sent as terms. Stateless apart from its field mapping; thread-safe.
 *
 * <p>Stacked stems (a {@link SynonymQuery}, a {@link MultiPhraseQuery}) are sent as the folded word they came from,
 * in a {@code match} or {@code match_phrase} that OpenSearch analyses into the same synonym set (checked here with the
 * portal's analyzer, stop words standing for the gaps a phrase had), so BM25 scores the set as one term, as Lucene
 * does. An unknown query type is refused with {@link IllegalArgumentException}, never approximated.
 */
final class LuceneToOpenSearch {

    /** A stop word of the portal's analyzer: fills a phrase's position gaps where a stop word was removed. */
    private static final String GAP = "the";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UnaryOperator<String> fields;

    /** The language term of the document whose pages are searched, or null for queries on documents. */
    private final String language;

    private LuceneToOpenSearch(UnaryOperator<String> fields, String language) {
        this.fields = fields;
        this.language = language;
    }

    /** Queries on the documents' own fields. */
    static LuceneToOpenSearch documents() {
        return new LuceneToOpenSearch(UnaryOperator.identity(), null);
    }

    /**
     * Queries on the body, run on each page of a document in {@code language} instead ({@code pages.page_text}): what
     * marks and chooses pages. A page holds no language of its own: a clause on the document's language (a
     * translation that matches only documents in the other language) is decided here, as the embedded search decides
     * it on the document.
     *
     * @param language the document's language as an index term ({@link IndexSchema#keywordTerm}); may be empty
     */
    static LuceneToOpenSearch pages(String language) {
        return new LuceneToOpenSearch(
                field -> field.equals(IndexSchema.BODY)
                        ? IndexDefinition.PAGES + "." + IndexSchema.PAGE_TEXT
                        : IndexDefinition.PAGES + "." + field,
                language == null ? "" : language);
    }

    /** @throws IllegalArgumentException naming the type of a query (or sub-query) that has no translation here */
    ObjectNode translate(Query query) {
        return switch (query) {
            case TermQuery term
            when language != null && term.getTerm().field().equals(IndexSchema.LANGUAGE) ->
                language.equals(term.getTerm().text()) ? wrap("match_all", JSON.objectNode()) : matchNone();
            case TermQuery term ->
                leaf(
                        "term",
                        term.getTerm().field(),
                        JSON.objectNode().put("value", term.getTerm().text()));
            case BooleanQuery bool -> bool(bool);
            case BoostQuery boost -> boosted(translate(boost.getQuery()), boost.getBoost());
            case DisjunctionMaxQuery max -> {
                ArrayNode queries = JSON.arrayNode();
                max.getDisjuncts().forEach(disjunct -> queries.add(translate(disjunct)));
                ObjectNode body = JSON.objectNode();
                body.set("queries", queries);
                body.put("tie_breaker", max.getTieBreakerMultiplier());
                yield wrap("dis_max", body);
            }
            case SynonymQuery synonyms -> synonyms(synonyms);
            case PhraseQuery phrase ->
                phrase(
                        phrase.getField(),
                        Arrays.stream(phrase.getTerms())
                                .map(term -> new Term[] {term})
                                .toArray(Term[][]::new),
                        phrase.getPositions(),
                        phrase.getSlop());
            case MultiPhraseQuery phrase ->
                phrase(
                        phrase.getTermArrays()[0][0].field(),
                        phrase.getTermArrays(),
                        phrase.getPositions(),
                        phrase.getSlop());
            case PrefixQuery prefix ->
                leaf(
                        "prefix",
                        prefix.getField(),
                        rewrite(
                                prefix,
                                JSON.objectNode()
                                        .put("value", prefix.getPrefix().text())));
            case FuzzyQuery fuzzy ->
                leaf(
                        "fuzzy",
                        fuzzy.getField(),
                        rewrite(
                                fuzzy,
                                JSON.objectNode()
                                        .put("value", fuzzy.getTerm().text())
                                        .put("fuzziness", fuzzy.getMaxEdits())
                                        .put("prefix_length", fuzzy.getPrefixLength())
                                        .put("transpositions", fuzzy.getTranspositions())
                                        .put("max_expansions", FuzzyQuery.defaultMaxExpansions)));
            case TermInSetQuery terms -> terms(terms);
            case PointRangeQuery range -> range(range);
            case FieldExistsQuery exists -> wrap("exists", JSON.objectNode().put("field", field(exists.getField())));
            case ConstantScoreQuery constant -> {
                ObjectNode body = JSON.objectNode();
                body.set("filter", translate(constant.getQuery()));
                yield wrap("constant_score", body);
            }
            case MatchAllDocsQuery all -> wrap("match_all", JSON.objectNode());
            case MatchNoDocsQuery none -> matchNone();
            default ->
                throw new IllegalArgumentException("no OpenSearch translation for a Lucene "
                        + query.getClass().getSimpleName() + " (" + query + "); translate it in LuceneToOpenSearch");
        };
    }

    private String field(String field) {
        return fields.apply(field);
    }

    private ObjectNode bool(BooleanQuery bool) {
        ObjectNode body = JSON.objectNode();
        boolean positive = false;
        for (BooleanClause clause : bool.clauses()) {
            String occur = switch (clause.occur()) {
                case MUST -> "must";
                case SHOULD -> "should";
                case FILTER -> "filter";
                case MUST_NOT -> "must_not";
            };
            positive |= clause.occur() != BooleanClause.Occur.MUST_NOT;
            ArrayNode clauses = body.has(occur) ? (ArrayNode) body.get(occur) : body.putArray(occur);
            clauses.add(translate(clause.query()));
        }
        if (!positive) {
            // Lucene matches nothing with no positive clause; OpenSearch would match every document.
            return matchNone();
        }
        if (bool.getMinimumNumberShouldMatch() > 0) {
            body.put("minimum_should_match", Integer.toString(bool.getMinimumNumberShouldMatch()));
        }
        return wrap("bool", body);
    }

    /**
     * The folded word whose analysis is exactly the synonym set, in a {@code match}; a bool of its terms only when no
     * word of the set analyses back into it (OpenSearch then sums the terms' scores instead of scoring one set).
     */
    private ObjectNode synonyms(SynonymQuery synonyms) {
        Set<String> terms = new LinkedHashSet<>();
        synonyms.getTerms().forEach(term -> terms.add(term.text()));
        for (String candidate : terms) {
            if (analyse(synonyms.getField(), candidate).equals(List.of(terms))) {
                return leaf("match", synonyms.getField(), JSON.objectNode().put("query", candidate));
            }
        }
        ArrayNode should = JSON.arrayNode();
        terms.forEach(term ->
                should.add(leaf("term", synonyms.getField(), JSON.objectNode().put("value", term))));
        ObjectNode body = JSON.objectNode();
        body.set("should", should);
        return wrap("bool", body);
    }

    private ObjectNode phrase(String field, Term[][] termArrays, int[] positions, int slop) {
        TreeMap<Integer, Set<String>> byPosition = new TreeMap<>();
        for (int i = 0; i < termArrays.length; i++) {
            Set<String> set = byPosition.computeIfAbsent(positions[i], position -> new LinkedHashSet<>());
            Arrays.stream(termArrays[i]).forEach(term -> set.add(term.text()));
        }
        StringBuilder text = new StringBuilder();
        int expected = byPosition.firstKey();
        List<Set<String>> wanted = new ArrayList<>();
        for (Map.Entry<Integer, Set<String>> at : byPosition.entrySet()) {
            for (; expected < at.getKey(); expected++) {
                text.append(GAP).append(' ');
                wanted.add(null);
            }
            String surface = at.getValue().stream()
                    .filter(candidate -> analyse(field, candidate).equals(List.of(at.getValue())))
                    .findFirst()
                    .orElse(null);
            if (surface == null) {
                return spans(field, byPosition, slop);
            }
            text.append(surface).append(' ');
            wanted.add(at.getValue());
            expected++;
        }
        List<Set<String>> got = analyseWithGaps(field, text.toString().strip());
        if (!got.equals(wanted)) {
            return spans(field, byPosition, slop);
        }
        return leaf(
                "match_phrase",
                field,
                JSON.objectNode().put("query", text.toString().strip()).put("slop", slop));
    }

    /** A phrase no text reproduces: the same positions as spans (scored as spans, which differ from a phrase). */
    private ObjectNode spans(String field, TreeMap<Integer, Set<String>> byPosition, int slop) {
        ArrayNode clauses = JSON.arrayNode();
        int first = byPosition.firstKey();
        int last = byPosition.lastKey();
        for (Set<String> set : byPosition.values()) {
            ArrayNode or = JSON.arrayNode();
            set.forEach(term -> or.add(wrap("span_term", JSON.objectNode().put(field(field), term))));
            ObjectNode body = JSON.objectNode();
            body.set("clauses", or);
            clauses.add(wrap("span_or", body));
        }
        ObjectNode near = JSON.objectNode();
        near.set("clauses", clauses);
        near.put("slop", slop + (last - first + 1 - byPosition.size()));
        near.put("in_order", slop == 0);
        return wrap("span_near", near);
    }

    private ObjectNode terms(TermInSetQuery query) {
        ArrayNode values = JSON.arrayNode();
        String field = query.getField();
        try {
            BytesRefIterator iterator = query.getBytesRefIterator();
            for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
                values.add(term.utf8ToString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode body = JSON.objectNode();
        body.set(field(field), values);
        return wrap("terms", body);
    }

    private ObjectNode range(PointRangeQuery range) {
        if (range.getNumDims() != 1 || range.getBytesPerDim() != Integer.BYTES) {
            throw new IllegalArgumentException("no OpenSearch translation for a point range over " + range.getNumDims()
                    + " dimension(s) of " + range.getBytesPerDim() + " bytes (" + range + ")");
        }
        int low = IntPoint.decodeDimension(range.getLowerPoint(), 0);
        int high = IntPoint.decodeDimension(range.getUpperPoint(), 0);
        ObjectNode bounds = JSON.objectNode();
        if (low != Integer.MIN_VALUE) {
            bounds.put("gte", low);
        }
        if (high != Integer.MAX_VALUE) {
            bounds.put("lte", high);
        }
        return leaf("range", range.getField(), bounds);
    }

    /** The rewrite the Lucene query was given: constant scores stay constant, scoring rewrites keep their default. */
    private static ObjectNode rewrite(MultiTermQuery query, ObjectNode body) {
        MultiTermQuery.RewriteMethod method = query.getRewriteMethod();
        if (method == MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE
                || method == MultiTermQuery.CONSTANT_SCORE_REWRITE
                || method == MultiTermQuery.CONSTANT_SCORE_BOOLEAN_REWRITE) {
            body.put("rewrite", "constant_score");
        }
        return body;
    }

    /** Puts the boost where OpenSearch reads it: in the field's options of a leaf, else on the compound query. */
    private static ObjectNode boosted(ObjectNode query, float boost) {
        String type = query.fieldNames().next();
        ObjectNode body = (ObjectNode) query.get(type);
        ObjectNode target = switch (type) {
            case "term", "prefix", "fuzzy", "match", "match_phrase", "range" ->
                (ObjectNode) body.elements().next();
            case "match_none" -> null;
            default -> body;
        };
        if (target == null) {
            return query;
        }
        JsonNode present = target.get("boost");
        target.put("boost", present == null ? boost : present.floatValue() * boost);
        return query;
    }

    private ObjectNode leaf(String type, String field, ObjectNode options) {
        ObjectNode body = JSON.objectNode();
        body.set(field(field), options);
        return wrap(type, body);
    }

    private static ObjectNode matchNone() {
        return wrap("match_none", JSON.objectNode());
    }

    private static ObjectNode wrap(String type, ObjectNode body) {
        ObjectNode query = JSON.objectNode();
        query.set(type, body);
        return query;
    }

    /** The terms the field's analyzer gives each position of the text, stop-word gaps left out. */
    private static List<Set<String>> analyse(String field, String text) {
        List<Set<String>> positions = analyseWithGaps(field, text);
        return positions.stream().filter(set -> set != null).toList();
    }

    /** The terms at each position of the text, null for a position a stop word held. */
    private static List<Set<String>> analyseWithGaps(String field, String text) {
        List<Set<String>> positions = new ArrayList<>();
        try (TokenStream stream = IndexSchema.analyzer().tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                for (int gap = 1; gap < increment.getPositionIncrement(); gap++) {
                    positions.add(null);
                }
                if (increment.getPositionIncrement() > 0 || positions.isEmpty()) {
                    positions.add(new LinkedHashSet<>());
                }
                positions.getLast().add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return positions;
    }
}
