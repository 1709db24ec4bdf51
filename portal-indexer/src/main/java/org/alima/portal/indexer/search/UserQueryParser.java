package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.QuerySyntaxException.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.alima.portal.indexer.crosslang.Alternative;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns what a user typed into Lucene queries, with bounded work. Immutable; thread-safe (a Lucene parser, which is
 * not, is created per call).
 *
 * <p>Syntax (Lucene's classic syntax, restricted): words; "phrases" and "phrases"~N; +required, -excluded, AND, OR,
 * NOT, parentheses; {@code field:value} for the fields of {@link #QUERYABLE_FIELDS} (other "word:" are plain text);
 * {@code year:[2010 TO 2020]}; prefix* (at least {@value #MIN_PREFIX_LENGTH} characters); fuzzy~ or fuzzy~1 (at least
 * {@value #MIN_FUZZY_LENGTH} characters, at most {@value #MAX_FUZZY_TERMS} per query). Slashes, carets, question and
 * exclamation marks are plain text, so "HIV/AIDS" and "mg/kg" need no escaping and regular expressions and boosts are
 * never run. Text the strict parser rejects (an unbalanced quote or parenthesis) is searched as plain words.
 *
 * <p>Up to {@value #ALL_WORDS_REQUIRED_UP_TO} words without an explicit OR must all match, as a practitioner's short
 * query means; longer text (a question, a claim) is ranked by BM25 over any of its words, a minimum fraction of which
 * must match.
 */
final class UserQueryParser {

    static final int MAX_LENGTH = 1_000;
    static final int MAX_DEPTH = 10;
    static final int MAX_WORDS = 200;
    static final int MIN_PREFIX_LENGTH = 2;
    static final int MIN_FUZZY_LENGTH = 3;
    static final int MAX_FUZZY_TERMS = 5;
    static final int MAX_SLOP = 20;
    static final int ALL_WORDS_REQUIRED_UP_TO = 3;

    /** Field names a user may type before a colon, and the index field each one searches. */
    static final Map<String, String> QUERYABLE_FIELDS = Map.ofEntries(
            Map.entry("title", IndexSchema.TITLE),
            Map.entry("author", IndexSchema.AUTHORS),
            Map.entry("keyword", IndexSchema.KEYWORDS),
            Map.entry("type", IndexSchema.TYPE),
            Map.entry("language", IndexSchema.LANGUAGE),
            Map.entry("year", IndexSchema.YEAR),
            Map.entry("country", IndexSchema.COUNTRY),
            Map.entry("topic", IndexSchema.TOPIC),
            Map.entry("collection", IndexSchema.COLLECTION),
            Map.entry("doi", IndexSchema.DOI),
            Map.entry("design", IndexSchema.DESIGN),
            Map.entry("health", IndexSchema.HEALTH),
            Map.entry("population", IndexSchema.POPULATION),
            Map.entry("setting", IndexSchema.SETTING),
            Map.entry("intervention", IndexSchema.INTERVENTION));

    private static final String DEFAULT_FIELD = "_text";

    private static final int MAX_FUZZY_EXPANSIONS = 50;

    private final Map<String, Float> defaultFields;
    private final float tieBreaker;
    private final float minimumShouldMatch;

    /**
     * @param tieBreaker how much the fields other than the best-matching one add to a word's score (0: best field
     *     only, 1: sum of all fields)
     * @param minimumShouldMatch fraction of the words of a long query that a document must contain
     */
    UserQueryParser(FieldWeights weights, float tieBreaker, float minimumShouldMatch) {
        Map<String, Float> fields = new LinkedHashMap<>();
        putIfPositive(fields, IndexSchema.TITLE, weights.title());
        putIfPositive(fields, IndexSchema.ABSTRACT, weights.abstractAndKeywords());
        putIfPositive(fields, IndexSchema.KEYWORDS, weights.abstractAndKeywords());
        putIfPositive(fields, IndexSchema.BODY, weights.body());
        putIfPositive(fields, IndexSchema.AUTHORS, weights.authors());
        this.defaultFields = Map.copyOf(fields);
        this.tieBreaker = tieBreaker;
        this.minimumShouldMatch = minimumShouldMatch;
    }

    private static void putIfPositive(Map<String, Float> fields, String field, float weight) {
        if (weight > 0) {
            fields.put(field, weight);
        }
    }

    /** @throws QuerySyntaxException when the text is abusive or uses a refused construct */
    ParsedQuery parse(String text) {
        return parse(text, Translation.none(text));
    }

    /**
     * Parses {@code text}, each plain word of which also matches its translations (weighted, see {@link
     * Translation#alternativesFor}): a required word is then satisfied by the word or by any of its translations. When
     * the translations would take the query past the clause limit, the words alone are searched.
     *
     * @throws QuerySyntaxException when the text is abusive or uses a refused construct
     */
    ParsedQuery parse(String text, Translation translation) {
        if (translation.isEmpty()) {
            return parseWords(text, translation);
        }
        try {
            return parseWords(text, translation);
        } catch (QuerySyntaxException e) {
            if (e.problem() != Problem.TOO_MANY_CLAUSES) {
                throw e;
            }
            return parseWords(text, Translation.none(text));
        }
    }

    /**
     * The words of a query that all must match, as typed, edge punctuation removed: plain words ({@link
     * QueryText#isPlainWords}), two to {@value #ALL_WORDS_REQUIRED_UP_TO} of them, without OR; empty for any other
     * query.
     */
    List<String> requiredWords(String text) {
        if (!QueryText.isPlainWords(text)) {
            return List.of();
        }
        QueryText query = QueryText.check(text);
        if (query.explicitOr() || query.words() < 2 || query.words() > ALL_WORDS_REQUIRED_UP_TO) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String token : text.strip().split("[\\s()]+")) {
            int start = 0;
            int end = token.length();
            while (start < end && !Character.isLetterOrDigit(token.codePointAt(start))) {
                start += Character.charCount(token.codePointAt(start));
            }
            while (end > start && !Character.isLetterOrDigit(token.codePointBefore(end))) {
                end -= Character.charCount(token.codePointBefore(end));
            }
            if (start < end) {
                words.add(token.substring(start, end));
            }
        }
        return words;
    }

    private ParsedQuery parseWords(String text, Translation translation) {
        if (text == null || text.isBlank()) {
            return ParsedQuery.all();
        }
        QueryText query = QueryText.check(text);
        QueryParser.Operator operator = !query.explicitOr() && query.words() <= ALL_WORDS_REQUIRED_UP_TO
                ? QueryParser.Operator.AND
                : QueryParser.Operator.OR;
        String prepared = query.prepared();
        Query scoring;
        Query highlight;
        try {
            scoring = new Parser(operator, false, text, translation).parse(prepared);
            highlight = new Parser(operator, true, text, translation).parse(prepared);
        } catch (ParseException strictFailure) {
            String plain = query.plainWords();
            try {
                scoring = new Parser(operator, false, text, translation).parse(plain);
                highlight = new Parser(operator, true, text, translation).parse(plain);
            } catch (ParseException e) {
                throw new QuerySyntaxException(
                        Problem.UNPARSEABLE, -1, "the query could not be read; remove special characters", e);
            }
        }
        if (operator == QueryParser.Operator.OR && !query.explicitOr()) {
            scoring = requireFractionOfWords(scoring);
        }
        requireFewTerms(scoring);
        return new ParsedQuery(scoring, isEmpty(highlight) ? new MatchNoDocsQuery() : highlight);
    }

    private Query requireFractionOfWords(Query query) {
        if (!(query instanceof BooleanQuery bool) || bool.getMinimumNumberShouldMatch() > 0) {
            return query;
        }
        for (BooleanClause clause : bool.clauses()) {
            if (clause.occur() != BooleanClause.Occur.SHOULD) {
                return query;
            }
        }
        int required = (int) Math.floor(bool.clauses().size() * minimumShouldMatch);
        if (required <= 1) {
            return query;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(required);
        bool.clauses().forEach(builder::add);
        return builder.build();
    }

    private static void requireFewTerms(Query query) {
        int[] terms = {0};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... consumed) {
                terms[0] += consumed.length;
            }

            @Override
            public void visitLeaf(Query q) {
                terms[0]++;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        if (terms[0] > IndexSearcher.getMaxClauseCount()) {
            throw new QuerySyntaxException(
                    Problem.TOO_MANY_CLAUSES,
                    -1,
                    "the query expands to " + terms[0] + " terms across fields, more than the "
                            + IndexSearcher.getMaxClauseCount() + " allowed; use fewer words (about 100 at most)");
        }
    }

    private static boolean isEmpty(Query query) {
        return query == null
                || (query instanceof BooleanQuery bool && bool.clauses().isEmpty());
    }

    /** Lucene's classic parser with the portal's fields, bounds and refusals. Not thread-safe; one per parse. */
    private final class Parser extends QueryParser {

        private final boolean highlight;
        private final String original;
        private final Translation translation;
        private int fuzzyTerms;

        Parser(Operator operator, boolean highlight, String original, Translation translation) {
            super(DEFAULT_FIELD, IndexSchema.analyzer());
            this.highlight = highlight;
            this.original = original;
            this.translation = translation;
            setDefaultOperator(operator);
            setAllowLeadingWildcard(false);
            setSplitOnWhitespace(true);
            setAutoGeneratePhraseQueries(false);
            setMultiTermRewriteMethod(MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) {
            return fieldQuery(field, queryText, quoted ? 0 : -1);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) {
            if (slop > MAX_SLOP) {
                throw new QuerySyntaxException(
                        Problem.SLOP_TOO_LARGE,
                        positionOf(queryText),
                        "a phrase may allow at most " + MAX_SLOP + " words between its words (\"…\"~" + MAX_SLOP + ")");
            }
            return fieldQuery(field, queryText, slop);
        }

        /** @param slop -1 for words, else the phrase slop */
        private Query fieldQuery(String field, String text, int slop) {
            String target = target(field);
            if (target == null) {
                Map<String, Float> fields = highlight ? bodyOnly() : defaultFields;
                Query typed = textQuery(fields, text, slop);
                return slop < 0 ? withTranslations(typed, fields, text) : typed;
            }
            return switch (target) {
                case IndexSchema.TITLE, IndexSchema.KEYWORDS ->
                    textQuery(highlight ? bodyOnly() : Map.of(target, 1f), text, slop);
                case IndexSchema.AUTHORS -> highlight ? null : textQuery(Map.of(target, 1f), text, slop);
                case IndexSchema.YEAR -> highlight ? null : IntPoint.newExactQuery(IndexSchema.YEAR, year(text));
                case IndexSchema.DOI -> highlight ? null : new TermQuery(new Term(target, IndexSchema.doiTerm(text)));
                default -> highlight ? null : new TermQuery(new Term(target, IndexSchema.keywordTerm(text)));
            };
        }

        private Query textQuery(Map<String, Float> fields, String text, int slop) {
            List<Query> perField = new ArrayList<>();
            boolean proseMatched = false;
            for (Map.Entry<String, Float> field : fields.entrySet()) {
                Query query = slop < 0
                        ? createBooleanQuery(field.getKey(), text, BooleanClause.Occur.MUST)
                        : createPhraseQuery(field.getKey(), text, slop);
                if (query != null) {
                    proseMatched |= !field.getKey().equals(IndexSchema.AUTHORS);
                    perField.add(field.getValue() == 1f ? query : new BoostQuery(query, field.getValue()));
                }
            }
            if (fields.size() > 1 && !proseMatched) {
                // A stop word ("the", "qu'il") is dropped everywhere, though author names keep every word: otherwise
                // it would become a required author name.
                return null;
            }
            return combine(perField);
        }

        /**
         * The typed word or any of its translations, each translation weighted against the word and matching only
         * documents that are not in the typed word's language. The best of them scores (a disjunction-max without
         * tie-breaker), so a word that is also a cognate of its translation ("mortalité", "mortality": one stem) is not
         * counted twice; on SciFact's French claims, summing the two instead lost 0.06 nDCG@10. The language filter
         * leaves same-language ranking exactly as without translation: in the typed language the typed word is the
         * reader's own, and a translation back from it ("increase" → "augmenter", whose stem "augment" is also
         * English) would only add noise there (SciFact English claims: 0.687 instead of 0.690 without the filter).
         */
        private Query withTranslations(Query typed, Map<String, Float> fields, String text) {
            List<Alternative> alternatives = translation.alternativesFor(text);
            if (alternatives.isEmpty()) {
                return typed;
            }
            List<Query> any = new ArrayList<>();
            if (typed != null) {
                any.add(typed);
            }
            for (Alternative alternative : alternatives) {
                Query translated = textQuery(fields, alternative.text(), -1);
                if (translated != null) {
                    Query elsewhere = new BooleanQuery.Builder()
                            .add(translated, BooleanClause.Occur.MUST)
                            .add(
                                    new TermQuery(new Term(
                                            IndexSchema.LANGUAGE,
                                            IndexSchema.keywordTerm(alternative
                                                    .language()
                                                    .other()
                                                    .code()))),
                                    BooleanClause.Occur.MUST_NOT)
                            .build();
                    any.add(alternative.weight() == 1f ? elsewhere : new BoostQuery(elsewhere, alternative.weight()));
                }
            }
            if (any.isEmpty()) {
                return null;
            }
            return any.size() == 1 ? any.getFirst() : new DisjunctionMaxQuery(any, 0f);
        }

        private Query combine(List<Query> perField) {
            if (perField.isEmpty()) {
                return null;
            }
            return perField.size() == 1 ? perField.getFirst() : new DisjunctionMaxQuery(perField, tieBreaker);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) {
            String target = target(field);
            BytesRef prefix = normalize(target, termStr);
            if (prefix.utf8ToString().codePointCount(0, prefix.utf8ToString().length()) < MIN_PREFIX_LENGTH) {
                throw new QuerySyntaxException(
                        Problem.PREFIX_TOO_SHORT,
                        positionOf(termStr),
                        "a prefix search needs at least " + MIN_PREFIX_LENGTH + " characters before the *");
            }
            if (IndexSchema.YEAR.equals(target)) {
                throw invalidYear(termStr);
            }
            if (target != null && !isText(target)) {
                return highlight ? null : new PrefixQuery(new Term(target, IndexSchema.keywordTerm(termStr)));
            }
            return multiTermQuery(target, f -> new PrefixQuery(new Term(f, prefix)));
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) {
            if (!highlight && ++fuzzyTerms > MAX_FUZZY_TERMS) {
                throw new QuerySyntaxException(
                        Problem.TOO_MANY_FUZZY,
                        positionOf(termStr),
                        "at most " + MAX_FUZZY_TERMS + " fuzzy words (word~) are allowed in one query");
            }
            String target = target(field);
            BytesRef term = normalize(target, termStr);
            String text = term.utf8ToString();
            int length = text.codePointCount(0, text.length());
            if (length < MIN_FUZZY_LENGTH) {
                throw new QuerySyntaxException(
                        Problem.FUZZY_TOO_SHORT,
                        positionOf(termStr),
                        "a fuzzy search (word~) needs a word of at least " + MIN_FUZZY_LENGTH + " characters");
            }
            if (target != null && !isText(target)) {
                return fieldQuery(field, termStr, -1);
            }
            int edits = minSimilarity >= 1
                    ? Math.min((int) minSimilarity, FuzzyQuery.defaultMaxEdits)
                    : FuzzyQuery.floatToEdits(minSimilarity, length);
            return multiTermQuery(target, f -> new FuzzyQuery(new Term(f, term), edits, 1, MAX_FUZZY_EXPANSIONS, true));
        }

        private Query multiTermQuery(String target, Function<String, Query> perField) {
            Map<String, Float> fields;
            if (highlight) {
                fields = target == null || target.equals(IndexSchema.TITLE) || target.equals(IndexSchema.KEYWORDS)
                        ? bodyOnly()
                        : Map.of();
            } else {
                fields = target == null ? defaultFields : Map.of(target, 1f);
            }
            List<Query> queries = new ArrayList<>();
            fields.forEach((field, weight) ->
                    queries.add(weight == 1f ? perField.apply(field) : new BoostQuery(perField.apply(field), weight)));
            return combine(queries);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) {
            if (termStr.startsWith("*") || termStr.startsWith("?")) {
                throw new QuerySyntaxException(
                        Problem.LEADING_WILDCARD,
                        positionOf(termStr),
                        "a word may not start with *; type at least " + MIN_PREFIX_LENGTH + " letters before it");
            }
            throw new QuerySyntaxException(
                    Problem.UNSUPPORTED_WILDCARD,
                    positionOf(termStr),
                    "only a trailing * is supported (malar*), not one inside a word (" + termStr + ")");
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) {
            // Unreachable after QueryText.prepared() escapes slashes; kept so that no regular expression ever runs.
            return fieldQuery(field, termStr, -1);
        }

        @Override
        protected Query getRangeQuery(
                String field, String part1, String part2, boolean startInclusive, boolean endInclusive) {
            // QueryText escapes brackets not preceded by "year:", so this guards against it ever changing.
            if (!IndexSchema.YEAR.equals(target(field))) {
                throw new QuerySyntaxException(
                        Problem.UNSUPPORTED_RANGE,
                        positionOf("["),
                        "ranges are only supported for years, as in year:[2010 TO 2020]");
            }
            if (highlight) {
                return null;
            }
            int low = part1 == null || part1.equals("*") ? Integer.MIN_VALUE : year(part1);
            int high = part2 == null || part2.equals("*") ? Integer.MAX_VALUE : year(part2);
            if (!startInclusive && low != Integer.MIN_VALUE) {
                low++;
            }
            if (!endInclusive && high != Integer.MAX_VALUE) {
                high--;
            }
            return IntPoint.newRangeQuery(IndexSchema.YEAR, low, high);
        }

        @Override
        protected Query getBooleanQuery(List<BooleanClause> clauses) throws ParseException {
            if (!highlight) {
                return super.getBooleanQuery(clauses);
            }
            // Mark every positive word on the pages, whether or not the page has the other required words.
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            int kept = 0;
            for (BooleanClause clause : clauses) {
                if (clause.occur() != BooleanClause.Occur.MUST_NOT) {
                    any.add(clause.query(), BooleanClause.Occur.SHOULD);
                    kept++;
                }
            }
            return kept == 0 ? null : any.build();
        }

        private String target(String field) {
            return field.equals(DEFAULT_FIELD) ? null : QUERYABLE_FIELDS.get(field.toLowerCase(Locale.ROOT));
        }

        private static boolean isText(String field) {
            return field.equals(IndexSchema.TITLE)
                    || field.equals(IndexSchema.KEYWORDS)
                    || field.equals(IndexSchema.AUTHORS)
                    || field.equals(IndexSchema.BODY);
        }

        private BytesRef normalize(String target, String text) {
            return getAnalyzer().normalize(target == null ? IndexSchema.BODY : target, text);
        }

        private Map<String, Float> bodyOnly() {
            return Map.of(IndexSchema.BODY, 1f);
        }

        private int year(String text) {
            try {
                int year = Integer.parseInt(text.strip());
                if (year >= 0 && year <= 9999) {
                    return year;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalidYear(text);
        }

        private QuerySyntaxException invalidYear(String text) {
            return new QuerySyntaxException(
                    Problem.INVALID_VALUE,
                    positionOf(text),
                    "year takes a 4-digit year such as year:2020, not " + text);
        }

        private int positionOf(String fragment) {
            return original.toLowerCase(Locale.ROOT).indexOf(fragment.toLowerCase(Locale.ROOT));
        }
    }
}
