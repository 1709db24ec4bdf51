package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each caller may see: a published document, a draft only its owner (account A) may see, an older published
 * version that the published one supersedes, and an unrelated published document. The draft alone holds the word
 * "Tanganyika" and its own value in every facet dimension; the older version alone holds "Mbujimayi" and the year 2019.
 */
class VisibilityIT {

    static final Access READER = Access.audiences(IndexableDocument.PUBLIC);
    static final Access ACCOUNT_A = Access.audiences(IndexableDocument.PUBLIC, "account:A");
    static final Access ACCOUNT_B = Access.audiences(IndexableDocument.PUBLIC, "account:B");
    static final Access EVERYTHING = Access.everything();

    /** Afresh for each test: some tests add or delete documents. */
    @RegisterExtension
    final TestIndex indexed = TestIndex.of(
            doc("published")
                    .title("Cholera vaccination campaign in Kasai")
                    .keywords("Cholera", "Vaccination")
                    .type("report")
                    .language("en")
                    .year(2023)
                    .countries("CD")
                    .topics("cholera")
                    .collections("kasai-response")
                    .design("cohort")
                    .classification(
                            List.of("infectious"),
                            List.of("children_under_five"),
                            List.of("camp"),
                            List.of("vaccination"))
                    .pages(
                            "Oral cholera vaccine coverage in Kasai reached ninety percent of the target population.",
                            "The cold chain held during the vaccination campaign.")
                    .build(),
            doc("draft")
                    .audiences("account:A")
                    .title("Cholera vaccination around Lake Tanganyika")
                    .keywords("Tanganyika", "Lakeside outreach")
                    .type("protocol")
                    .language("fr")
                    .year(2025)
                    .countries("TZ")
                    .topics("lakeside")
                    .collections("drafts-box")
                    .design("operating_procedure")
                    .classification(
                            List.of("infectious", "digestive"),
                            List.of("displaced_people"),
                            List.of("community"),
                            List.of("vaccination", "wash"))
                    .pages("Preparation notes.", "Tanganyika fishing villages will receive oral cholera vaccination.")
                    .build(),
            doc("previous")
                    .superseded()
                    .title("Cholera vaccination campaign in Kasai, first edition")
                    .keywords("Cholera")
                    .type("report")
                    .language("en")
                    .year(2019)
                    .countries("CD")
                    .topics("cholera")
                    .collections("kasai-response")
                    .pages("Mbujimayi district reported the first vaccination round against cholera in Kasai.")
                    .build(),
            doc("another")
                    .title("Cholera treatment centre in Kasai")
                    .keywords("Cholera", "Case management")
                    .type("report")
                    .language("en")
                    .year(2022)
                    .countries("CD")
                    .topics("cholera")
                    .collections("kasai-response")
                    .design("cohort")
                    .classification(List.of("infectious"), List.of(), List.of("hospital"), List.of("treatment"))
                    .pages("Cholera cases in Kasai were treated with oral rehydration in the centre.")
                    .build());

    SearchResponse searchAs(Access access, String query) {
        return indexed.search().search(SearchRequest.of(query).withAccess(access));
    }

    static List<String> ids(SearchResponse response) {
        return response.hits().stream().map(Hit::id).toList();
    }

