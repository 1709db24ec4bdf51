package org.alima.portal.api.search;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.engine.EmbeddedEngine;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexStats;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.IndexedSource;
import org.alima.portal.indexer.index.RebuildResult;
import org.alima.portal.indexer.index.Vectoriser;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.RankingMode;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.search.Suggestion;

/**
 * A fault injector around the real embedded engine, for tests of an engine that goes down: switched off, every call
 * throws {@link EngineUnavailableException} (as an unreachable cluster does) without reaching the index; with writes
 * refused, only the writes do (as a cluster under a write block); switched on, every call goes to the real index in
 * the data directory. Replaces the portal's engine only where {@code test.search-engine.switched} is true.
 */
@Singleton
@Replaces(SearchEngine.class)
@Requires(property = "test.search-engine.switched", value = "true")
final class SwitchedEngine implements SearchEngine {

    /** The wait the engine asks for while off. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final EmbeddedEngine engine;
    private volatile boolean on = true;
    private volatile boolean writable = true;

    SwitchedEngine(@Value("${portal.data-dir}") String dataDirectory) {
        this.engine = EmbeddedEngine.open(
                Path.of(dataDirectory).resolve("index"),
                SearchSettings.defaults().withMode(RankingMode.LEXICAL),
                QueryTranslator.standard(),
                null);
    }

    void switchOff() {
        on = false;
    }

    void refuseWrites() {
        writable = false;
    }

    void switchOn() {
        on = true;
        writable = true;
    }

    private <T> T call(Supplier<T> work) {
        if (!on) {
            throw new EngineUnavailableException("the test switched the search engine off", RETRY_AFTER, null);
        }
        return work.get();
    }

    private void write(Runnable work) {
        if (!writable) {
            throw new EngineUnavailableException("the test made the search engine refuse writes", RETRY_AFTER, null);
        }
        call(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public String kind() {
        return engine.kind();
    }

    @Override
    public boolean ranksByMeaning() {
        return engine.ranksByMeaning();
    }

    @Override
    public SearchResponse search(SearchRequest request) {
        return call(() -> engine.search(request));
    }

    @Override
    public List<String> rankedIds(String query, int size) {
        return call(() -> engine.rankedIds(query, size));
    }

    @Override
    public List<Suggestion> autocomplete(String typed, int size, Access access) {
        return call(() -> engine.autocomplete(typed, size, access));
    }

    @Override
    public List<Hit> related(String id, int size, Access access) {
        return call(() -> engine.related(id, size, access));
    }

    @Override
    public PageText page(String id, int page, String query, String readerLanguage, Access access) {
        return call(() -> engine.page(id, page, query, readerLanguage, access));
    }

    @Override
    public List<String> pageTexts(String id, Access access) {
        return call(() -> engine.pageTexts(id, access));
    }

    @Override
    public Translation translate(String query, String readerLanguage) {
        return call(() -> engine.translate(query, readerLanguage));
    }

    @Override
    public void upsert(IndexableDocument document, Optional<DocumentVectors> vectors) {
        write(() -> engine.upsert(document, vectors));
    }

    @Override
    public void delete(String id) {
        write(() -> engine.delete(id));
    }

    @Override
    public void flush() {
        write(engine::flush);
    }

    @Override
    public RebuildResult rebuild(Stream<IndexableDocument> documents, Vectoriser vectoriser) {
        return call(() -> engine.rebuild(documents, vectoriser));
    }

    @Override
    public boolean contains(String id) {
        return call(() -> engine.contains(id));
    }

    @Override
    public long documentCount() {
        return call(engine::documentCount);
    }

    @Override
    public IndexStats stats() {
        return call(engine::stats);
    }

    @Override
    public boolean needsRebuild() {
        return call(engine::needsRebuild);
    }

    @Override
    public boolean foundExisting() {
        return call(engine::foundExisting);
    }

    @Override
    public List<IndexedSource> sources() {
        return call(engine::sources);
    }

    @Override
    public Optional<DocumentVectors> vectorsOf(String id) {
        return call(() -> engine.vectorsOf(id));
    }

    @Override
    public List<String> withoutVectors(String model, int max) {
        return call(() -> engine.withoutVectors(model, max));
    }

    /** Closes the real index with the application, so that the next test's portal can open it. */
    @Override
    @PreDestroy
    public void close() {
        engine.close();
    }
}
