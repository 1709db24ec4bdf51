package org.alima.portal.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * French questions find English PDFs and English questions French ones, at the page that answers, ranked with the
 * same-language documents; real PDFs extracted as an upload would be.
 */
class CrossLanguageSearchIT {

    /** English, 4 pages: a review of deep-vein thrombosis prophylaxis in trauma (CC BY). */
    private static final String ENGLISH_REVIEW = "dvt-review";

    /** French, 5 pages: how partner psychologists invoice through Chorus Pro (MIT). */
    private static final String FRENCH_TUTORIAL = "chorus-tutorial";

    @TempDir
    static Path directory;

    static PortalIndex index;
    static PortalSearch search;
    static PortalSearch wordsOnly;

    @BeforeAll
    static void indexPdfs() throws URISyntaxException {
        index = PortalIndex.open(directory);
        DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());
        index(extractor, ENGLISH_REVIEW, "/extract/bmc-jtraumamanag-2010-dvt-prophylaxis.pdf");
        index(extractor, FRENCH_TUTORIAL, "/crosslang/sante-psy-tutoriel-choruspro.pdf");
        index(extractor, "mirecc-abstract", "/extract/va-mirecc-research-abstract-1.pdf");
        index.refresh();
        search = new PortalSearch(index);
        wordsOnly = new PortalSearch(index, SearchSettings.defaults(), QueryTranslator.off());
    }

    private static void index(DocumentExtractor extractor, String id, String resource) throws URISyntaxException {
        Path file = Path.of(Objects.requireNonNull(CrossLanguageSearchIT.class.getResource(resource))
                .toURI());
        ExtractionResult.Extracted extracted = (ExtractionResult.Extracted) extractor.extract(file);
        index.upsert(IndexableDocument.fromExtraction(id, file.getFileName().toString(), extracted));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Nested
    class FrenchQuestionEnglishDocument {

        private final SearchResponse response = search.search(SearchRequest.of("thrombopénie induite par l'héparine"));

        @Test
        void findsTheEnglishReviewFirstAndSaysItIsInEnglish() {
            Hit first = response.hits().getFirst();

            assertThat(first.id()).isEqualTo(ENGLISH_REVIEW);
            assertThat(first.language()).isEqualTo("en");
            assertThat(response.queryLanguage()).isEqualTo("fr");
            assertThat(response.translatedQuery()).contains("thrombocytopenia", "heparin");
        }

        @Test
        void showsTheAbstractPageWithTheEnglishWordsMarked() {
            PageHit page = response.hits().getFirst().pages().getFirst();

            assertThat(page.page()).isEqualTo(1);
            assertThat(page.snippet())
                    .contains("<mark>heparin</mark>")
                    .containsIgnoringCase("<mark>thrombocytopenia</mark>");
        }

        @Test
        void findsWhatTheTypedWordsAloneCannot() {
            assertThat(wordsOnly
                            .search(SearchRequest.of("thrombopénie induite"))
                            .hits())
                    .isEmpty();
            assertThat(search.search(SearchRequest.of("thrombopénie induite")).hits())
                    .extracting(Hit::id)
                    .containsExactly(ENGLISH_REVIEW);
        }

        @Test
        void findsTheDiscussionPageOfFilterMigration() {
            Hit first = search.search(SearchRequest.of(
                            "taux de migration et d'occlusion des filtres cave chez les patients traumatisés"))
                    .hits()
                    .getFirst();

            assertThat(first.id()).isEqualTo(ENGLISH_REVIEW);
            assertThat(first.pages().getFirst().page()).isEqualTo(2);
        }
    }

    @Nested
    class EnglishQuestionFrenchDocument {

        private final SearchResponse response = search.search(SearchRequest.of("upload the invoice as a pdf file"));

        @Test
        void findsTheFrenchTutorialAtThePageOnUploadingInvoices() {
            Hit first = response.hits().getFirst();

            assertThat(first.id()).isEqualTo(FRENCH_TUTORIAL);
            assertThat(first.language()).isEqualTo("fr");
            assertThat(response.queryLanguage()).isEqualTo("en");
            assertThat(first.pages().getFirst().page()).isEqualTo(3);
            assertThat(first.pages().getFirst().snippet()).containsIgnoringCase("<mark>facture");
        }

        @Test
        void ranksDocumentsOfBothLanguagesInOneList() {
            // The tutorial names the universities; the review's authors are at universities.
            List<Hit> hits = search.search(SearchRequest.of("universités")).hits();

            assertThat(hits).extracting(Hit::id).containsExactly(FRENCH_TUTORIAL, ENGLISH_REVIEW);
            assertThat(hits).extracting(Hit::language).containsExactly("fr", "en");
        }
    }

    @Nested
    class SameLanguage {

        @Test
        void englishQueriesRankEnglishDocumentsExactlyAsWithoutTranslation() {
            for (String query : List.of(
                    "heparin induced thrombocytopenia",
                    "inferior vena cava filter migration",
                    "cognitive remediation for schizophrenia")) {
                assertThat(englishHits(search.search(SearchRequest.of(query))))
                        .as(query)
                        .isEqualTo(englishHits(wordsOnly.search(SearchRequest.of(query))));
            }
        }

        private static List<String> englishHits(SearchResponse response) {
            return response.hits().stream()
                    .filter(hit -> "en".equals(hit.language()))
                    .map(hit -> hit.id() + " " + hit.score())
                    .toList();
        }

        @Test
        void theReaderLanguageDecidesAWordBothLanguagesShare() {
            assertThat(search.search(SearchRequest.of("patients").withReaderLanguage("fr"))
                            .queryLanguage())
                    .isEqualTo("fr");
            assertThat(search.search(SearchRequest.of("patients").withReaderLanguage("en"))
                            .queryLanguage())
                    .isEqualTo("en");
        }
    }
}