    /** Every dimension's counts as value → count, in the response's order. */
    static Map<String, Map<String, Long>> facets(SearchResponse response) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        response.facets().forEach((dimension, values) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            values.forEach(value -> counts.put(value.value(), value.count()));
            facets.put(dimension, counts);
        });
        return facets;
    }

    @Nested
    class Results {

        @Test
        void aReaderFindsOnlyPublishedLatestVersions() {
            SearchResponse response = searchAs(READER, "+cholera +vaccination");

            assertThat(ids(response)).containsExactly("published");
            assertThat(response.total()).isEqualTo(1);
        }

        @Test
        void anOwnerAlsoFindsItsDraft() {
            SearchResponse response = searchAs(ACCOUNT_A, "+cholera +vaccination");

            assertThat(ids(response)).containsExactlyInAnyOrder("published", "draft");
            assertThat(response.total()).isEqualTo(2);
        }

        @Test
        void anotherAccountDoesNotFindTheDraft() {
            SearchResponse response = searchAs(ACCOUNT_B, "+cholera +vaccination");

            assertThat(ids(response)).containsExactly("published");
            assertThat(response.total()).isEqualTo(1);
        }

        @Test
        void everythingFindsEveryLatestVersion() {
            SearchResponse response = searchAs(EVERYTHING, "+cholera +vaccination");

            assertThat(ids(response)).containsExactlyInAnyOrder("published", "draft");
            assertThat(response.total()).isEqualTo(2);
        }

        @Test
        void aWordOnlyInTheDraftFindsNothingForAReader() {
            SearchResponse reader = searchAs(READER, "tanganyika");

            assertThat(reader.total()).isZero();
            assertThat(reader.hits()).isEmpty();
            assertThat(searchAs(ACCOUNT_A, "tanganyika").hits())
                    .extracting(Hit::id)
                    .containsExactly("draft");
        }

        @Test
        void listingEveryDocumentCountsOnlyVisibleOnesAndNeverTheirPages() {
            assertThat(searchAs(READER, "").total()).isEqualTo(2);
            assertThat(searchAs(ACCOUNT_A, "").total()).isEqualTo(3);
            assertThat(searchAs(EVERYTHING, "").total()).isEqualTo(3);
            assertThat(indexed.search()
                            .search(SearchRequest.of("").withIncludeSuperseded(true))
                            .total())
                    .isEqualTo(4);
        }

        @Test
        void sortingByDateShowsOnlyVisibleDocuments() {
            SearchResponse newest = indexed.search()
                    .search(SearchRequest.of("").withAccess(READER).withSort(SortOrder.NEWEST));

            assertThat(ids(newest)).containsExactly("published", "another");
            assertThat(newest.hits()).allSatisfy(hit -> assertThat(hit.score()).isNotNaN());
        }

        @Test
        void restrictingLeavesScoresAsTheyAre() {
            Hit unrestricted = searchAs(EVERYTHING, "cholera kasai").hits().stream()
                    .filter(hit -> hit.id().equals("published"))
                    .findFirst()
                    .orElseThrow();
            Hit asReader = searchAs(READER, "cholera kasai").hits().stream()
                    .filter(hit -> hit.id().equals("published"))
                    .findFirst()
                    .orElseThrow();

            assertThat(asReader.score()).isEqualTo(unrestricted.score());
        }
    }

    @Nested
    class Facets {

        @Test
        void aReaderCountsOnlyVisibleDocumentsInEveryDimension() {
            assertThat(facets(searchAs(READER, "")))
                    .containsExactly(
                            Map.entry("type", Map.of("report", 2L)),
                            Map.entry("language", Map.of("en", 2L)),
                            Map.entry("year", Map.of("2023", 1L, "2022", 1L)),
                            Map.entry("country", Map.of("CD", 2L)),
                            Map.entry("topic", Map.of("cholera", 2L)),
                            Map.entry("collection", Map.of("kasai-response", 2L)),
                            Map.entry("design", Map.of("cohort", 2L)),
                            Map.entry("health", Map.of("infectious", 2L)),
                            Map.entry("population", Map.of("children_under_five", 1L)),
                            Map.entry("setting", Map.of("camp", 1L, "hospital", 1L)),
                            Map.entry("intervention", Map.of("vaccination", 1L, "treatment", 1L)));
        }

        @Test
        void anOwnerCountsItsDraftInEveryDimension() {
            assertThat(facets(searchAs(ACCOUNT_A, "")))
                    .containsExactly(
                            Map.entry("type", Map.of("report", 2L, "protocol", 1L)),
                            Map.entry("language", Map.of("en", 2L, "fr", 1L)),
                            Map.entry("year", Map.of("2025", 1L, "2023", 1L, "2022", 1L)),
                            Map.entry("country", Map.of("CD", 2L, "TZ", 1L)),
                            Map.entry("topic", Map.of("cholera", 2L, "lakeside", 1L)),
                            Map.entry("collection", Map.of("kasai-response", 2L, "drafts-box", 1L)),
                            Map.entry("design", Map.of("cohort", 2L, "operating_procedure", 1L)),
                            Map.entry("health", Map.of("infectious", 3L, "digestive", 1L)),
                            Map.entry("population", Map.of("children_under_five", 1L, "displaced_people", 1L)),
                            Map.entry("setting", Map.of("camp", 1L, "hospital", 1L, "community", 1L)),
                            Map.entry("intervention", Map.of("vaccination", 2L, "treatment", 1L, "wash", 1L)));
        }

        @Test
        void anotherAccountCountsAsAReader() {
            assertThat(facets(searchAs(ACCOUNT_B, ""))).isEqualTo(facets(searchAs(READER, "")));
        }

        @Test
        void drillSidewaysCountsOfAFilteredDimensionStayVisibleOnly() {
            // Each filtered dimension is counted without its own filter: the pass that could let the draft in.
            SearchResponse filtered = indexed.search()
                    .search(SearchRequest.of("cholera")
                            .withAccess(READER)
                            .withFilters(Filters.none().withCountries("TZ").withTypes("protocol")));

            assertThat(filtered.total()).isZero();
            assertThat(facets(filtered).get("country")).isEmpty();
            assertThat(facets(filtered).get("type")).isEmpty();

            SearchResponse sideways = indexed.search()
                    .search(SearchRequest.of("cholera")
                            .withAccess(READER)
                            .withFilters(Filters.none().withCountries("CD")));

            assertThat(facets(sideways).get("country")).isEqualTo(Map.of("CD", 2L));
            assertThat(facets(sideways).get("type")).isEqualTo(Map.of("report", 2L));
        }

        @Test
        void aVocabularyFilterFindsNoDraftForAReaderAndItsSidewaysCountsStayVisibleOnly() {
            Filters displaced =
                    Filters.none().withClassification(Set.of(), Set.of("displaced_people"), Set.of(), Set.of());

            SearchResponse reader = indexed.search()
                    .search(SearchRequest.of("cholera").withAccess(READER).withFilters(displaced));
            SearchResponse owner = indexed.search()
                    .search(SearchRequest.of("cholera").withAccess(ACCOUNT_A).withFilters(displaced));

            assertThat(reader.total()).isZero();
            assertThat(facets(reader).get("population")).isEqualTo(Map.of("children_under_five", 1L));
            assertThat(owner.hits()).extracting(Hit::id).containsExactly("draft");
        }

        @Test
        void drillSidewaysCountsIncludeTheDraftForItsOwner() {
            SearchResponse sideways = indexed.search()
                    .search(SearchRequest.of("cholera")
                            .withAccess(ACCOUNT_A)
                            .withFilters(Filters.none().withCountries("CD")));

            assertThat(sideways.total()).isEqualTo(2);
            assertThat(facets(sideways).get("country")).isEqualTo(Map.of("CD", 2L, "TZ", 1L));
        }
    }

    @Nested
    class Pages {

        @Test
        void aReaderSeesNoPageOfTheDraft() {
            SearchResponse response = searchAs(READER, "oral cholera vaccination");

            assertThat(response.hits()).extracting(Hit::id).doesNotContain("draft");
            assertThat(response.hits())
                    .flatExtracting(Hit::pages)
                    .extracting(PageHit::snippet)
                    .isNotEmpty()
                    .noneMatch(snippet -> snippet.contains("Tanganyika") || snippet.contains("fishing"));
        }

        @Test
        void theOwnerSeesTheDraftsMatchingPage() {
            Hit draft = searchAs(ACCOUNT_A, "tanganyika").hits().getFirst();

            assertThat(draft.pages()).extracting(PageHit::page).containsExactly(2);
            assertThat(draft.pages().getFirst().snippet()).contains("<mark>Tanganyika</mark>");
        }
    }

    @Nested
    class Autocomplete {

        @Test
        void neverProposesADraftsTitleOrKeywordsToAReader() {
            assertThat(indexed.search().autocomplete("tanga", 10, READER)).isEmpty();
            assertThat(indexed.search().autocomplete("lakes", 10, READER)).isEmpty();
            assertThat(indexed.search().autocomplete("tanga", 10, ACCOUNT_B)).isEmpty();
        }

        @Test
        void proposesTheDraftToItsOwner() {
            assertThat(indexed.search().autocomplete("tanga", 10, ACCOUNT_A))
                    .extracting(Suggestion::text)
                    .containsExactlyInAnyOrder("Cholera vaccination around Lake Tanganyika", "Tanganyika");
            assertThat(indexed.search().autocomplete("lakes", 10, ACCOUNT_A))
                    .extracting(Suggestion::text)
                    .containsExactly("Lakeside outreach");
        }

        @Test
        void proposesOnlyVisibleLatestTitles() {
            assertThat(indexed.search().autocomplete("chol", 20, READER))
                    .filteredOn(suggestion -> suggestion.kind() == Suggestion.Kind.TITLE)
                    .extracting(Suggestion::documentId)
                    .containsExactlyInAnyOrder("published", "another");
            assertThat(indexed.search().autocomplete("chol", 20, EVERYTHING))
                    .filteredOn(suggestion -> suggestion.kind() == Suggestion.Kind.TITLE)
                    .extracting(Suggestion::documentId)
                    .containsExactlyInAnyOrder("published", "another", "draft");
        }

        @Test
        void theOldOverloadSeesEveryLatestVersion() {
            assertThat(indexed.search().autocomplete("tanga", 10))
                    .extracting(Suggestion::documentId)
                    .contains("draft");
            assertThat(indexed.search().autocomplete("first edition", 10)).isEmpty();
        }
    }

    @Nested
    class DidYouMean {

        @Test
        void neverCorrectsToAWordOnlyInTheDraft() {
            SearchResponse reader = searchAs(READER, "tanganyka");

            assertThat(reader.total()).isZero();
            assertThat(reader.didYouMean()).isNull();
            assertThat(searchAs(ACCOUNT_B, "tanganyka").didYouMean()).isNull();
        }

        @Test
        void correctsToTheDraftsWordForItsOwner() {
            assertThat(searchAs(ACCOUNT_A, "tanganyka").didYouMean()).isEqualTo("tanganyika");
            assertThat(searchAs(EVERYTHING, "tanganyka").didYouMean()).isEqualTo("tanganyika");
        }

        @Test
        void correctsVisibleWordsButLeavesAHiddenOneUncorrected() {
            // Four words: any may match, so "cholera" alone makes the correction find more; the draft's word must not
            // ride along with it.
            assertThat(searchAs(READER, "cholra vaccination campaign tanganyka").didYouMean())
                    .isEqualTo("cholera vaccination campaign tanganyka");
            assertThat(searchAs(ACCOUNT_A, "cholra vaccination campaign tanganyka")
                            .didYouMean())
                    .isEqualTo("cholera vaccination campaign tanganyika");
        }

        @Test
        void offersNoCorrectionThatOnlyHiddenDocumentsWouldMatch() {
            // The corrected word is visible, but only the draft holds it together with the other.
            assertThat(searchAs(READER, "cholra tanganyika").didYouMean()).isNull();
            assertThat(searchAs(ACCOUNT_A, "cholra tanganyika").didYouMean()).isEqualTo("cholera tanganyika");
        }

        @Test
        void correctsToAWordOfAnOlderVersionOnlyWhenOlderVersionsAreSearched() {
            SearchRequest misspelled = SearchRequest.of("mbujimay").withAccess(READER);

            assertThat(indexed.search().search(misspelled).didYouMean()).isNull();
            assertThat(indexed.search()
                            .search(misspelled.withIncludeSuperseded(true))
                            .didYouMean())
                    .isEqualTo("mbujimayi");
        }
    }

    @Nested
    class Related {

        @Test
        void aHiddenSourceIsIndistinguishableFromAMissingOne() {
            String missing = catchMessage(() -> indexed.search().related("nowhere", 5, READER));

            assertThatThrownBy(() -> indexed.search().related("draft", 5, READER))
                    .isInstanceOf(DocumentNotFoundException.class)
                    .hasMessage(missing.replace("nowhere", "draft"));
            assertThatThrownBy(() -> indexed.search().related("draft", 5, ACCOUNT_B))
                    .isInstanceOf(DocumentNotFoundException.class);
        }

        @Test
        void neverRelatesTheDraftForAReader() {
            assertThat(indexed.search().related("published", 10, READER))
                    .extracting(Hit::id)
                    .containsExactly("another");
            assertThat(indexed.search().related("another", 10, ACCOUNT_B))
                    .extracting(Hit::id)
                    .containsExactly("published");
        }

        @Test
        void relatesTheDraftForItsOwnerAndEverything() {
            assertThat(indexed.search().related("published", 10, ACCOUNT_A))
                    .extracting(Hit::id)
                    .containsExactlyInAnyOrder("another", "draft");
            assertThat(indexed.search().related("draft", 10, ACCOUNT_A))
                    .extracting(Hit::id)
                    .contains("published")
                    .doesNotContain("draft", "previous");
            assertThat(indexed.search().related("published", 10))
                    .extracting(Hit::id)
                    .contains("draft");
        }

        @Test
        void anOlderVersionHasRelatedDocumentsButIsNeverOneOfThem() {
            assertThat(indexed.search().related("previous", 10, READER))
                    .extracting(Hit::id)
                    .containsExactlyInAnyOrder("published", "another");
            assertThat(indexed.search().related("published", 10, EVERYTHING))
                    .extracting(Hit::id)
                    .doesNotContain("previous");
        }

        private static String catchMessage(Runnable call) {
            try {
                call.run();
            } catch (DocumentNotFoundException e) {
                return e.getMessage();
            }
            throw new AssertionError("expected DocumentNotFoundException");
        }
    }

    @Nested
    class OlderVersions {

        @Test
        void areLeftOutUnlessAskedFor() {
            SearchRequest request = SearchRequest.of("cholera kasai").withAccess(READER);

            assertThat(ids(indexed.search().search(request))).containsExactlyInAnyOrder("published", "another");
            assertThat(ids(indexed.search().search(request.withIncludeSuperseded(true))))
                    .containsExactlyInAnyOrder("published", "another", "previous");
        }

        @Test
        void countInFacetsOnlyWhenAskedFor() {
            SearchRequest request = SearchRequest.of("").withAccess(READER);

            assertThat(facets(indexed.search().search(request)).get("year")).doesNotContainKey("2019");
            assertThat(facets(indexed.search().search(request.withIncludeSuperseded(true)))
                            .get("year"))
                    .containsEntry("2019", 1L);
            assertThat(indexed.search()
                            .search(request.withIncludeSuperseded(true))
                            .total())
                    .isEqualTo(3);
        }

        @Test
        void stayHiddenFromOthersWhenOlderVersionsAreAskedFor() {
            SearchResponse response = indexed.search()
                    .search(SearchRequest.of("vaccination").withAccess(READER).withIncludeSuperseded(true));

            assertThat(ids(response)).containsExactlyInAnyOrder("published", "previous");
        }

        @Test
        void areLeftOutOfRankedIds() {
            assertThat(indexed.search().rankedIds("mbujimayi", 10)).isEmpty();
            assertThat(indexed.search()
                            .search(SearchRequest.of("mbujimayi").withIncludeSuperseded(true))
                            .hits())
                    .extracting(Hit::id)
                    .containsExactly("previous");
        }
    }

    @Nested
    class DocumentsWithoutAudience {

        @Test
        void areFoundByUnrestrictedSearchesOnly() {
            indexed.index()
                    .upsert(doc("unlisted")
                            .audiences()
                            .title("Withheld evaluation")
                            .pages("Withheld findings.")
                            .build());
            indexed.index().refresh();

            assertThat(searchAs(EVERYTHING, "withheld").hits())
                    .extracting(Hit::id)
                    .containsExactly("unlisted");
            assertThat(searchAs(READER, "withheld").total()).isZero();
            assertThat(searchAs(ACCOUNT_A, "withheld").total()).isZero();
            assertThat(indexed.search().autocomplete("withh", 5, ACCOUNT_A)).isEmpty();
        }
    }

    @Nested
    class Requests {

        @Test
        void refuseAnAccessWithoutAudiencesNamingTheFix() {
            assertThatThrownBy(() -> Access.of(Set.of()))
                    .isInstanceOf(InvalidSearchRequestException.class)
                    .hasMessageContaining("Access.audiences(\"public\")")
                    .hasMessageContaining("Access.everything()");
            assertThatThrownBy(() -> Access.audiences(new String[0])).isInstanceOf(InvalidSearchRequestException.class);
            assertThatThrownBy(() -> Access.audiences("public", " ")).hasMessageContaining("blank");
        }

        @Test
        void refuseNoAccessRatherThanShowEverything() {
            assertThatThrownBy(() -> SearchRequest.of("x").withAccess(null))
                    .isInstanceOf(InvalidSearchRequestException.class)
                    .hasMessageContaining("Access.everything()");
        }

        @Test
        void boundTheNumberOfAudiences() {
            String[] many = new String[Access.MAX_AUDIENCES + 1];
            for (int i = 0; i < many.length; i++) {
                many[i] = "group:" + i;
            }

            assertThatThrownBy(() -> Access.audiences(many)).hasMessageContaining("MAX_AUDIENCES");
        }

        @Test
        void defaultToEveryLatestVersion() {
            SearchRequest request = SearchRequest.of("x");

            assertThat(request.access()).isEqualTo(Access.everything());
            assertThat(request.includeSuperseded()).isFalse();
        }
    }

    /**
     * Search by meaning under the same rules: a draft and a superseded version are the nearest neighbours of a
     * question that shares no word with any document, and a reader never meets them, in hits, totals, facets or
     * snippets, while an unrestricted search ranks them first (so the filter, not chance, keeps them out).
     */
    @Nested
    class ByMeaning {

        @TempDir
        Path semanticDirectory;

        PortalIndex semanticIndex;
        PortalSearch semanticSearch;

        static final String QUESTION = "what should a nurse give an infant who is drying out from loose bowels";

        @BeforeEach
        void indexWithVectors() {
            semanticIndex = PortalIndex.open(semanticDirectory);
            SemanticFixture.upsert(
                    semanticIndex,
                    doc("published")
                            .title("Measles immunisation coverage survey")
                            .type("report")
                            .language("en")
                            .year(2023)
                            .countries("CD")
                            .pages("Coverage of the second measles dose reached eighty percent in the district.")
                            .build());
            SemanticFixture.upsert(
                    semanticIndex,
                    doc("draft")
                            .audiences("account:A")
                            .title("Oral rehydration of young children")
                            .type("protocol")
                            .language("fr")
                            .year(2025)
                            .countries("TZ")
                            .topics("lakeside")
                            .pages(
                                    "Contents.",
                                    "Oral rehydration salts dissolved in clean water replace the fluid and salts that"
                                            + " babies lose with watery stools; give small sips after each stool.")
                            .build());
            SemanticFixture.upsert(
                    semanticIndex,
                    doc("previous")
                            .superseded()
                            .title("Rehydration of babies with watery stools, first edition")
                            .type("report")
                            .language("en")
                            .year(2019)
                            .countries("CD")
                            .pages("Babies losing fluid with watery stools get oral rehydration salts by spoon.")
                            .build());
            SemanticFixture.upsert(
                    semanticIndex,
                    doc("another")
                            .title("Malaria bed net distribution")
                            .type("report")
                            .language("en")
                            .year(2022)
                            .countries("CD")
                            .pages("Long-lasting insecticidal nets were handed out to every household.")
                            .build());
            semanticIndex.refresh();
            // No floor on hits by meaning: every neighbour is listed, so that the filter, not the floor, keeps the
            // hidden versions out of what a reader sees.
            semanticSearch = new PortalSearch(
                    semanticIndex,
                    SemanticFixture.settings()
                            .withFusion(SemanticFixture.settings().fusion().withMeaningFloor(-1)),
                    SemanticFixture.model());
        }

        @AfterEach
        void closeIndex() {
            semanticIndex.close();
        }

        SearchResponse ask(Access access) {
            return semanticSearch.search(SearchRequest.of(QUESTION).withAccess(access));
        }

        @Test
        void theHiddenVersionsAreTheNearestNeighboursForAnUnrestrictedSearch() {
            SearchResponse response = semanticSearch.search(
                    SearchRequest.of(QUESTION).withAccess(EVERYTHING).withIncludeSuperseded(true));

            assertThat(ids(response).subList(0, 2)).containsExactlyInAnyOrder("draft", "previous");
            Hit draft = response.hits().stream()
                    .filter(hit -> hit.id().equals("draft"))
                    .findFirst()
                    .orElseThrow();
            assertThat(draft.pages()).extracting(PageHit::page).contains(2);
        }

        @Test
        void aReaderNeverMeetsTheDraftOrTheOldVersion() {
            SearchResponse response = ask(READER);

            assertThat(ids(response))
                    .doesNotContain("draft", "previous")
                    .containsExactlyInAnyOrder("published", "another");
            assertThat(response.total()).isEqualTo(2);
            Map<String, Map<String, Long>> facets = facets(response);
            assertThat(facets.get("type")).containsOnlyKeys("report").containsEntry("report", 2L);
            assertThat(facets.get("language")).doesNotContainKey("fr");
            assertThat(facets.get("year")).doesNotContainKeys("2025", "2019");
            assertThat(facets.get("country")).doesNotContainKey("TZ");
            assertThat(facets.get("topic")).doesNotContainKey("lakeside");
            assertThat(response.hits())
                    .flatMap(Hit::pages)
                    .allSatisfy(page -> assertThat(page.snippet()).doesNotContainIgnoringCase("rehydration"));
        }

        @Test
        void anotherAccountDoesNotMeetTheDraftEither() {
            assertThat(ids(ask(ACCOUNT_B))).doesNotContain("draft", "previous");
        }

        @Test
        void theOwnerMeetsItsDraftFirstButNotTheOldVersion() {
            SearchResponse response = ask(ACCOUNT_A);

            assertThat(ids(response).get(0)).isEqualTo("draft");
            assertThat(ids(response)).doesNotContain("previous");
            assertThat(response.hits().get(0).pages().get(0).page()).isEqualTo(2);
        }

        @Test
        void rankingByMeaningAloneIsFilteredToo() {
            SearchResponse response = semanticSearch.search(
                    SearchRequest.of(QUESTION).withAccess(READER).withMode(RankingMode.DENSE));

            assertThat(ids(response)).containsExactlyInAnyOrder("published", "another");
            assertThat(response.total()).isEqualTo(2);
        }

        @Test
        void relatedDocumentsOfAReaderLeaveTheDraftOut() {
            assertThat(semanticSearch.related("another", 5, READER))
                    .extracting(Hit::id)
                    .doesNotContain("draft", "previous");
        }
    }
}
