package org.alima.portal.indexer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexLockedException;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchSettings;
import org.apache.lucene.index.SegmentInfos;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine on a real index in a temporary folder, with the text of real PDFs. */
class EmbeddedEngineIT {

    private static final String TRAUMA = "bmc-jtraumamanag-2010-dvt-prophylaxis.pdf";
    private static final String MIRECC = "va-mirecc-research-abstract-1.pdf";

    @TempDir
    Path root;

    private Path directory() {
        return root.resolve("index");
    }

    private EmbeddedEngine open() {
        return EmbeddedEngine.open(directory(), SearchSettings.defaults(), QueryTranslator.standard(), null);
    }

    /** The document the portal would index for one of the committed PDFs, its pages as extracted. */
    private static IndexableDocument extracted(String id, String file) {
        Path pdf;
        try {
            pdf = Path.of(EmbeddedEngineIT.class.getResource("/extract/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ExtractionResult result = new DocumentExtractor(ExtractionLimits.defaults()).extract(pdf);
        assertThat(result).isInstanceOf(ExtractionResult.Extracted.class);
        List<Page> pages = ((ExtractionResult.Extracted) result).pages();
        return IndexableDocument.published(
                id,
                "/files/" + file,
                "Document " + id,
                null,
                null,
                null,
                null,
                null,
                "en",
                null,
                null,
                null,
                null,
                pages);
    }

    /** The generation of the index's last commit, read from its files. */
    private long lastCommit() throws IOException {
        return SegmentInfos.getLastCommitGeneration(directory().toFile().list());
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    @Nested
    class Writing {

        @Test
        void findsAnUpsertedDocumentByTheWordsOfItsPagesOnceFlushed() {
            try (EmbeddedEngine engine = open()) {
                engine.upsert(extracted("trauma", TRAUMA), Optional.empty());
                engine.upsert(extracted("mirecc", MIRECC), Optional.empty());
                engine.flush();

                assertThat(engine.kind()).isEqualTo("embedded");
                assertThat(engine.documentCount()).isEqualTo(2);
                assertThat(engine.contains("trauma")).isTrue();
                assertThat(ids(engine.search(SearchRequest.of("thromboprophylaxis trauma"))
                                .hits()))
                        .startsWith("trauma");
                assertThat(engine.rankedIds("thromboprophylaxis trauma", 10)).startsWith("trauma");
            }
        }

        @Test
        void givesPageTextsAndMarksTheQueryWordsOnAPage() {
            IndexableDocument trauma = extracted("trauma", TRAUMA);
            try (EmbeddedEngine engine = open()) {
                engine.upsert(trauma, Optional.empty());
                engine.flush();

                List<String> texts = engine.pageTexts("trauma", Access.everything());
                assertThat(texts).hasSize(trauma.pages().size());
                assertThat(texts.getFirst()).containsIgnoringCase("prophylaxis");
                PageText first = engine.page("trauma", 1, "prophylaxis", "en", Access.everything());
                assertThat(first.pageCount()).isEqualTo(trauma.pages().size());
                assertThat(first.marks()).isPositive();
            }
        }

        @Test
        void takesADeletedDocumentOutOfSearchOnceFlushed() {
            try (EmbeddedEngine engine = open()) {
                engine.upsert(extracted("trauma", TRAUMA), Optional.empty());
                engine.flush();
                engine.delete("trauma");
                engine.flush();

                assertThat(engine.contains("trauma")).isFalse();
                assertThat(engine.search(SearchRequest.of("prophylaxis")).total())
                        .isZero();
            }
        }

        @Test
        void keepsFlushedWritesAcrossAReopening() {
            try (EmbeddedEngine engine = open()) {
                assertThat(engine.foundExisting()).isFalse();
                engine.upsert(extracted("trauma", TRAUMA), Optional.empty());
                engine.flush();
            }
            try (EmbeddedEngine engine = open()) {
                assertThat(engine.foundExisting()).isTrue();
                assertThat(engine.contains("trauma")).isTrue();
                assertThat(engine.sources()).extracting(s -> s.id()).containsExactly("trauma");
            }
        }

        @Test
        void commitsOnlyWhenSomethingWasWrittenSinceTheLastCommit() throws IOException {
            try (EmbeddedEngine engine = open()) {
                engine.upsert(extracted("trauma", TRAUMA), Optional.empty());
                engine.flush();
                long committed = lastCommit();

                engine.flush();
                assertThat(lastCommit()).isEqualTo(committed);

                engine.delete("trauma");
                engine.flush();
                assertThat(lastCommit()).isGreaterThan(committed);
            }
        }

        @Test
        void makesEveryWriteOfConcurrentWritersVisibleWhenEachFlushReturns() throws Exception {
            IndexableDocument template = extracted("trauma", TRAUMA);
            try (EmbeddedEngine engine = open();
                    ExecutorService writers = Executors.newFixedThreadPool(4)) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    String id = "copy-" + i;
                    done.add(writers.submit(() -> {
                        engine.upsert(copy(template, id), Optional.empty());
                        engine.flush();
                        assertThat(engine.contains(id)).isTrue();
                    }));
                }
                for (Future<?> each : done) {
                    each.get();
                }
                assertThat(engine.documentCount()).isEqualTo(16);
            }
        }

        private static IndexableDocument copy(IndexableDocument document, String id) {
            return IndexableDocument.published(
                    id,
                    document.source(),
                    document.title(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    "en",
                    null,
                    null,
                    null,
                    null,
                    document.pages());
        }
    }

    @Nested
    class Opening {

        @Test
        void movesADamagedIndexAsideAndStartsEmpty() throws IOException {
            try (EmbeddedEngine engine = open()) {
                engine.upsert(extracted("trauma", TRAUMA), Optional.empty());
                engine.flush();
            }
            try (Stream<Path> files = Files.list(directory())) {
                for (Path file : files.toList()) {
                    if (file.getFileName().toString().startsWith("segments")) {
                        Files.write(file, new byte[] {1, 2, 3});
                    }
                }
            }

            try (EmbeddedEngine engine = open()) {
                assertThat(engine.foundExisting()).isFalse();
                assertThat(engine.documentCount()).isZero();
            }
            try (Stream<Path> siblings = Files.list(root)) {
                assertThat(siblings.map(p -> p.getFileName().toString()))
                        .anyMatch(name -> name.startsWith("index.damaged-"));
            }
        }

        @Test
        void refusesAnIndexAnotherEngineHoldsOpen() {
            try (EmbeddedEngine engine = open()) {
                assertThatThrownBy(EmbeddedEngineIT.this::open).isInstanceOf(IndexLockedException.class);
                assertThat(engine.documentCount()).isZero();
            }
        }
    }
}
