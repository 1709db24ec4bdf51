package org.alima.portal.indexer.engine;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexStats;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.IndexedSource;
import org.alima.portal.indexer.index.RebuildResult;
import org.alima.portal.indexer.index.Vectoriser;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.Suggestion;

/**
 * Everything the portal asks of its search engine: searching, suggesting, related documents and page texts on one
 * side; indexing, rebuilding and describing the index on the other. Two implementations keep the same behaviour,
 * checked by one contract test suite: {@code EmbeddedEngine}, the portal's own Lucene index in its data directory (the
 * default, one process), and the OpenSearch engine of module {@code portal-opensearch} (several portal processes on one
 * cluster). Thread-safe.
 *
 * <p>Query policy stays the portal's: both engines read the user's text with the one {@link
 * org.alima.portal.indexer.search.UserQueryParser} and restrict it with the one {@code Visibility}; an engine only
 * runs what they decided.
 *
 * <p>Failures: {@link org.alima.portal.indexer.search.SearchException}s for what a caller asked wrongly or what ran too
 * long (as {@link org.alima.portal.indexer.search.PortalSearch} documents them), {@link EngineUnavailableException}
 * when the engine cannot be reached (a caller answers 503 and retries later), {@link
 * org.alima.portal.indexer.index.IndexException} for a write that failed.
 */
public interface SearchEngine extends AutoCloseable {

    /** A short name for logs, health and metrics: {@code "embedded"} or {@code "opensearch"}. */
    String kind();

    /**
     * Whether this engine ranks by meaning with the documents' dense vectors, so that computing them is worth its CPU:
     * the embedded index with a dense model; not OpenSearch, which ranks by words.
     */
    boolean ranksByMeaning();

    // --- reading -------------------------------------------------------------------------------------------------

    /** One page of results; see {@link org.alima.portal.indexer.search.PortalSearch#search}. */
    SearchResponse search(SearchRequest request);

    /** Ids of the best {@code size} documents, every document visible; the fast path of relevance evaluation. */
    List<String> rankedIds(String query, int size);

    /** Titles and keywords completing what the user is typing, among what {@code access} may see. */
    List<Suggestion> autocomplete(String typed, int size, Access access);

    /** Documents most similar to document {@code id}, among what {@code access} may see. */
    List<Hit> related(String id, int size, Access access);

    /** The text of one page with the query's words marked; see {@link org.alima.portal.indexer.search.PortalSearch#page}. */
    PageText page(String id, int page, String query, String readerLanguage, Access access);

    /** The text of every page of a document, in page order. */
    List<String> pageTexts(String id, Access access);

    /** The query in the other language as a search reads it. */
    Translation translate(String query, String readerLanguage);

    // --- writing -------------------------------------------------------------------------------------------------

    /**
     * Adds or replaces the document (its pages with it), with its dense vectors when given; visible and durable only
     * after {@link #flush()}.
     */
    void upsert(IndexableDocument document, Optional<DocumentVectors> vectors);

    /** Takes the document out of search; visible and durable only after {@link #flush()}. */
    void delete(String id);

    /** Returns once every write made before the call is durable and visible to searches. */
    void flush();

    /**
     * Builds a new index from {@code documents} beside the live one and swaps it in, searches going on meanwhile.
     *
     * @param vectoriser gives vectors to documents the live index holds none for; null for none
     */
    RebuildResult rebuild(Stream<IndexableDocument> documents, Vectoriser vectoriser);

    // --- describing ----------------------------------------------------------------------------------------------

    boolean contains(String id);

    long documentCount();

    IndexStats stats();

    /** Whether the index was built by an older schema (or mapping) version and must be rebuilt. */
    boolean needsRebuild();

    /** Whether the index held documents when the engine was opened (false: a first start, or one moved aside). */
    boolean foundExisting();

    /** Every document's id and stored source, for the repair that compares the index with the database. */
    List<IndexedSource> sources();

    /** The dense vectors stored for a document, if any. */
    Optional<DocumentVectors> vectorsOf(String id);

    /** Up to {@code max} ids of documents without vectors of {@code model}. */
    List<String> withoutVectors(String model, int max);

    @Override
    void close();
}
