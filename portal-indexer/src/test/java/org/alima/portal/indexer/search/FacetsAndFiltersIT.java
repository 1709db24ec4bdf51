package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FacetsAndFiltersIT {

    /** Afresh for each test: some tests add or delete documents. */
    @RegisterExtension
    final TestIndex indexed = TestIndex.of(
            doc("s1")
                    .type("study")
                    .language("en")
                    .year(2019)
                    .countries("ML", "NE")
                    .topics("Malaria")
                    .collections("Epicentre")
                    .classification(
                            List.of("infectious"),
                            List.of("children_under_five"),
                            List.of("rural"),
                            List.of("diagnosis"))
                    .pages("malaria prevalence")
                    .build(),
            doc("s2")
                    .type("Study")
                    .language("fr")
                    .year(2021)
                    .countries("ML")
                    .topics("Malaria")
                    .pages("paludisme et malaria chez l'enfant")
                    .build(),
            doc("s3")
                    .type("study")
                    .language("en")
                    .year(2022)
                    .countries("BF")
                    .topics("Nutrition")
                    .collections("Epicentre")
                    .design("cohort")
                    .pages("malaria and malnutrition")
                    .build(),
            doc("g1")
                    .type("guideline")
                    .design("guideline")
                    .language("en")
                    .date(LocalDate.of(2023, 3, 1))
                    .countries("NE")
                    .topics("Malaria", "Pharmacy")
                    .pages("malaria treatment protocol")
                    .build(),
            doc("g2")
                    .type("guideline")
                    .language("fr")
                    .pages("malaria sans date")
                    .build(),
            doc("other")
                    .type("report")
                    .language("en")
                    .year(2020)
                    .pages("cholera outbreak")
                    .build());

    private SearchResponse malaria(Filters filters) {
        return indexed.search().search(SearchRequest.of("malaria").withFilters(filters));
    }

    private static List<String> ids(SearchResponse response) {
        return response.hits().stream().map(Hit::id).toList();
    }

    @Nested
    class Facets {

        @Test
        void countsEveryDimensionOfAllMatchingDocumentsInTheSameSearch() {
            SearchResponse response = malaria(Filters.none());

            assertThat(response.total()).isEqualTo(5);
            assertThat(response.facets())
                    .containsOnlyKeys(
                            "type",
                            "language",
                            "year",
                            "country",
                            "topic",
                            "collection",
                            "design",
                            "health",
                            "population",
                            "setting",
                            "intervention");
            assertThat(response.facets().keySet())
                    .containsExactly(
                            "type",
                            "language",
                            "year",
                            "country",
                            "topic",
                            "collection",
                            "design",
                            "health",
                            "population",
                            "setting",
                            "intervention");
            assertThat(response.facets().get("type"))
                    .containsExactly(new FacetValue("study", 3), new FacetValue("guideline", 2));
            assertThat(response.facets().get("language"))
                    .containsExactly(new FacetValue("en", 3), new FacetValue("fr", 2));
            assertThat(response.facets().get("country"))
                    .containsExactlyInAnyOrder(
                            new FacetValue("ML", 2), new FacetValue("NE", 2), new FacetValue("BF", 1));
            assertThat(response.facets().get("topic"))
                    .containsExactlyInAnyOrder(
                            new FacetValue("Malaria", 3),
                            new FacetValue("Nutrition", 1),
                            new FacetValue("Pharmacy", 1));
            assertThat(response.facets().get("year")).hasSize(4).contains(new FacetValue("2023", 1));
            assertThat(response.facets().get("collection")).containsExactly(new FacetValue("Epicentre", 2));
            assertThat(response.facets().get("design"))
                    .containsExactlyInAnyOrder(new FacetValue("cohort", 1), new FacetValue("guideline", 1));
            assertThat(response.facets().get("health")).containsExactly(new FacetValue("infectious", 1));
            assertThat(response.facets().get("population")).containsExactly(new FacetValue("children_under_five", 1));
            assertThat(response.facets().get("setting")).containsExactly(new FacetValue("rural", 1));
            assertThat(response.facets().get("intervention")).containsExactly(new FacetValue("diagnosis", 1));
        }

        @Test
        void keepsTheOtherValuesOfAFilteredDimensionSoUsersCanPickSeveral() {
            SearchResponse response = malaria(Filters.none().withTypes("study"));

            assertThat(response.total()).isEqualTo(3);
            assertThat(response.facets().get("type"))
                    .containsExactly(new FacetValue("study", 3), new FacetValue("guideline", 2));
            assertThat(response.facets().get("language"))
                    .containsExactly(new FacetValue("en", 2), new FacetValue("fr", 1));
        }

        @Test
        void omitsFacetsWhenNotAsked() {
            assertThat(indexed.search()
                            .search(SearchRequest.of("malaria").withFacets(false))
                            .facets())
                    .isEmpty();
        }

        @Test
        void forgetsDeletedDocuments() {
            indexed.index().delete("s3");
            indexed.index().refresh();

            assertThat(malaria(Filters.none()).facets().get("country"))
                    .containsExactlyInAnyOrder(new FacetValue("ML", 2), new FacetValue("NE", 2));
        }

        @Test
        void returnsEmptyDimensionsWhenNoDocumentHasFacetValues(@TempDir Path other) {
            try (PortalIndex bare = PortalIndex.open(other)) {
                bare.upsert(doc("x").pages("malaria").build());
                bare.refresh();

                SearchResponse response = new PortalSearch(bare).search(SearchRequest.of("malaria"));

                assertThat(response.total()).isEqualTo(1);
                assertThat(response.facets())
                        .hasSize(11)
                        .allSatisfy((dimension, values) -> assertThat(values).isEmpty());
            }
        }
    }

    @Nested
    class Filtering {

        @Test
        void filtersEachDimensionIgnoringCaseAndAccents() {
            assertThat(ids(malaria(Filters.none().withTypes("STUDY")))).containsExactlyInAnyOrder("s1", "s2", "s3");
            assertThat(ids(malaria(Filters.none().withLanguages("fr")))).containsExactlyInAnyOrder("s2", "g2");
            assertThat(ids(malaria(Filters.none().withCountries("ne")))).containsExactlyInAnyOrder("s1", "g1");
            assertThat(ids(malaria(Filters.none().withTopics("pharmacy")))).containsExactly("g1");
            assertThat(ids(malaria(Filters.none().withClassification(Set.of(), Set.of(), Set.of("Rural"), Set.of()))))
                    .containsExactly("s1");
            assertThat(ids(malaria(Filters.none().withCollections("épicentre"))))
                    .containsExactlyInAnyOrder("s1", "s3");
            assertThat(ids(malaria(Filters.none().withDesigns("COHORT", "guideline"))))
                    .containsExactlyInAnyOrder("s3", "g1");
        }

        @Test
        void combinesValuesOfOneDimensionWithOrAndDimensionsWithAnd() {
            Filters filters = Filters.none().withCountries("ML", "BF").withLanguages("en");

            assertThat(ids(malaria(filters))).containsExactlyInAnyOrder("s1", "s3");
        }

        @Test
        void filtersAYearRangeAndExcludesUndatedDocuments() {
            assertThat(ids(malaria(Filters.none().withYears(2021, 2023)))).containsExactlyInAnyOrder("s2", "s3", "g1");
            assertThat(ids(malaria(Filters.none().withYears(null, 2019)))).containsExactly("s1");
        }

        @Test
        void leavesScoresUnchanged() {
            float unfiltered = malaria(Filters.none()).hits().stream()
                    .filter(hit -> hit.id().equals("s1"))
                    .findFirst()
                    .orElseThrow()
                    .score();

            assertThat(malaria(Filters.none().withTypes("study").withYears(2000, 2030))
                            .hits())
                    .filteredOn(hit -> hit.id().equals("s1"))
                    .singleElement()
                    .extracting(Hit::score)
                    .isEqualTo(unfiltered);
        }

        @Test
        void filtersWithoutComputingFacets() {
            SearchResponse response = indexed.search()
                    .search(SearchRequest.of("malaria")
                            .withFacets(false)
                            .withFilters(Filters.none().withTypes("guideline")));

            assertThat(ids(response)).containsExactlyInAnyOrder("g1", "g2");
        }

        @Test
        void stopsAFilteredFacetedSearchAtTheTimeLimit() {
            PortalSearch impatient = new PortalSearch(
                    indexed.index(), SearchSettings.defaults().withTimeLimit(java.time.Duration.ofNanos(1)));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> impatient.search(SearchRequest.of("malaria")
                            .withFilters(Filters.none().withTypes("study").withLanguages("en"))))
                    .isInstanceOf(SearchTimeoutException.class);
        }

        @Test
        void listsFilteredDocumentsForAnEmptyQuery() {
            SearchResponse response = indexed.search()
                    .search(SearchRequest.of("").withFilters(Filters.none().withTypes("report")));

            assertThat(ids(response)).containsExactly("other");
        }
    }

    @Nested
    class Sorting {

        @Test
        void relevanceOrderReportsDescendingScoresWithAndWithoutFacets() {
            for (boolean withFacets : new boolean[] {true, false}) {
                SearchResponse response =
                        indexed.search().search(SearchRequest.of("malaria").withFacets(withFacets));

                assertThat(response.hits())
                        .allSatisfy(hit -> assertThat(hit.score()).isPositive());
                assertThat(response.hits())
                        .extracting(Hit::score)
                        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            }
        }

        @Test
        void sortsNewestFirstWithUndatedDocumentsLast() {
            SearchResponse response =
                    indexed.search().search(SearchRequest.of("malaria").withSort(SortOrder.NEWEST));

            assertThat(ids(response)).containsExactly("g1", "s3", "s2", "s1", "g2");
            assertThat(response.hits())
                    .allSatisfy(hit -> assertThat(hit.score()).isPositive());
        }

        @Test
        void returnsTheDisplayedFieldsOfEachHit() {
            Hit hit = indexed.search()
                    .search(SearchRequest.of("prevalence"))
                    .hits()
                    .getFirst();

            assertThat(hit)
                    .isEqualTo(new Hit(hit.id(), null, hit.score(), List.of(), "study", "en", 2019, hit.pages()));
        }
    }
}
