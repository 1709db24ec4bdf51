package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.engine.EmbeddedEngine;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.DocumentNotFoundException;
import org.alima.portal.indexer.search.Filters;
import org.alima.portal.indexer.search.InvalidSearchRequestException;
import org.alima.portal.indexer.search.PageOutOfRangeException;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.RankingMode;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.search.Suggestion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One contract, two engines: the same real PDFs indexed into the embedded Lucene index (in a temporary directory) and
 * into OpenSearch (a real node), the same requests asked of both. A difference in behaviour is a failing test here.
 */
@ExtendWith(OpenSearchNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchEngineContractIT {

    private static final Access ANONYMOUS =
            Access.audiences(IndexableDocument.PUBLIC).knowingOnly(Set.of("library"));

    private final Map<String, SearchEngine> engines = new LinkedHashMap<>();
    private Path embeddedDirectory;

    @BeforeAll
    void indexTheSameDocumentsInBothEngines(OpenSearchNode.Running node) throws Exception {
        embeddedDirectory = Files.createTempDirectory("contract-embedded");
        engines.put(
                "embedded",
                EmbeddedEngine.open(embeddedDirectory, SearchSettings.defaults(), QueryTranslator.standard(), null));
        engines.put(
                "opensearch",
                OpenSearchEngine.open(
                        OpenSearchSettings.of(node.url()).withIndexPrefix("contract-" + java.util.UUID.randomUUID()),
                        SearchSettings.defaults(),
                        QueryTranslator.standard()));
        List<IndexableDocument> documents = documents();
        for (SearchEngine engine : engines.values()) {
            documents.forEach(document -> engine.upsert(document, Optional.empty()));
            engine.flush();
        }
    }

    @AfterAll
    void close() {
        engines.values().forEach(SearchEngine::close);
    }

    private static List<Page> pagesOf(Path pdf) {
        ExtractionResult result = new DocumentExtractor(ExtractionLimits.defaults()).extract(pdf);
        assertThat(result).as("%s", pdf).isInstanceOf(ExtractionResult.Extracted.class);
        return ((ExtractionResult.Extracted) result).pages();
    }

    private static Path pdf(String file) {
        Path path = Path.of("../portal-indexer/src/test/resources/extract", file);
        assertThat(path).exists();
        return path;
    }

    private static Path sharedPdf(String file) {
        Path path = Path.of("../../shared/corpus/pdfs", file);
        if (!Files.exists(path)) {
            path = Path.of("../shared/corpus/pdfs", file);
        }
        return path;
    }

    /** Real PDFs: English articles, a French one when the shared corpus is present, a draft, a private one. */
    private static List<IndexableDocument> documents() {
        List<Page> trauma = pagesOf(pdf("bmc-jtraumamanag-2010-dvt-prophylaxis.pdf"));
        List<Page> abstractPages = pagesOf(pdf("va-mirecc-research-abstract-1.pdf"));
        List<IndexableDocument> documents = new ArrayList<>();
        documents.add(document(
                "dvt",
                "Deep vein thrombosis prophylaxis in trauma patients",
                "article",
                "en",
                2010,
                List.of("library"),
                trauma,
                Set.of(IndexableDocument.PUBLIC)));
        documents.add(document(
                "va",
                "Research abstract on veterans' mental health",
                "report",
                "en",
                2015,
                List.of(),
                abstractPages,
                Set.of(IndexableDocument.PUBLIC)));
        Path french = sharedPdf("articles-fr/entites-nommees-geographiques-rnn.pdf");
        if (Files.exists(french)) {
            documents.add(document(
                    "fr",
                    "Entités nommées géographiques",
                    "thesis",
                    "fr",
                    2019,
                    List.of(),
                    pagesOf(french),
                    Set.of(IndexableDocument.PUBLIC)));
        }
        documents.add(document(
                "draft",
                "Secret zanzibarite thrombosis draft",
                "article",
                "en",
                2021,
                List.of(),
                List.of(new Page(1, "Zanzibarite thrombosis prophylaxis in trauma: a draft nobody may read.", "en")),
                Set.of("account:owner")));
        documents.add(document(
                "private",
                "Private thrombosis notes",
                "memo",
                "en",
                2022,
                List.of("hidden"),
                List.of(new Page(1, "Thrombosis prophylaxis notes of a private collection, zanzibarite.", "en")),
                Set.of("group:private")));
        return documents;
    }

    private static IndexableDocument document(
            String id,
            String title,
            String type,
            String language,
            int year,
            List<String> collections,
            List<Page> pages,
            Set<String> audiences) {
        return new IndexableDocument(
                id,
                "/files/" + id + ".pdf",
                title,
                null,
                List.of("Author " + id),
                List.of(),
                null,
                type,
                language,
                LocalDate.of(year, 6, 1),
                List.of(),
                List.of(),
                collections,
                pages,
                audiences,
                false);
    }

    private SearchEngine engine(String kind) {
        return engines.get(kind);
    }

    private static SearchRequest anonymous(String query) {
        return SearchRequest.of(query).withAccess(ANONYMOUS);
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void frenchWithoutAccentsFindsAnEnglishPageThroughTranslation(String kind) {
        SearchResponse response =
                engine(kind).search(anonymous("prophylaxie thrombose").withReaderLanguage("fr"));

        assertThat(ids(response.hits())).contains("dvt");
        assertThat(response.queryLanguage()).isEqualTo("fr");
        assertThat(response.translatedQuery()).isNotBlank();
        Hit dvt = response.hits().get(ids(response.hits()).indexOf("dvt"));
        assertThat(dvt.pages()).isNotEmpty();
        assertThat(dvt.pages().getFirst().snippet()).contains("<mark>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void hitsCarryPageNumbersAndMarkedSnippets(String kind) {
        SearchResponse response =
                engine(kind).search(anonymous("thromboembolism").withPagesPerHit(3));

        assertThat(ids(response.hits())).containsExactly("dvt");
        assertThat(response.hits().getFirst().pages()).isNotEmpty().allSatisfy(page -> {
            assertThat(page.page()).isBetween(1, 20);
            assertThat(page.snippet()).containsIgnoringCase("<mark>thromboembolism</mark>");
        });
    }

    /** On engines of its own: the shared ones keep the statistics of the fixtures, which scores are compared on. */
    @Test
    void bothEnginesSayWhichPagesOcrRead(OpenSearchNode.Running node, @TempDir Path directory) {
        IndexableDocument scan = document(
                "scan",
                "Registre scanné",
                "report",
                "fr",
                2020,
                List.of(),
                List.of(
                        new Page(1, "Registre des consultations de Mbandaka, page saisie.", "fr", false),
                        new Page(2, "Registre des consultations de Mbandaka, page numérisée.", "fr", true)),
                Set.of(IndexableDocument.PUBLIC));
        try (SearchEngine embedded =
                        EmbeddedEngine.open(directory, SearchSettings.defaults(), QueryTranslator.standard(), null);
                SearchEngine opensearch = OpenSearchEngine.open(
                        OpenSearchSettings.of(node.url())
                                .withIndexPrefix("contract-ocr-" + java.util.UUID.randomUUID()),
                        SearchSettings.defaults(),
                        QueryTranslator.standard())) {
            for (SearchEngine engine : List.of(embedded, opensearch)) {
                engine.upsert(scan, Optional.empty());
                engine.flush();

                SearchResponse response =
                        engine.search(anonymous("consultations mbandaka").withPagesPerHit(3));

                assertThat(ids(response.hits())).as(engine.kind()).containsExactly("scan");
                assertThat(response.hits().getFirst().pages())
                        .as(engine.kind())
                        .extracting(PageHit::page, PageHit::ocr)
                        .containsExactlyInAnyOrder(tuple(1, false), tuple(2, true));
            }
        }
    }

    @Test
    void bothEnginesChooseTheSamePagesAndSnippets() {
        SearchRequest request = anonymous("thrombosis prophylaxis").withPagesPerHit(3);
        SearchResponse embedded = engine("embedded").search(request);
        SearchResponse opensearch = engine("opensearch").search(request);

        assertThat(ids(opensearch.hits())).isEqualTo(ids(embedded.hits()));
        assertThat(opensearch.hits().getFirst().pages().stream()
                        .map(p -> p.page())
                        .toList())
                .isEqualTo(embedded.hits().getFirst().pages().stream()
                        .map(p -> p.page())
                        .toList());
        assertThat(opensearch.total()).isEqualTo(embedded.total());
    }

    @Test
    void bothEnginesRankAndScoreLexicalQueriesAlike() {
        for (String query : List.of("thrombosis", "trauma patients", "mental health veterans", "prophylaxis")) {
            List<Hit> embedded =
                    engine("embedded").search(SearchRequest.of(query)).hits();
            List<Hit> opensearch =
                    engine("opensearch").search(SearchRequest.of(query)).hits();

            assertThat(ids(opensearch)).as(query).isEqualTo(ids(embedded));
            for (int i = 0; i < embedded.size(); i++) {
                assertThat(opensearch.get(i).score())
                        .as("%s: score of %s", query, embedded.get(i).id())
                        .isCloseTo(embedded.get(i).score(), org.assertj.core.data.Percentage.withPercentage(0.1));
            }
            assertThat(engine("opensearch").rankedIds(query, 10))
                    .isEqualTo(engine("embedded").rankedIds(query, 10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void countsFacetsEachUnderTheOtherFilters(String kind) {
        SearchResponse all = engine(kind).search(anonymous("").withFacets(true));
        SearchResponse articles = engine(kind)
                .search(anonymous("")
                        .withFacets(true)
                        .withFilters(Filters.none().withTypes("article")));

        assertThat(all.facets().get("type"))
                .extracting(FacetValue::value)
                .contains("article", "report")
                .doesNotContain("memo");
        assertThat(ids(articles.hits())).containsExactly("dvt");
        assertThat(articles.total()).isEqualTo(1);
        // The type dimension is counted without its own filter: the other types stay offered.
        assertThat(articles.facets().get("type")).isEqualTo(all.facets().get("type"));
        assertThat(articles.facets().get("year")).extracting(FacetValue::value).containsExactly("2010");
        assertThat(all.facets().get("collection")).extracting(FacetValue::value).containsExactly("library");
    }

    @Test
    void bothEnginesCountTheSameFacets() {
        SearchRequest request =
                anonymous("").withFacets(true).withFilters(Filters.none().withYears(2010, 2016));

        assertThat(engine("opensearch").search(request).facets())
                .isEqualTo(engine("embedded").search(request).facets());
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void walksEveryHitOnceWithCursors(String kind) {
        for (SortOrder sort : SortOrder.values()) {
            SearchResponse first =
                    engine(kind).search(anonymous("").withSort(sort).withSize(1));
            List<String> seen = new ArrayList<>(ids(first.hits()));
            List<String> cursors = new ArrayList<>();
            String cursor = first.nextCursor();
            while (cursor != null) {
                cursors.add(cursor);
                SearchResponse next = engine(kind)
                        .search(anonymous("").withSort(sort).withSize(1).withCursor(cursor));
                seen.addAll(ids(next.hits()));
                cursor = next.nextCursor();
            }
            assertThat(seen).as("%s", sort).doesNotHaveDuplicates().hasSize((int) first.total());
            if (sort == SortOrder.NEWEST) {
                assertThat(seen.getFirst()).isIn("fr", "va");
            }
            if (kind.equals("opensearch")) {
                // A first page opens no point in time (most readers never page on); the second page opens one, which
                // the pages after it are read in, named after the position.
                assertThat(cursors).hasSizeGreaterThanOrEqualTo(2);
                assertThat(cursors.getFirst()).doesNotContain(".");
                assertThat(cursors.subList(1, cursors.size()))
                        .allSatisfy(next -> assertThat(next).contains("."));
            }
        }
        assertThatThrownBy(() -> engine(kind).search(anonymous("").withCursor("not-a-cursor")))
                .isInstanceOf(InvalidSearchRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void hidesDraftsAndPrivateCollectionsEverywhere(String kind) {
        SearchEngine engine = engine(kind);

        SearchResponse hidden = engine.search(anonymous("zanzibarite").withFacets(true));
        assertThat(hidden.total()).isZero();
        assertThat(hidden.hits()).isEmpty();
        assertThat(hidden.didYouMean()).isNull();
        assertThat(hidden.facets().values())
                .allSatisfy(values -> assertThat(values).isEmpty());
        SearchResponse thrombosis = engine.search(anonymous("thrombosis").withFacets(true));
        assertThat(ids(thrombosis.hits())).doesNotContain("draft", "private");
        assertThat(thrombosis.facets().get("type"))
                .extracting(FacetValue::value)
                .doesNotContain("memo");
        assertThat(engine.autocomplete("secret", 5, ANONYMOUS)).isEmpty();
        assertThat(engine.autocomplete("private", 5, ANONYMOUS)).isEmpty();
        assertThat(ids(engine.related("dvt", 10, ANONYMOUS))).doesNotContain("draft", "private");
        assertThatThrownBy(() -> engine.page("draft", 1, "thrombosis", "en", ANONYMOUS))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> engine.related("private", 5, ANONYMOUS)).isInstanceOf(DocumentNotFoundException.class);
        // Everything is seen by an unrestricted caller.
        assertThat(ids(engine.search(SearchRequest.of("zanzibarite")).hits()))
                .containsExactlyInAnyOrder("draft", "private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void ranksAHybridRequestByWordsAndRefusesMeaningAloneWithoutADenseModel(String kind) {
        SearchRequest hybrid = anonymous("thrombosis").withMode(RankingMode.HYBRID);

        assertThat(ids(engine(kind).search(hybrid).hits()))
                .isEqualTo(ids(engine(kind).search(anonymous("thrombosis")).hits()));
        assertThatThrownBy(() -> engine(kind).search(anonymous("thrombosis").withMode(RankingMode.DENSE)))
                .isInstanceOf(InvalidSearchRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void offersACorrectionForAMisspelling(String kind) {
        SearchResponse response = engine(kind).search(anonymous("prophilaxis"));

        assertThat(response.didYouMean()).isEqualTo("prophylaxis");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void completesTitlesAsTheUserTypes(String kind) {
        List<Suggestion> suggestions = engine(kind).autocomplete("deep vei", 5, ANONYMOUS);

        assertThat(suggestions)
                .extracting(Suggestion::text)
                .containsExactly("Deep vein thrombosis prophylaxis in trauma patients");
        assertThat(suggestions.getFirst().documentId()).isEqualTo("dvt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void findsRelatedDocumentsWithoutTheDocumentItself(String kind) {
        List<Hit> related = engine(kind).related("dvt", 5, Access.everything());

        assertThat(ids(related)).doesNotContain("dvt").contains("draft", "private");
        assertThatThrownBy(() -> engine(kind).related("unseen", 5, Access.everything()))
                .isInstanceOf(DocumentNotFoundException.class);
    }

    /**
     * The same documents, not always in the same order: OpenSearch's more_like_this is its own copy of Lucene's
     * MoreLikeThis and weighs the terms of an artificial document through term vectors computed on the fly.
     */
    @Test
    void bothEnginesFindTheSameRelatedDocuments() {
        assertThat(ids(engine("opensearch").related("dvt", 5, Access.everything())))
                .containsExactlyInAnyOrderElementsOf(ids(engine("embedded").related("dvt", 5, Access.everything())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "opensearch"})
    void showsAPageWithTheQuerysWordsMarked(String kind) {
        PageText page = engine(kind).page("dvt", 1, "thrombosis", "en", ANONYMOUS);

        assertThat(page.page()).isEqualTo(1);
        assertThat(page.pageCount()).isGreaterThan(1);
        assertThat(page.marks()).isPositive();
        assertThat(page.html()).containsIgnoringCase("<mark>thrombosis</mark>");
        assertThatThrownBy(() -> engine(kind).page("dvt", page.pageCount() + 1, null, "en", ANONYMOUS))
                .isInstanceOf(PageOutOfRangeException.class);
    }

    @Test
    void bothEnginesMarkTheSameWordsOnAPage() {
        PageText embedded = engine("embedded").page("dvt", 1, "thrombosis prophylaxis", "en", ANONYMOUS);
        PageText opensearch = engine("opensearch").page("dvt", 1, "thrombosis prophylaxis", "en", ANONYMOUS);

        assertThat(opensearch).isEqualTo(embedded);
    }

    @Test
    void bothEnginesTranslateAlike() {
        for (String query : List.of("prophylaxie thrombose", "paludisme enfants", "malaria children")) {
            assertThat(engine("opensearch").translate(query, "fr"))
                    .as(query)
                    .isEqualTo(engine("embedded").translate(query, "fr"));
        }
        Set<String> kinds = new HashSet<>();
        engines.values().forEach(engine -> kinds.add(engine.kind()));
        assertThat(kinds).containsExactlyInAnyOrder("embedded", "opensearch");
    }
}
