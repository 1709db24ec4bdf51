package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.IndexStats;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.IndexedSource;
import org.alima.portal.indexer.index.InvalidDocumentException;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.DocumentNotFoundException;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchNode.class)
class OpenSearchEngineIT {

    private final OpenSearchNode.Running node;
    private OpenSearchSettings settings;
    private OpenSearchEngine engine;

    OpenSearchEngineIT(OpenSearchNode.Running node) {
        this.node = node;
    }

    @BeforeEach
    void open() {
        settings = OpenSearchSettings.of(node.url()).withIndexPrefix("engine-" + UUID.randomUUID());
        engine = OpenSearchEngine.open(settings, SearchSettings.defaults(), QueryTranslator.standard());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void firstOpenCreatesTheIndexBehindTheAliasAndFindsNothingExisting() {
        assertThat(engine.foundExisting()).isFalse();
        assertThat(engine.needsRebuild()).isFalse();
        assertThat(engine.documentCount()).isZero();
        assertThat(engine.liveIndex()).startsWith(settings.indexPrefix() + "-s" + IndexSchema.VERSION + "-m");
    }

    @Test
    void searchesGoOnWhenTheClusterRefusesMorePointsInTime() throws Exception {
        for (int i = 0; i < 3; i++) {
            engine.upsert(Documents.published("pit-" + i, "Paludisme " + i, "Paludisme grave"), Optional.empty());
        }
        engine.flush();
        // One open point in time at most: every first page after the first is refused one (429), as a busy portal's
        // are once the default 300 are open.
        openPointsInTime("1");
        try {
            for (int i = 0; i < 3; i++) {
                SearchResponse first =
                        engine.search(SearchRequest.of("paludisme").withSize(1));
                assertThat(first.hits()).hasSize(1);
                assertThat(first.nextCursor()).isNotNull();
                SearchResponse next =
                        engine.search(SearchRequest.of("paludisme").withSize(1).withCursor(first.nextCursor()));
                assertThat(next.hits()).hasSize(1);
                assertThat(next.hits().getFirst().id())
                        .isNotEqualTo(first.hits().getFirst().id());
            }
        } finally {
            openPointsInTime("null");
        }
    }

    /** Sets the node's {@code search.max_open_pit_context} ({@code null}: back to its default). */
    private void openPointsInTime(String limit) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(node.url().resolve("/_cluster/settings"))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(
                                        "{\"transient\": {\"search.max_open_pit_context\": " + limit + "}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void upsertedDocumentIsCountedAndItsPagesReadAfterFlush() {
        engine.upsert(
                Documents.published("a/1", "Paludisme grave", "Première page", "Deuxième page"), Optional.empty());
        engine.flush();

        assertThat(engine.contains("a/1")).isTrue();
        assertThat(engine.contains("a/2")).isFalse();
        assertThat(engine.documentCount()).isEqualTo(1);
        assertThat(engine.pageTexts("a/1", Access.audiences("public")))
                .containsExactly("Première page", "Deuxième page");
        try (OpenSearchEngine again =
                OpenSearchEngine.open(settings, SearchSettings.defaults(), QueryTranslator.off())) {
            assertThat(again.foundExisting()).isTrue();
        }
    }

    @Test
    void pageTextsKeepToWhatTheCallerMaySee() {
        engine.upsert(Documents.document("draft", "Brouillon", Set.of("account:1"), "Texte"), Optional.empty());
        engine.flush();

        assertThat(engine.pageTexts("draft", Access.everything())).containsExactly("Texte");
        assertThat(engine.pageTexts("draft", Access.audiences("account:1", "public")))
                .containsExactly("Texte");
        assertThatThrownBy(() -> engine.pageTexts("draft", Access.audiences("public")))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> engine.pageTexts("absent", Access.everything()))
                .isInstanceOf(DocumentNotFoundException.class);
    }

    @Test
    void replacedDocumentKeepsOneCopyAndDeletedOneIsGone() {
        engine.upsert(Documents.published("d", "Version une", "Un"), Optional.empty());
        engine.upsert(Documents.published("d", "Version deux", "Deux", "Trois"), Optional.empty());
        engine.upsert(Documents.published("e", "Autre", "Quatre"), Optional.empty());
        engine.flush();
        assertThat(engine.documentCount()).isEqualTo(2);
        assertThat(engine.pageTexts("d", Access.everything())).containsExactly("Deux", "Trois");

        engine.delete("d");
        engine.delete("never-there");
        engine.flush();

        assertThat(engine.contains("d")).isFalse();
        assertThat(engine.documentCount()).isEqualTo(1);
    }

