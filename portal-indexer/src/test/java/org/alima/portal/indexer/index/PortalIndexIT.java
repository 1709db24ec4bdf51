package org.alima.portal.indexer.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.alima.portal.indexer.extract.Page;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortalIndexIT {

    @TempDir
    Path root;

    private Path directory() {
        return root.resolve("index");
    }

    static IndexableDocument document(String id, String... pages) {
        List<Page> numbered = new ArrayList<>();
        for (String text : pages) {
            numbered.add(new Page(numbered.size() + 1, text, "en"));
        }
        return IndexableDocument.published(
                id,
                "/files/" + id + ".pdf",
                "Title " + id,
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
                numbered);
    }

    static boolean contains(IndexSnapshot snapshot, String id) throws IOException {
        return new IndexSearcher(snapshot.reader()).count(new TermQuery(new Term(IndexSchema.ID, id))) == 1;
    }

    static boolean searchable(PortalIndex index, String id) throws IOException {
        try (IndexSnapshot snapshot = index.snapshot()) {
            return contains(snapshot, id);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void createsAnEmptyIndexWithTheCurrentSchemaVersion() {
            try (PortalIndex index = PortalIndex.open(directory())) {
                IndexStats stats = index.stats();

                assertThat(index.documentCount()).isZero();
                assertThat(index.schemaVersion()).isEqualTo(IndexSchema.VERSION);
                assertThat(index.needsRebuild()).isFalse();
                assertThat(stats.lastCommit()).isNotNull();
                assertThat(stats.commitUserData())
                        .containsEntry(IndexGeneration.SCHEMA_VERSION_KEY, Integer.toString(IndexSchema.VERSION));
            }
        }

        @Test
        void makesAnAddedDocumentSearchableWithinASecondWithoutRefresh() throws Exception {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("fresh", "text"));

                await("the document searchable")
                        .atMost(Duration.ofSeconds(1))
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> searchable(index, "fresh"));
            }
        }

        @Test
        void replacesADocumentWithTheSameIdAndDeletesById() throws Exception {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("a", "first version"));
                index.upsert(document("b", "other"));
                index.upsert(document("a", "second version", "now two pages"));
                index.refresh();

                assertThat(index.documentCount()).isEqualTo(2);
                assertThat(index.stats().pages()).isEqualTo(3);

                index.delete("a");
                index.delete("never-indexed");
                index.refresh();
                assertThat(searchable(index, "a")).isFalse();
                assertThat(index.documentCount()).isEqualTo(1);

                index.deleteAll();
                index.refresh();
                assertThat(index.documentCount()).isZero();
                assertThat(index.needsRebuild()).isFalse();
            }
        }

        @Test
        void describesItselfInStatistics() {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("a", "one", "", "three"));
                index.upsert(document("b", "one"));
                index.commit();
                index.refresh();

                IndexStats stats = index.stats();

                assertThat(stats.documents()).isEqualTo(2);
                assertThat(stats.pages()).isEqualTo(4);
                assertThat(stats.segments()).isPositive();
                assertThat(stats.sizeOnDiskBytes()).isPositive();
                assertThat(stats.schemaVersion()).isEqualTo(IndexSchema.VERSION);
            }
        }

        @Test
        void keepsEachDocumentsPagesRightAfterItThroughUpdatesAndMerges() throws Exception {
            try (PortalIndex index = PortalIndex.open(directory())) {
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 30; i++) {
                        index.upsert(document("d" + i, "first " + round, "second", "third " + i));
                    }
                    index.refresh();
                }
                index.delete("d7");
            }
            try (Directory files = FSDirectory.open(directory());
                    IndexWriter writer =
                            new IndexWriter(files, IndexGeneration.writerConfig(IndexWriterConfig.OpenMode.APPEND))) {
                writer.forceMerge(1);
                writer.commit();
            }

            try (PortalIndex index = PortalIndex.open(directory());
                    IndexSnapshot snapshot = index.snapshot()) {
                IndexSearcher searcher = new IndexSearcher(snapshot.reader());
                assertThat(snapshot.reader().leaves()).hasSize(1);
                for (int i = 0; i < 30; i++) {
                    var hits = searcher.search(new TermQuery(new Term(IndexSchema.ID, "d" + i)), 1).scoreDocs;
                    if (i == 7) {
                        assertThat(hits).isEmpty();
                        continue;
                    }
                    int doc = hits[0].doc;
                    for (int page = 1; page <= 3; page++) {
                        Document stored = searcher.storedFields().document(doc + page);
                        assertThat(stored.getField(IndexSchema.PAGE_NUMBER).numericValue())
                                .isEqualTo(page);
                    }
                    assertThat(searcher.storedFields().document(doc + 3).get(IndexSchema.PAGE_TEXT))
                            .isEqualTo("third " + i);
                }
                assertThat(index.documentCount()).isEqualTo(29);
                assertThat(index.stats().pages()).isEqualTo(87);
            }
        }

        @Test
        void listsTheSourcesToRebuildFrom() {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("a", "x"));
                index.upsert(document("b", "y"));
                index.delete("b");
                index.refresh();

                assertThat(index.sources()).containsExactly(new IndexedSource("a", "/files/a.pdf"));
            }
        }

        @Test
        void refusesASecondWriterOnTheSameDirectory() {
            try (PortalIndex index = PortalIndex.open(directory())) {
                assertThatThrownBy(() -> PortalIndex.open(directory()))
                        .isInstanceOf(IndexLockedException.class)
                        .hasMessageContaining(directory().toString());
            }
        }

        @Test
        void leavesAnotherOwnersRebuildAlone() throws IOException {
            try (PortalIndex index = PortalIndex.open(directory())) {
                Path building = Files.createDirectories(RebuildDirectories.building(directory()));

                assertThatThrownBy(() -> PortalIndex.open(directory())).isInstanceOf(IndexLockedException.class);
                assertThat(building).exists();
            }
        }

        @Test
        void refusesUseAfterClose() {
            PortalIndex index = PortalIndex.open(directory());
            index.close();
            index.close();

            assertThatThrownBy(() -> index.upsert(document("a", "x")))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(index::snapshot).isInstanceOf(IndexException.class);
        }

        @Test
        void acceptsConcurrentWritesAndSearches() throws Exception {
            try (PortalIndex index = PortalIndex.open(directory())) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> tasks = new ArrayList<>();
                    for (int writer = 0; writer < 3; writer++) {
                        int offset = writer * 100;
                        tasks.add(pool.submit(() -> IntStream.range(offset, offset + 100)
                                .forEach(i -> index.upsert(document("d" + i, "page " + i)))));
                    }
                    tasks.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            index.documentCount();
                        }
                    }));
                    for (Future<?> task : tasks) {
                        task.get();
                    }
                } finally {
                    pool.shutdown();
                }
                index.refresh();

                assertThat(index.documentCount()).isEqualTo(300);
            }
        }
    }

    @Nested
    class Durability {

        @Test
        void keepsCommittedDocumentsWhenTheWriterIsAbandoned() throws Exception {
            PortalIndex abandoned = PortalIndex.open(directory());
            try {
                abandoned.upsert(document("committed", "kept"));
                abandoned.commit();
                abandoned.upsert(document("uncommitted", "lost in a crash"));
                abandoned.refresh();
                assertThat(searchable(abandoned, "uncommitted")).isTrue();

                // What another process sees: the last commit only.
                try (Directory fresh = FSDirectory.open(directory());
                        DirectoryReader reader = DirectoryReader.open(fresh)) {
                    assertThat(PortalIndex.countDocuments(reader)).isEqualTo(1);
                    assertThat(new IndexSearcher(reader).count(new TermQuery(new Term(IndexSchema.ID, "committed"))))
                            .isEqualTo(1);
                }

                // What a restart after a crash sees: the files on disk as the writer left them.
                Path crashed = root.resolve("crashed");
                copyFiles(directory(), crashed);
                try (PortalIndex reopened = PortalIndex.open(crashed)) {
                    assertThat(searchable(reopened, "committed")).isTrue();
                    assertThat(searchable(reopened, "uncommitted")).isFalse();
                }
                try (Directory files = FSDirectory.open(crashed);
                        CheckIndex check = new CheckIndex(files)) {
                    assertThat(check.checkIndex().clean).isTrue();
                }
            } finally {
                abandoned.close();
            }
        }

        @Test
        void commitsOnClose() throws Exception {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("a", "x"));
            }
            try (Directory files = FSDirectory.open(directory());
                    DirectoryReader reader = DirectoryReader.open(files)) {
                assertThat(PortalIndex.countDocuments(reader)).isEqualTo(1);
            }
        }

        private static void copyFiles(Path from, Path to) throws IOException {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    if (file.getFileName().toString().equals("write.lock")) {
                        continue;
                    }
                    try {
                        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    } catch (NoSuchFileException e) {
                        // merged away while copying, as it could have been at the moment of a crash
                    }
                }
            }
        }
    }

    @Nested
    class SchemaVersions {

        private void createIndexWithSchemaVersion(String version) throws IOException {
            try (Directory files = FSDirectory.open(directory());
                    IndexWriter writer = new IndexWriter(files, new IndexWriterConfig())) {
                Document doc = new Document();
                doc.add(new StringField(IndexSchema.ID, "old", Field.Store.YES));
                writer.addDocument(doc);
                writer.setLiveCommitData(
                        Map.of(IndexGeneration.SCHEMA_VERSION_KEY, version).entrySet());
                writer.commit();
            }
        }

        @Test
        void detectsAnIndexBuiltByAnotherSchemaAndRefusesToAddToIt() throws IOException {
            createIndexWithSchemaVersion("0");

            try (PortalIndex index = PortalIndex.open(directory())) {
                assertThat(index.schemaVersion()).isZero();
                assertThat(index.needsRebuild()).isTrue();
                assertThat(index.documentCount()).isEqualTo(1);
                assertThatThrownBy(() -> index.upsert(document("new", "x")))
                        .isInstanceOf(StaleIndexException.class)
                        .hasMessageContaining("rebuild");

                index.rebuild(Stream.of(document("new", "x")));

                assertThat(index.needsRebuild()).isFalse();
                assertThat(index.schemaVersion()).isEqualTo(IndexSchema.VERSION);
                index.upsert(document("newer", "y"));
            }
        }

        @Test
        void treatsAMissingVersionAsStale() throws IOException {
            createIndexWithSchemaVersion("not a number");

            try (PortalIndex index = PortalIndex.open(directory())) {
                assertThat(index.needsRebuild()).isTrue();
            }
        }
    }

    @Nested
    class Rebuild {

        @Test
        void buildsANewIndexBesideTheLiveOneAndSwapsItIn() throws Exception {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("old", "x"));
                index.commit();
                index.refresh();
                IndexSnapshot before = index.snapshot();

                RebuildResult result = index.rebuild(Stream.of(
                        document("a", "x"),
                        document("b", "y"),
                        IndexableDocument.published(
                                "bad",
                                null,
                                null,
                                null,
                                null,
                                List.of("k".repeat(600)),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)));

                assertThat(result.documents()).isEqualTo(2);
                assertThat(result.refused()).containsOnlyKeys("bad");
                assertThat(searchable(index, "a")).isTrue();
                assertThat(searchable(index, "old")).isFalse();
                assertThat(contains(before, "old"))
                        .as("a search started before the swap finishes")
                        .isTrue();
                before.close();
                try (Stream<Path> siblings = Files.list(root)) {
                    assertThat(siblings.filter(Files::isDirectory)).containsExactly(directory());
                }
            }
            try (PortalIndex reopened = PortalIndex.open(directory())) {
                assertThat(reopened.documentCount()).isEqualTo(2);
            }
        }

        @Test
        void replaysWritesMadeWhileTheRebuildRuns() throws Exception {
            try (PortalIndex index = PortalIndex.open(directory())) {
                Stream<IndexableDocument> sources = Stream.of("a", "b", "c")
                        .map(id -> document(id, "text"))
                        .peek(doc -> {
                            if (doc.id().equals("b")) {
                                index.upsert(document("written-meanwhile", "text"));
                                index.delete("a");
                            }
                        });

                index.rebuild(sources);

                assertThat(searchable(index, "written-meanwhile")).isTrue();
                assertThat(searchable(index, "a")).isFalse();
                assertThat(index.documentCount()).isEqualTo(3);
            }
        }

        @Test
        void leavesTheLiveIndexUntouchedWhenTheSourcesFail() throws Exception {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("live", "x"));
                index.refresh();
                Stream<IndexableDocument> failing = Stream.of("a", "b").map(id -> {
                    if (id.equals("b")) {
                        throw new IllegalStateException("source file vanished");
                    }
                    return document(id, "x");
                });

                assertThatThrownBy(() -> index.rebuild(failing)).hasMessageContaining("source file vanished");

                assertThat(searchable(index, "live")).isTrue();
                index.upsert(document("after", "y"));
                try (Stream<Path> siblings = Files.list(root)) {
                    assertThat(siblings.filter(Files::isDirectory)).containsExactly(directory());
                }
            }
        }

        @Test
        void discardsAnUnfinishedRebuildAtOpen() throws IOException {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("live", "x"));
            }
            Files.createDirectories(RebuildDirectories.building(directory()).resolve("junk"));

            try (PortalIndex index = PortalIndex.open(directory())) {
                assertThat(searchable(index, "live")).isTrue();
            }
            assertThat(RebuildDirectories.building(directory())).doesNotExist();
        }

        @Test
        void finishesACompletedRebuildThatACrashInterruptedBeforeTheSwap() throws IOException {
            try (PortalIndex index = PortalIndex.open(directory())) {
                index.upsert(document("live", "x"));
            }
            try (PortalIndex rebuilt = PortalIndex.open(RebuildDirectories.rebuilt(directory()))) {
                rebuilt.upsert(document("rebuilt", "x"));
            }

            try (PortalIndex index = PortalIndex.open(directory())) {
                assertThat(searchable(index, "rebuilt")).isTrue();
                assertThat(searchable(index, "live")).isFalse();
            }
            assertThat(RebuildDirectories.rebuilt(directory())).doesNotExist();
            assertThat(RebuildDirectories.retired(directory())).doesNotExist();
        }

        @Test
        void finishesASwapThatACrashInterruptedBetweenTheTwoRenames() throws IOException {
            try (PortalIndex index = PortalIndex.open(RebuildDirectories.retired(directory()))) {
                index.upsert(document("retired", "x"));
            }
            try (PortalIndex rebuilt = PortalIndex.open(RebuildDirectories.rebuilt(directory()))) {
                rebuilt.upsert(document("rebuilt", "x"));
            }

            try (PortalIndex index = PortalIndex.open(directory())) {
                assertThat(searchable(index, "rebuilt")).isTrue();
            }
        }

        @Test
        void restoresTheRetiredIndexWhenNothingReplacedIt() throws IOException {
            try (PortalIndex index = PortalIndex.open(RebuildDirectories.retired(directory()))) {
                index.upsert(document("retired", "x"));
            }

            try (PortalIndex index = PortalIndex.open(directory())) {
                assertThat(searchable(index, "retired")).isTrue();
            }
        }
    }
}
