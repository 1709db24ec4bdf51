package org.alima.portal.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The floor on hits found by meaning alone ({@link Fusion#MEANING_FLOOR}) in a small library of real PDFs searched
 * the portal's default way (hybrid, real model): nonsense finds nothing, so the reader sees the empty state rather
 * than a page of neighbours; a document's own title puts it first, also when it was just uploaded and its vectors
 * are not computed yet (the portal adds them in a background pass) while the others have theirs.
 */
class MeaningFloorIT {

    /** Committed real PDFs (test resources): a trauma study, a research abstract, a French tutorial. */
    static final List<String> PDFS = List.of(
            "/extract/bmc-jtraumamanag-2010-dvt-prophylaxis.pdf",
            "/extract/va-mirecc-research-abstract-1.pdf",
            "/crosslang/sante-psy-tutoriel-choruspro.pdf");

    @TempDir
    static Path directory;

    static PortalIndex index;
    static List<IndexableDocument> documents;
    static PortalSearch search;

    @BeforeAll
    static void indexRealPdfs() throws URISyntaxException {
        DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());
        index = PortalIndex.open(directory);
        documents = new java.util.ArrayList<>();
        for (String resource : PDFS) {
            URL url = Objects.requireNonNull(MeaningFloorIT.class.getResource(resource), resource);
            ExtractionResult result = extractor.extract(Path.of(url.toURI()));
            assertThat(result).isInstanceOf(ExtractionResult.Extracted.class);
            IndexableDocument document = IndexableDocument.fromExtraction(
                    resource.substring(resource.lastIndexOf('/') + 1), null, (ExtractionResult.Extracted) result);
            documents.add(document);
            SemanticFixture.upsert(index, document);
        }
        index.refresh();
        search = new PortalSearch(index, SemanticFixture.settings(), SemanticFixture.model());
    }

    @AfterAll
    static void close() {
        if (index != null) {
            index.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xqzvbn flurp", "asdfgh", "qwertyuiop zxcvb", "blorf snavik"})
    void nonsenseFindsNothingByDefault(String nonsense) {
        SearchResponse response = search.search(SearchRequest.of(nonsense));

        assertThat(response.hits()).isEmpty();
        assertThat(response.total()).isZero();
        assertThat(response.facets().values())
                .allSatisfy(values -> assertThat(values)
                        .allSatisfy(value -> assertThat(value.count()).isZero()));
    }

    @Test
    void withoutTheFloorNonsenseListedNeighbours() {
        // What the floor is for: the same search with every neighbour kept lists the whole small library.
        PortalSearch unfloored = new PortalSearch(
                index,
                SemanticFixture.settings()
                        .withFusion(SemanticFixture.settings().fusion().withMeaningFloor(-1)),
                SemanticFixture.model());

        assertThat(unfloored.search(SearchRequest.of("xqzvbn flurp")).total()).isPositive();
    }

    @Test
    void eachDocumentsExactTitlePutsItFirst() {
        for (IndexableDocument document : documents) {
            SearchResponse response = search.search(SearchRequest.of(document.title()));

            assertThat(response.hits())
                    .as("hits for the title \"%s\"", document.title())
                    .isNotEmpty();
            assertThat(response.hits().get(0).id()).isEqualTo(document.id());
        }
    }

    @Test
    void aFreshUploadWithoutVectorsYetIsFirstForItsOwnTitle() {
        IndexableDocument fresh = documents.get(1);
        // Written again by words only, as an upload is before the background pass adds its vectors.
        index.upsert(fresh, null);
        index.refresh();
        try {
            SearchResponse response = search.search(SearchRequest.of(fresh.title()));

            assertThat(response.hits()).isNotEmpty();
            assertThat(response.hits().get(0).id()).isEqualTo(fresh.id());
        } finally {
            SemanticFixture.upsert(index, fresh);
            index.refresh();
        }
    }

    @Test
    void aQueryOfOtherWordsStillFindsItsDocumentByMeaning() {
        // Three words, all required, and no document holds "avoiding" or "clots": only the meaning finds the study of
        // deep venous thrombosis prophylaxis, and it is near enough to pass the floor.
        SearchResponse response = search.search(SearchRequest.of("avoiding blood clots"));

        assertThat(response.hits()).isNotEmpty();
        assertThat(response.hits().get(0).id()).isEqualTo("bmc-jtraumamanag-2010-dvt-prophylaxis.pdf");
    }
}
