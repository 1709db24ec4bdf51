package org.alima.portal.indexer.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The index a search test runs against, as a JUnit 5 extension: a {@link PortalIndex} in a temporary directory,
 * filled with the test's documents and refreshed, and a {@link PortalSearch} with the default settings over it.
 * Registered with {@code @RegisterExtension} on a static field it is opened once, before the class's tests; on an
 * instance field, afresh before each test (for tests that change it). Closed, and its directory deleted, after them.
 * Not thread-safe: the tests of a class run one at a time.
 */
final class TestIndex implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final Supplier<List<IndexableDocument>> documents;
    private Path directory;
    private PortalIndex index;
    private PortalSearch search;
    /** The test class or test that opened the index: nested classes and tests inherit it, only their owner closes it. */
    private String owner;

    private TestIndex(Supplier<List<IndexableDocument>> documents) {
        this.documents = documents;
    }

    /** An index holding {@code documents}. */
    static TestIndex of(IndexableDocument... documents) {
        List<IndexableDocument> list = List.of(documents);
        return new TestIndex(() -> list);
    }

    /** An index holding what {@code documents} gives when the index is opened (it may abort the tests by an assumption). */
    static TestIndex of(Supplier<List<IndexableDocument>> documents) {
        return new TestIndex(documents);
    }

    /** The open index, to change it in a test (refresh it after) or to search it with other settings. */
    PortalIndex index() {
        if (index == null) {
            throw new IllegalStateException("The test index is opened before a test and closed after it; it is closed");
        }
        return index;
    }

    /** A search over the index with the default settings. */
    PortalSearch search() {
        index();
        return search;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        open(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        open(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close(context);
    }

    private void open(ExtensionContext context) throws IOException {
        if (index != null) {
            return;
        }
        List<IndexableDocument> filling = documents.get();
        // The index in a directory of its own: its lock file and rebuild siblings sit beside it, deleted with it.
        directory = Files.createTempDirectory("portal-test-index-");
        owner = context.getUniqueId();
        index = PortalIndex.open(directory.resolve("index"));
        filling.forEach(index::upsert);
        index.refresh();
        search = new PortalSearch(index);
    }

    private void close(ExtensionContext context) throws IOException {
        if (index == null || !context.getUniqueId().equals(owner)) {
            return;
        }
        try {
            index.close();
        } finally {
            index = null;
            search = null;
            delete(directory);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