    @Test
    void statsCountDocumentsPagesAndTheSchemaVersion() {
        engine.upsert(Documents.published("s1", "Un", "p1", "p2", "p3"), Optional.empty());
        engine.upsert(Documents.published("s2", "Deux", "p1"), Optional.empty());
        engine.flush();

        IndexStats stats = engine.stats();

        assertThat(stats.documents()).isEqualTo(2);
        assertThat(stats.pages()).isEqualTo(4);
        assertThat(stats.sizeOnDiskBytes()).isPositive();
        assertThat(stats.segments()).isPositive();
        assertThat(stats.schemaVersion()).isEqualTo(IndexSchema.VERSION);
        assertThat(stats.commitUserData()).containsEntry("index", engine.liveIndex());
    }

    @Test
    void sourcesListEveryDocumentWithWhereItsTextCameFrom() {
        // More than one page of the scroll: a rebuild loads them in bulk.
        int count = Scroll.PAGE + 205;
        engine.rebuild(
                java.util.stream.IntStream.range(0, count).mapToObj(i -> {
                    IndexableDocument document = Documents.published("src-" + i, "Titre " + i, "texte");
                    return i == 7 ? withoutSource(document) : document;
                }),
                null);

        List<IndexedSource> sources = engine.sources();

        assertThat(sources).hasSize(count);
        assertThat(sources).contains(new IndexedSource("src-3", "/files/src-3.pdf"), new IndexedSource("src-7", null));
    }

    @Test
    void vectorsAreStoredReadBackAndCarriedOverWhileTheTextIsUnchanged() {
        IndexableDocument document = Documents.published("v", "Vecteurs", "Une page de texte.", "Et une autre.");
        DocumentVectors vectors = Documents.vectors(document, "bge");
        engine.upsert(document, Optional.of(vectors));
        engine.upsert(Documents.published("w", "Sans vecteurs", "Rien."), Optional.empty());
        engine.flush();

        DocumentVectors read = engine.vectorsOf("v").orElseThrow();
        assertThat(read.model()).isEqualTo("bge");
        assertThat(read.fingerprint()).isEqualTo(vectors.fingerprint());
        assertThat(read.document()).containsExactly(vectors.document());
        assertThat(read.passages()).hasSameSizeAs(vectors.passages());
        assertThat(engine.vectorsOf("w")).isEmpty();
        assertThat(engine.withoutVectors("bge", 10)).containsExactly("w");
        assertThat(engine.withoutVectors("other", 10)).containsExactlyInAnyOrder("v", "w");

        // A metadata edit keeps the vectors; a new text drops them.
        engine.upsert(document, Optional.empty());
        engine.flush();
        assertThat(engine.vectorsOf("v")).isPresent();
        engine.upsert(Documents.published("v", "Vecteurs", "Un autre texte."), Optional.empty());
        engine.flush();
        assertThat(engine.vectorsOf("v")).isEmpty();
    }

    @Test
    void invalidDocumentIsRefusedAsTheEmbeddedIndexRefusesIt() {
        IndexableDocument gap = new IndexableDocument(
                "gap",
                null,
                "Trou",
                null,
                List.of(),
                List.of(),
                null,
                null,
                "fr",
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(new Page(1, "un", "fr"), new Page(3, "trois", "fr")),
                Set.of("public"),
                false);

        assertThatThrownBy(() -> engine.upsert(gap, Optional.empty()))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("page 2 is followed by page 3");
        engine.flush();
        assertThat(engine.contains("gap")).isFalse();
    }

    private static IndexableDocument withoutSource(IndexableDocument d) {
        return new IndexableDocument(
                d.id(),
                null,
                d.title(),
                d.abstractText(),
                d.authors(),
                d.keywords(),
                d.doi(),
                d.type(),
                d.language(),
                d.date(),
                d.countries(),
                d.topics(),
                d.collections(),
                d.pages(),
                d.audiences(),
                d.superseded());
    }
}
