package org.alima.portal.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.QuerySyntaxException.Problem;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserQueryParserTest {

    private final UserQueryParser parser = new UserQueryParser(FieldWeights.defaults(), 0.3f, 0f);

    @Nested
    class Shapes {

        @Test
        void listsEverythingForAnEmptyQuery() {
            assertThat(parser.parse("  ").scoring()).isEqualTo(IndexSchema.documentsQuery());
            assertThat(parser.parse(null).hasHighlights()).isFalse();
        }

        @Test
        void requiresEveryWordOfAShortQuery() {
            assertThat(occurs(parser.parse("malaria children dose").scoring())).containsOnly(BooleanClause.Occur.MUST);
        }

        @Test
        void ranksAnyWordOfALongQuery() {
            assertThat(occurs(
                            parser.parse("malaria in children under five years").scoring()))
                    .containsOnly(BooleanClause.Occur.SHOULD);
        }

        @Test
        void keepsAnExplicitOrOptional() {
            assertThat(occurs(parser.parse("malaria OR paludisme").scoring())).containsOnly(BooleanClause.Occur.SHOULD);
        }

        @Test
        void requiresTheConfiguredFractionOfALongQuery() {
            Query query = new UserQueryParser(FieldWeights.defaults(), 0.3f, 0.5f)
                    .parse("malaria in children under five years")
                    .scoring();

            assertThat(((BooleanQuery) query).getMinimumNumberShouldMatch()).isEqualTo(2);
        }

        @Test
        void searchesEveryWeightedFieldButHighlightsTheBodyOnly() {
            ParsedQuery parsed = parser.parse("cholera");

            assertThat(parsed.scoring().toString())
                    .contains("title:cholera")
                    .contains("abstract:cholera")
                    .contains("keywords:cholera")
                    .contains("body:cholera")
                    .contains("authors:cholera");
            assertThat(parsed.highlight().toString()).isEqualTo("body:cholera");
        }

        @Test
        void leavesOutFieldsWeightedZero() {
            Query query = new UserQueryParser(new FieldWeights(0, 0, 1, 0), 0.3f, 0f)
                    .parse("cholera")
                    .scoring();

            assertThat(query.toString()).isEqualTo("body:cholera");
        }

        @Test
        void neverHighlightsExcludedWords() {
            assertThat(parser.parse("cholera -vaccine").highlight().toString()).doesNotContain("vaccin");
        }

        @ParameterizedTest
        @ValueSource(strings = {"HIV/AIDS", "dose 10 mg/kg", "/malaria/", "is it treatable?", "wow!", "x^10 growth"})
        void readsSlashesCaretsAndPunctuationAsPlainText(String text) {
            assertThatCode(() -> parser.parse(text)).doesNotThrowAnyException();
            assertThat(parser.parse(text).scoring().toString())
                    .doesNotContain("/")
                    .doesNotContain("^10");
        }

        @ParameterizedTest(name = "{0} is searched as {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "\"malaria survey | malaria survey",
                    "(cholera outbreak | cholera outbreak",
                    "cholera) | cholera",
                    "children AND | children",
                    "-(measles | measles",
                    "vaccine + | vaccine"
                })
        void searchesUnparseableTextAsPlainWords(String text, String words) {
            ParsedQuery parsed = parser.parse(text);

            assertThat(parsed).as("the same query as the words typed alone").isEqualTo(parser.parse(words));
            assertThat(terms(parsed.highlight(), IndexSchema.BODY))
                    .as("every word is searched, as the reader typed it")
                    .containsAll(List.of(words.split(" ")));
            assertThat(terms(parsed.scoring(), IndexSchema.TITLE)).containsAll(List.of(words.split(" ")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"a AND", "OR", "\"\"\"", "-", "+", "&&"})
        void searchesTextWithoutWordsAsNothingRatherThanFailing(String text) {
            ParsedQuery parsed = parser.parse(text);

            assertThat(parsed.scoring()).as("matches no document").isEqualTo(new BooleanQuery.Builder().build());
            assertThat(parsed.hasHighlights()).isFalse();
        }

        @Test
        void readsRangesOnOtherFieldsThanYearAsWords() {
            assertThat(parser.parse("title:[a TO z]").scoring().toString()).doesNotContain("[");
        }

        @Test
        void readsUnknownFieldNamesAsWords() {
            assertThat(parser.parse("Ebola: outcomes").scoring().toString())
                    .contains("body:ebola")
                    .contains("body:outcom");
        }
    }

    @Nested
    class FieldClauses {

        @Test
        void givesTheValuesOfAFieldsClausesAsIndexTermsExcludedOnesIncluded() {
            assertThat(parser.parse("malaria Collection:Open-One -collection:\"closed-one\" (collection:x)")
                            .valuesOf(IndexSchema.COLLECTION))
                    .containsExactlyInAnyOrder("open-one", "closed-one", "x");
        }

        @Test
        void readsTheStudyDesignAndTheFourVocabulariesAsKeywordFields() {
            ParsedQuery parsed = parser.parse("rougeole design:Cohort health:infectious population:children_under_five"
                    + " -setting:hospital intervention:wash");

            assertThat(parsed.valuesOf(IndexSchema.DESIGN)).containsExactly("cohort");
            assertThat(parsed.valuesOf(IndexSchema.HEALTH)).containsExactly("infectious");
            assertThat(parsed.valuesOf(IndexSchema.POPULATION)).containsExactly("children_under_five");
            assertThat(parsed.valuesOf(IndexSchema.SETTING)).containsExactly("hospital");
            assertThat(parsed.valuesOf(IndexSchema.INTERVENTION)).containsExactly("wash");
        }

        @Test
        void givesNullForAClauseThatMatchesByPatternAndAFuzzyKeywordAsItsValue() {
            assertThat(parser.parse("collection:open* collection:closed~").valuesOf(IndexSchema.COLLECTION))
                    .as("a keyword field is matched exactly, fuzzy or not")
                    .containsExactlyInAnyOrder(null, "closed");
        }

        @Test
        void readsNoClauseWhereTheParserReadsPlainText() {
            assertThat(parser.parse("a:collection:b recollection: notcollection:x")
                            .valuesOf(IndexSchema.COLLECTION))
                    .isEmpty();
            assertThat(parser.parse("\"unbalanced collection:x").valuesOf(IndexSchema.COLLECTION))
                    .as("text the strict parser refuses is searched as plain words")
                    .isEmpty();
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest(name = "{0} → {1} at {2}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "*laria | LEADING_WILDCARD | 0",
                    "malaria title:*aria | LEADING_WILDCARD | 14",
                    "m* | PREFIX_TOO_SHORT | 0",
                    "malaria +a* | PREFIX_TOO_SHORT | 9",
                    "ma*ia | UNSUPPORTED_WILDCARD | 2",
                    "/mal.*ia/ | UNSUPPORTED_WILDCARD | 5",
                    "ab~ | FUZZY_TOO_SHORT | 0",
                    "\"malaria children\"~50 | SLOP_TOO_LARGE | 1",
                    "year:abc | INVALID_VALUE | 5",
                })
        void refusesWithTheProblemAndItsPosition(String text, Problem problem, int position) {
            QuerySyntaxException e = refused(text);

            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.getMessage()).contains("at character " + (position + 1));
        }

        @Test
        void refusesTooLongQueries() {
            QuerySyntaxException e = refused("a".repeat(UserQueryParser.MAX_LENGTH + 1));

            assertThat(e.problem()).isEqualTo(Problem.TOO_LONG);
            assertThat(e.getMessage()).contains("limit is 1000");
        }

        @Test
        void refusesDeepNestingAtTheFirstParenthesisTooMany() {
            String text = "(".repeat(11) + "malaria" + ")".repeat(11);

            QuerySyntaxException e = refused(text);

            assertThat(e.problem()).isEqualTo(Problem.TOO_DEEP);
            assertThat(e.position()).isEqualTo(10);
        }

        @Test
        void countsParenthesesInsidePhrasesAsText() {
            assertThatCode(() -> parser.parse("\"" + "(".repeat(30) + "\" malaria"))
                    .doesNotThrowAnyException();
        }

        @Test
        void refusesTooManyWords() {
            String text = IntStream.range(0, UserQueryParser.MAX_WORDS + 1)
                    .mapToObj(i -> "w" + i)
                    .collect(Collectors.joining(" "));

            QuerySyntaxException e = refused(text);

            assertThat(e.problem()).isEqualTo(Problem.TOO_MANY_CLAUSES);
            assertThat(e.position()).isEqualTo(text.indexOf("w200"));
        }

        @Test
        void refusesQueriesThatExpandToTooManyTerms() {
            String text = IntStream.range(0, 150).mapToObj(i -> "k" + i + "s").collect(Collectors.joining(" "));

            assertThat(refused(text).problem()).isEqualTo(Problem.TOO_MANY_CLAUSES);
        }

        @Test
        void refusesMoreThanFiveFuzzyWords() {
            assertThat(refused("malria~ cholra~ dengu~ measls~ typhod~ ebolla~").problem())
                    .isEqualTo(Problem.TOO_MANY_FUZZY);
        }

        @Test
        void refusesEveryAbusiveInputInWellUnderASecond() {
            String[] abusive = {
                "(".repeat(999),
                "a".repeat(5_000),
                "*".repeat(900),
                "a* ".repeat(300),
                "x~ ".repeat(300),
                IntStream.range(0, 300).mapToObj(Integer::toString).collect(Collectors.joining(" OR "))
            };
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
                for (String text : abusive) {
                    refused(text);
                }
            });
        }

        private QuerySyntaxException refused(String text) {
            QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> parser.parse(text));
            assertThat(e).as("refusal of %s", text).isNotNull();
            return e;
        }
    }

    /** The terms {@code query} searches in {@code field}, as indexed (lower case, with their stems). */
    private static Set<String> terms(Query query, String field) {
        Set<String> terms = new HashSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... consumed) {
                for (Term term : consumed) {
                    if (term.field().equals(field)) {
                        terms.add(term.text());
                    }
                }
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }
        });
        return terms;
    }

    private static List<BooleanClause.Occur> occurs(Query query) {
        return ((BooleanQuery) query)
                .clauses().stream().map(BooleanClause::occur).toList();
    }
}
