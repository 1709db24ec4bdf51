package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.crosslang.Vocabulary;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.EngineQueries;
import org.alima.portal.indexer.search.Filters;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchSettings;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LuceneToOpenSearchTest {

    private static final EngineQueries QUERIES = new EngineQueries(SearchSettings.defaults());
    private static final LuceneToOpenSearch DOCUMENTS = LuceneToOpenSearch.documents();

    /** Queries of every kind the parser, Visibility, Access, filters, type-ahead and partial matches produce. */
    private static final List<String> TEXTS = List.of(
            "",
            "malaria",
            "malaria vaccine children",
            "the management of severe acute malnutrition in children under five years",
            "\"oral rehydration\"",
            "\"treatment of malaria\"~3",
            "malar*",
            "malria~",
            "malria~1",
            "title:malaria",
            "author:smith",
            "keyword:\"case management\"",
            "type:guideline",
            "language:fr",
            "year:2015",
            "year:[2010 TO 2020]",
            "year:{2010 TO *]",
            "doi:10.1000/xyz123",
            "collection:nutrition",
            "+malaria -measles",
            "-measles",
            "malaria OR dengue",
            "(malaria OR dengue) AND children NOT adults",
            "l'enfant réanimation néonatale",
            "HIV/AIDS mg/kg");

    private static String translated(Query query) {
        return DOCUMENTS.translate(query).toString();
    }

    private static Translation translation(String text) {
        return QueryTranslator.standard().translate(text, null, Vocabulary.NONE);
    }

    @Test
    void translatesEveryQueryTheSearchBuilds() {
        Filters everyFilter = Filters.none()
                .withTypes("Guideline")
                .withLanguages("fr")
                .withCountries("ML")
                .withTopics("Nutrition")
                .withCollections("ours")
                .withDesigns("rct")
                .withYears(2010, 2020);
        List<Query> built = new ArrayList<>();
        for (String text : TEXTS) {
            for (String typed : List.of(text, "paludisme enfants " + text)) {
                SearchRequest request = SearchRequest.of(typed)
                        .withAccess(Access.audiences("public", "account:1"))
                        .withFilters(everyFilter);
                EngineQueries.Plan plan = QUERIES.plan(request, translation(typed));
                built.add(plan.scoring());
                if (plan.highlight() != null) {
                    built.add(plan.highlight());
                }
                built.add(EngineQueries.filtered(
                        EngineQueries.restrict(plan.scoring(), request.access(), false), plan.filters()));
                List<EngineQueries.Word> words = QUERIES.requiredWords(typed, translation(typed));
                if (!words.isEmpty()) {
                    built.add(EngineQueries.relaxed(words));
                }
            }
        }
        built.add(EngineQueries.typeAheadQuery(EngineQueries.typeAheadPrefixes("malar ind", 5)));
        built.add(EngineQueries.restrict(new MatchAllDocsQuery(), Access.everything(), true));
        built.add(EngineQueries.nothing());

        for (Query query : built) {
            ObjectNode json = DOCUMENTS.translate(query);
            assertThat(json.size()).as("%s", query).isEqualTo(1);
        }
        assertThat(built).hasSizeGreaterThan(TEXTS.size() * 4);
    }

    @Test
    void refusesAQueryTypeItCannotTranslateByName() {
        assertThatThrownBy(() -> DOCUMENTS.translate(new WildcardQuery(new Term(IndexSchema.BODY, "ma*ia"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WildcardQuery");
    }

    @Nested
    class StackedStems {

        @Test
        void sendsAWordAsTheFoldedFormThatAnalysesIntoTheSameSynonymSet() {
            String json = translated(QUERIES.parse("enfants", Translation.none("enfants"))[0]);

            assertThat(json).contains("\"match\":{\"body\":{\"query\":\"enfants\"}");
        }

        @Test
        void sendsAPhraseOfStemsAsAPhraseOfWordsWithAStopWordWhereOneWasRemoved() {
            String json =
                    translated(QUERIES.parse("\"treatment of malaria\"", Translation.none("treatment of malaria"))[0]);

            assertThat(json).contains("\"match_phrase\":{\"body\":{\"query\":\"treatment the malaria\",\"slop\":0");
        }
    }

    @Nested
    class Structure {

        @Test
        void putsTheBoostOfAFieldInsideItsLeaf() {
            Query title = new org.apache.lucene.search.BoostQuery(
                    QUERIES.parse("title:enfants", Translation.none("title:enfants"))[0], 2f);

            assertThat(translated(title)).isEqualTo("{\"match\":{\"title\":{\"query\":\"enfants\",\"boost\":2.0}}}");
            String words = translated(QUERIES.parse("malaria", Translation.none("malaria"))[0]);
            assertThat(words).contains("\"dis_max\"").contains("\"tie_breaker\":0.3");
        }

        @Test
        void aQueryOfExclusionsOnlyMatchesNothingAsInLucene() {
            Query onlyExcluded = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexSchema.BODY, "measles")), BooleanClause.Occur.MUST_NOT)
                    .build();

            assertThat(translated(onlyExcluded)).isEqualTo("{\"match_none\":{}}");
        }

        @Test
        void longTextRequiresAShareOfItsWords() {
            String text = "the management of severe acute malnutrition in children under five years";
            EngineQueries half = new EngineQueries(SearchSettings.defaults().withMinimumShouldMatch(0.5f));

            assertThat(translated(half.parse(text, Translation.none(text))[0]))
                    .contains("\"minimum_should_match\":\"4\"");
        }

        @Test
        void filtersBecomeTermsAndRanges() {
            SearchRequest request = SearchRequest.of("malaria")
                    .withFilters(Filters.none().withTypes("Guideline").withYears(2010, null));
            Map<String, Query> filters =
                    QUERIES.plan(request, Translation.none("malaria")).filters();

            assertThat(translated(filters.get(IndexSchema.TYPE))).isEqualTo("{\"terms\":{\"type\":[\"guideline\"]}}");
            assertThat(translated(filters.get(IndexSchema.YEAR))).isEqualTo("{\"range\":{\"year\":{\"gte\":2010}}}");
        }

        @Test
        void visibilityKeepsTheCallersAudiencesAndDropsSupersededVersions() {
            String json =
                    translated(EngineQueries.restrict(new MatchAllDocsQuery(), Access.audiences("public"), false));

            assertThat(json)
                    .contains("\"terms\":{\"audience\":[\"public\"]}")
                    .contains("\"must_not\":[{\"term\":{\"superseded\":{\"value\":\"true\"}}}]");
        }

        @Test
        void prefixesKeepAConstantScore() {
            assertThat(translated(QUERIES.parse("malar*", Translation.none("malar*"))[0]))
                    .contains("\"prefix\":{\"body\":{\"value\":\"malar\",\"rewrite\":\"constant_score\"");
        }

        @Test
        void pagesDecideTheDocumentsLanguageThemselves() {
            Query english = new TermQuery(new Term(IndexSchema.LANGUAGE, "en"));

            assertThat(LuceneToOpenSearch.pages("en").translate(english).toString())
                    .isEqualTo("{\"match_all\":{}}");
            assertThat(LuceneToOpenSearch.pages("fr").translate(english).toString())
                    .isEqualTo("{\"match_none\":{}}");
            assertThat(LuceneToOpenSearch.pages("fr")
                            .translate(new TermQuery(new Term(IndexSchema.BODY, "malaria")))
                            .toString())
                    .contains("pages.page_text");
        }
    }
}
