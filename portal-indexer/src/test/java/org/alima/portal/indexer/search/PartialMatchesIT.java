package org.alima.portal.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No dead ends on real PDFs extracted as an upload would be: a short query whose words together find too little lists
 * the documents holding some of them, each naming the words it lacks, after those holding all of them; did-you-mean
 * speaks only when the words find nothing, and never corrects a word that finds documents.
 */
class PartialMatchesIT {

    /** English, 4 pages: a review of deep-vein thrombosis prophylaxis in trauma (CC BY). */
    private static final String ENGLISH_REVIEW = "dvt-review";

    /** French, 5 pages: how partner psychologists invoice their university through Chorus Pro (MIT). */
    private static final String FRENCH_TUTORIAL = "chorus-tutorial";

    /** English, 1 page: a research abstract on veterans' mental health. */
    private static final String ABSTRACT = "mirecc-abstract";

    @TempDir
    static Path directory;

    static PortalIndex index;
    static PortalSearch search;

    @BeforeAll
    static void indexPdfs() throws URISyntaxException {
        index = PortalIndex.open(directory);
        DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());
        index(extractor, ENGLISH_REVIEW, "/extract/bmc-jtraumamanag-2010-dvt-prophylaxis.pdf");
        index(extractor, FRENCH_TUTORIAL, "/crosslang/sante-psy-tutoriel-choruspro.pdf");
        index(extractor, ABSTRACT, "/extract/va-mirecc-research-abstract-1.pdf");
        index.refresh();
        // What is found, not how fast: a generous limit keeps the tests meaningful on a loaded build machine.
        search = new PortalSearch(index, SearchSettings.defaults().withTimeLimit(Duration.ofSeconds(30)));
    }

    private static void index(DocumentExtractor extractor, String id, String resource) throws URISyntaxException {
        Path file = Path.of(Objects.requireNonNull(PartialMatchesIT.class.getResource(resource))
                .toURI());
        ExtractionResult.Extracted extracted = (ExtractionResult.Extracted) extractor.extract(file);
        index.upsert(IndexableDocument.fromExtraction(id, file.getFileName().toString(), extracted));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Nested
    class WhenAllWordsTogetherFindNothing {

        private final SearchResponse response = search.search(SearchRequest.of("heparin cholera"));

        @Test
        void listsTheDocumentHoldingSomeWordsAndNamesTheWordItLacks() {
            assertThat(response.hits()).extracting(Hit::id).containsExactly(ENGLISH_REVIEW);
            assertThat(response.hits().getFirst().missingWords()).containsExactly("cholera");
            assertThat(response.total()).isEqualTo(1);
        }

        @Test
        void marksTheWordItHoldsOnItsPages() {
            assertThat(response.hits().getFirst().pages())
                    .isNotEmpty()
                    .allSatisfy(page -> assertThat(page.snippet()).containsIgnoringCase("<mark>heparin"));
        }

        @Test
        void offersNoCorrectionOfWordsThatAreSpeltRight() {
            assertThat(response.didYouMean()).isNull();
        }
    }

    @Nested
    class WhenEachDocumentHoldsADifferentWord {

        private final SearchResponse response = search.search(SearchRequest.of("thromboprophylaxis facture"));

        @Test
        void listsEachWithTheWordItLacksAsTyped() {
            assertThat(response.hits()).hasSize(2);
            assertThat(response.hits())
                    .filteredOn(hit -> hit.id().equals(ENGLISH_REVIEW))
                    .singleElement()
                    .extracting(Hit::missingWords)
                    .isEqualTo(java.util.List.of("facture"));
            assertThat(response.hits())
                    .filteredOn(hit -> hit.id().equals(FRENCH_TUTORIAL))
                    .singleElement()
                    .extracting(Hit::missingWords)
                    .isEqualTo(java.util.List.of("thromboprophylaxis"));
        }
    }

    @Nested
    class WhenAllWordsFindLittle {

        @Test
        void listsTheDocumentsHoldingEveryWordFirstThenThoseLackingOne() {
            SearchResponse response = search.search(SearchRequest.of("heparin veterans"));

            assertThat(response.hits()).extracting(Hit::id).containsExactlyInAnyOrder(ENGLISH_REVIEW, ABSTRACT);
            assertThat(response.hits())
                    .allSatisfy(hit -> assertThat(hit.missingWords()).hasSize(1));
        }

        @Test
        void leavesAQueryThatFindsEnoughAsItWas() {
            SearchResponse response = search.search(SearchRequest.of("heparin thrombosis"));

            assertThat(response.hits()).extracting(Hit::id).containsExactly(ENGLISH_REVIEW);
            assertThat(response.hits().getFirst().missingWords()).isEmpty();
        }
    }

    @Nested
    class NeverRelaxed {

        @Test
        void whenTheReaderRequiresEachWord() {
            assertThat(search.search(SearchRequest.of("+heparin +cholera")).total())
                    .isZero();
        }

        @Test
        void whenSortedByDate() {
            assertThat(search.search(SearchRequest.of("heparin cholera").withSort(SortOrder.NEWEST))
                            .total())
                    .isZero();
        }

        @Test
        void whenTheQueryIsOneWord() {
            assertThat(search.search(SearchRequest.of("cholera")).total()).isZero();
        }
    }

    @Nested
    class DidYouMean {

        @Test
        void correctsAWordThatFindsNothingIntoAWordOfTheQuerysLanguage() {
            assertThat(search.search(SearchRequest.of("heparn").withReaderLanguage("en"))
                            .didYouMean())
                    .isEqualTo("heparin");
        }

        @Test
        void neverCorrectsAWordFoundInADocument() {
            // "facture" is in one document only; "facturé", "factures" are near and as frequent.
            assertThat(search.search(SearchRequest.of("facture")).didYouMean()).isNull();
        }

        @Test
        void neverCorrectsAWordTheTranslationTablesKnow() {
            // "measles" is in no document; "measures" is in the English review.
            SearchResponse response = search.search(SearchRequest.of("measles"));

            assertThat(response.total()).isZero();
            assertThat(response.didYouMean()).isNull();
        }

        @Test
        void neverProposesAWordOfTheOtherLanguage() {
            // A French reader's typo near an English word only: "hepatine" is not "heparin".
            assertThat(search.search(SearchRequest.of("hémorragie héparinne").withReaderLanguage("fr"))
                            .didYouMean())
                    .isNull();
        }
    }
}
