package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.RebuildResult;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.SearchSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchNode.class)
class RebuildIT {

    private final OpenSearchNode.Running node;
    private OpenSearchSettings settings;
    private OpenSearchEngine engine;

    RebuildIT(OpenSearchNode.Running node) {
        this.node = node;
    }

    @BeforeEach
    void open() {
        settings = OpenSearchSettings.of(node.url()).withIndexPrefix("rebuild-" + UUID.randomUUID());
        engine = OpenSearchEngine.open(settings, SearchSettings.defaults(), QueryTranslator.off());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void rebuildSwapsTheAliasToANewIndexAndKeepsTheWritesMadeMeanwhile() throws Exception {
        engine.upsert(Documents.published("only-in-old", "Ancien", "texte"), Optional.empty());
        engine.flush();
        // Older than the margin a rebuild gives other processes' clocks: not taken for a write made during it.
        long written = System.currentTimeMillis();
        org.awaitility.Awaitility.await()
                .pollDelay(java.time.Duration.ofMillis(Rebuild.CLOCK_MARGIN_MILLIS + 100))
                .until(() -> System.currentTimeMillis() > written + Rebuild.CLOCK_MARGIN_MILLIS);
        String before = engine.liveIndex();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<String> concurrent = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; rebuilding.get() || i < 5; i++) {
                String id = "concurrent-" + i;
                engine.upsert(Documents.published(id, "Écrit pendant", "pendant la reconstruction"), Optional.empty());
                concurrent.add(id);
            }
        });
        // A second portal process on the same cluster: its writes go to the old index, and are copied over.
        OpenSearchEngine otherNode = OpenSearchEngine.open(settings, SearchSettings.defaults(), QueryTranslator.off());
        Stream<IndexableDocument> documents = IntStream.range(0, 600).mapToObj(i -> {
            if (i == 300) {
                otherNode.upsert(Documents.published("from-other-node", "Ailleurs", "autre nœud"), Optional.empty());
                otherNode.upsert(Documents.published("gen-10", "Corrigé", "corrigé ailleurs"), Optional.empty());
                // Written while the rebuild reads its source: a document already loaded is deleted, one still to
                // come gets a newer text than the source gives, a new one appears.
                engine.delete("gen-5");
                engine.upsert(Documents.published("gen-550", "Nouveau", "texte plus récent"), Optional.empty());
                engine.upsert(Documents.published("during", "Pendant", "nouveau"), Optional.empty());
            }
            return Documents.published("gen-" + i, "Titre " + i, "texte de la source");
        });

        RebuildResult result = engine.rebuild(documents, null);
        rebuilding.set(false);
        writer.get();
        otherNode.close();
        engine.flush();

        String after = engine.liveIndex();
        assertThat(after).isNotEqualTo(before);
        assertThat(engine.cluster().get("/" + before).found())
                .as("old index deleted")
                .isFalse();
        assertThat(engine.contains("gen-5")).isFalse();
        assertThat(engine.contains("during")).isTrue();
        assertThat(engine.contains("only-in-old")).as("not in the source: gone").isFalse();
        assertThat(engine.pageTexts("gen-550", Access.everything())).containsExactly("texte plus récent");
        assertThat(concurrent).isNotEmpty().allMatch(engine::contains);
        assertThat(engine.contains("from-other-node")).isTrue();
        assertThat(engine.pageTexts("gen-10", Access.everything())).containsExactly("corrigé ailleurs");
        long expected = 600 - 1 + 1 + 1 + concurrent.size();
        assertThat(engine.documentCount()).isEqualTo(expected);
        assertThat(result.documents()).isBetween(600L, expected);
        assertThat(result.refused()).isEmpty();
    }

    @Test
    void rebuildReportsRefusedDocumentsAndIndexesTheOthers() {
        IndexableDocument broken = new IndexableDocument(
                "broken",
                null,
                "Pages manquantes",
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
                List.of(new Page(2, "deux", "fr")),
                Set.of("public"),
                false);

        RebuildResult result = engine.rebuild(
                Stream.of(Documents.published("fine", "Bon", "texte"), broken, Documents.published("ok", "Bon", "x")),
                null);

        assertThat(result.refused()).containsOnlyKeys("broken");
        assertThat(result.documents()).isEqualTo(2);
        assertThat(engine.contains("fine")).isTrue();
    }

    @Test
    void rebuildKeepsVectorsOfUnchangedTextsAndAsksTheVectoriserForTheOthers() {
        IndexableDocument kept = Documents.published("kept", "Gardé", "même texte");
        engine.upsert(kept, Optional.of(Documents.vectors(kept, "m1")));
        engine.upsert(Documents.published("changed", "Changé", "ancien texte"), Optional.empty());
        engine.flush();
        IndexableDocument changed = Documents.published("changed", "Changé", "nouveau texte");
        List<String> vectorised = new CopyOnWriteArrayList<>();

        engine.rebuild(Stream.of(kept, changed), document -> {
            vectorised.add(document.id());
            return Documents.vectors(document, "m2");
        });

        assertThat(vectorised).containsExactly("changed");
        assertThat(engine.vectorsOf("kept").orElseThrow().model()).isEqualTo("m1");
        assertThat(engine.vectorsOf("changed").orElseThrow().model()).isEqualTo("m2");
    }

    @Test
    void aMappingChangeAsksForARebuildWhichMovesTheAliasToTheNewDefinition() {
        engine.upsert(Documents.published("x", "Titre", "texte"), Optional.empty());
        engine.flush();
        SearchSettings tuned = SearchSettings.defaults().withBm25(0.9f, 0.4f);

        try (OpenSearchEngine changed = OpenSearchEngine.open(settings, tuned, QueryTranslator.off())) {
            assertThat(changed.foundExisting()).isTrue();
            assertThat(changed.needsRebuild()).isTrue();
            assertThat(engine.needsRebuild()).isFalse();

            changed.rebuild(Stream.of(Documents.published("x", "Titre", "texte")), null);

            assertThat(changed.needsRebuild()).isFalse();
            assertThat(engine.needsRebuild())
                    .as("the older definition now sees a newer index")
                    .isTrue();
            assertThat(changed.liveIndex()).contains("-m" + changed.names().definitionHash() + "-");
            assertThat(changed.documentCount()).isEqualTo(1);
            assertThat(changed.cluster()
                            .get("/" + changed.liveIndex() + "/_settings")
                            .body()
                            .findPath("similarity")
                            .path("default")
                            .path("k1")
                            .asText())
                    .isEqualTo("0.9");
        }
    }

    /**
     * A rebuild whose process died leaves its new index beside the alias; the next node to start (or the next rebuild)
     * deletes it once it is a day old, and keeps a younger one, which may be another node's rebuild still running.
     */
    @Test
    void indicesLeftByARebuildThatDiedAreDeletedOnceADayOld() {
        IndexNames names = engine.names();
        String live = engine.liveIndex();
        String died = names.newIndex(Instant.now().minus(Duration.ofDays(2)));
        String running = names.newIndex(Instant.now().minus(Duration.ofHours(1)));
        String otherPrefix = new IndexNames(names.alias() + "-staging", "{}").newIndex(Instant.EPOCH);
        engine.createIndex(died);
        engine.createIndex(running);
        engine.createIndex(otherPrefix);

        try (OpenSearchEngine starting =
                OpenSearchEngine.open(settings, SearchSettings.defaults(), QueryTranslator.off())) {
            assertThat(starting.liveIndex()).isEqualTo(live);
        }

        assertThat(engine.cluster().get("/" + died).found())
                .as("left by a rebuild two days ago")
                .isFalse();
        assertThat(engine.cluster().get("/" + running).found())
                .as("a rebuild that may still run")
                .isTrue();
        assertThat(engine.cluster().get("/" + otherPrefix).found())
                .as("another prefix's")
                .isTrue();
        assertThat(engine.cluster().get("/" + live).found()).isTrue();
        assertThat(engine.deleteLeftovers(Instant.now().plus(Duration.ofDays(1))))
                .as("a day later, the younger one too")
                .containsExactly(running);
        engine.cluster().send("DELETE", "/" + otherPrefix, null, Cluster.Kind.WRITE);
    }
}
