package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchSettings;

/**
 * The settings and mappings of the portal's OpenSearch index, built from portal-indexer's constants so that the two
 * engines analyse and rank alike. Pure functions; thread-safe.
 *
 * <p>One OpenSearch document per portal document, {@code _id} its {@link IndexSchema#ID}; its pages are a {@code
 * nested} field {@value #PAGES} (number, text, OCR marker) instead of the embedded index's page documents. Field names
 * are {@link IndexSchema}'s, and each holds what the embedded field indexes, so that a Lucene query of the portal
 * translates term for term:
 *
 * <ul>
 *   <li>analysers reproduced by built-in filters: {@code portal_text} = {@code TextAnalyzer} (the stacked English and
 *       French stems by a {@code multiplexer}), {@code portal_name} = {@code NameAnalyzer}, {@code portal_spelling} =
 *       {@code SpellingAnalyzer}, {@code portal_completion} and {@code portal_completion_query} = {@code
 *       CompletionAnalyzer} for indexing and querying;
 *   <li>values normalised in Java before they are sent, because no built-in reproduces the rule: the keyword terms
 *       of filters ({@link IndexSchema#keywordTerm}: Unicode decomposition and removal of marks, which differs from
 *       {@code asciifolding} on letters such as ø or ß) and the DOI ({@link IndexSchema#doiTerm}: resolver prefixes
 *       removed). Their display forms, which the embedded index stores beside the term, go to {@value #FACET}
 *       (keywords with doc values: the facet counts) and {@value #DISPLAY} (not indexed).
 * </ul>
 *
 * <p>Dense vectors are kept in {@code _source} only (binary fields: little-endian floats, base64), for {@code
 * vectorsOf} and for carrying them over a write or a rebuild; the integ-test distribution has no k-NN plugin, so this
 * engine ranks by words.
 */
final class IndexDefinition {

    /** Nested field: one object per page, in order. */
    static final String PAGES = "pages";

    /** Object of keyword fields, one per facet dimension, holding the values as the embedded index's facets count them. */
    static final String FACET = "facet";

    /** Object, not indexed: values the embedded index stores for display where its term is another form (the DOI). */
    static final String DISPLAY = "display";

    /**
     * Date (epoch milliseconds) of the write that put the document in the index, by the portal process's clock: a
     * rebuild copies to the new index what other portal processes wrote to the old one meanwhile, when newer.
     */
    static final String INDEXED_AT = "indexed_at";

    /** Binary, multi-valued, in {@code _source} only: the passage vectors, in order. */
    static final String PASSAGE_VECTORS = "passage_vectors";

    static final String TEXT_ANALYZER = "portal_text";
    static final String NAME_ANALYZER = "portal_name";
    static final String SPELLING_ANALYZER = "portal_spelling";
    static final String COMPLETION_ANALYZER = "portal_completion";
    static final String COMPLETION_QUERY_ANALYZER = "portal_completion_query";

    /** The keyword fields a filter matches by {@link IndexSchema#keywordTerm}, i.e. the facet dimensions but year. */
    static final List<String> KEYWORD_FACETS = List.of(
            IndexSchema.TYPE,
            IndexSchema.LANGUAGE,
            IndexSchema.COUNTRY,
            IndexSchema.TOPIC,
            IndexSchema.COLLECTION,
            IndexSchema.DESIGN,
            IndexSchema.HEALTH,
            IndexSchema.POPULATION,
            IndexSchema.SETTING,
            IndexSchema.INTERVENTION);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IndexDefinition() {}

    /** The facet field of a dimension ({@link IndexSchema#FACET_DIMENSIONS}), e.g. {@code facet.type}. */
    static String facetField(String dimension) {
        return FACET + "." + dimension;
    }

    /**
     * The body of the create-index request: settings (shards, BM25 of {@code search}, analysis) and mappings.
     *
     * @param shards primary shards; 1 keeps term statistics equal to the embedded index's
     */
    static ObjectNode of(SearchSettings search, int shards) {
        ObjectNode body = NODES.objectNode();
        body.set("settings", settings(search, shards));
        body.set("mappings", mappings());
        return body;
    }

    /** {@link #of} as the text whose hash names the index: the same for the same definition, key order included. */
    static String json(SearchSettings search, int shards) {
        try {
            return JSON.writeValueAsString(of(search, shards));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static ObjectNode settings(SearchSettings search, int shards) {
        ObjectNode index = NODES.objectNode();
        index.put("number_of_shards", shards);
        index.put("auto_expand_replicas", "0-1");
        // A write acknowledged is on disk: the portal's outbox marks the job done once the engine answered.
        index.put("translog.durability", "request");
        index.put("max_result_window", 10_000);
        ObjectNode similarity = index.putObject("similarity").putObject("default");
        similarity.put("type", "BM25");
        similarity.put("k1", search.k1());
        similarity.put("b", search.b());
        index.set("analysis", analysis());
        ObjectNode settings = NODES.objectNode();
        settings.set("index", index);
        return settings;
    }

    private static ObjectNode analysis() {
        ObjectNode analysis = NODES.objectNode();
        ObjectNode filters = analysis.putObject("filter");
        ObjectNode elision = filters.putObject("portal_elision");
        elision.put("type", "elision");
        elision.put("articles_case", true);
        strings(elision.putArray("articles"), IndexSchema.elisions());
        ObjectNode stop = filters.putObject("portal_stop");
        stop.put("type", "stop");
        stop.put("ignore_case", true);
        strings(stop.putArray("stopwords"), IndexSchema.stopWords());
        ObjectNode french = filters.putObject("portal_french_light");
        french.put("type", "stemmer");
        french.put("language", "light_french");
        ObjectNode stems = filters.putObject("portal_stems");
        stems.put("type", "multiplexer");
        // The folded word, its Porter stem and its French light stem at one position: StemVariantsFilter.
        strings(stems.putArray("filters"), List.of("porter_stem", "portal_french_light"));
        stems.put("preserve_original", true);
        int[] prefixes = IndexSchema.completionPrefixLengths();
        ObjectNode edges = filters.putObject("portal_prefixes");
        edges.put("type", "edge_ngram");
        edges.put("min_gram", prefixes[0]);
        edges.put("max_gram", prefixes[1]);
        edges.put("preserve_original", false);
        ObjectNode truncate = filters.putObject("portal_truncate");
        truncate.put("type", "truncate");
        truncate.put("length", prefixes[1]);

        ObjectNode analyzers = analysis.putObject("analyzer");
        analyzer(
                analyzers, TEXT_ANALYZER, "portal_elision", "lowercase", "asciifolding", "portal_stop", "portal_stems");
        analyzer(analyzers, NAME_ANALYZER, "lowercase", "asciifolding");
        analyzer(analyzers, SPELLING_ANALYZER, "portal_elision", "lowercase");
        analyzer(analyzers, COMPLETION_ANALYZER, "portal_elision", "lowercase", "asciifolding", "portal_prefixes");
        analyzer(
                analyzers, COMPLETION_QUERY_ANALYZER, "portal_elision", "lowercase", "asciifolding", "portal_truncate");
        // What TextAnalyzer.normalize does to prefix and fuzzy terms, for a query that needs it.
        ObjectNode folded = analysis.putObject("normalizer").putObject("portal_folded");
        folded.put("type", "custom");
        strings(folded.putArray("filter"), List.of("lowercase", "asciifolding"));
        return analysis;
    }

    private static void analyzer(ObjectNode analyzers, String name, String... filters) {
        ObjectNode analyzer = analyzers.putObject(name);
        analyzer.put("type", "custom");
        analyzer.put("tokenizer", "standard");
        strings(analyzer.putArray("filter"), List.of(filters));
    }

    private static ObjectNode mappings() {
        ObjectNode mappings = NODES.objectNode();
        mappings.put("dynamic", "strict");
        // The body is long and the pages hold the same text: searched, never read back.
        strings(mappings.putObject("_source").putArray("excludes"), List.of(IndexSchema.BODY));
        ObjectNode p = mappings.putObject("properties");
        // identity: exact terms; the id also sorts (the last tie-breaker of every sort, as in the embedded index)
        keyword(p, IndexSchema.ID);
        keyword(p, IndexSchema.OWNER);
        keyword(p, IndexSchema.WORK);
        keyword(p, IndexSchema.TRANSLATIONS);
        stored(p, IndexSchema.SOURCE);
        // full text, BM25 with norms; no gap between the values of a field, as Lucene's analyzers add none
        text(p, IndexSchema.TITLE, TEXT_ANALYZER, false, IndexSchema.SPELLING, IndexSchema.TITLE_PREFIXES);
        text(p, IndexSchema.ABSTRACT, TEXT_ANALYZER, false, IndexSchema.SPELLING);
        text(p, IndexSchema.KEYWORDS, TEXT_ANALYZER, false, IndexSchema.SPELLING, IndexSchema.KEYWORD_PREFIXES);
        text(p, IndexSchema.BODY, TEXT_ANALYZER, true, IndexSchema.SPELLING);
        text(p, IndexSchema.AUTHORS, NAME_ANALYZER, false);
        // auxiliary: docs only, no norms, filled by copy_to from the fields above
        auxiliary(p, IndexSchema.SPELLING, SPELLING_ANALYZER, SPELLING_ANALYZER);
        auxiliary(p, IndexSchema.TITLE_PREFIXES, COMPLETION_ANALYZER, COMPLETION_QUERY_ANALYZER);
        auxiliary(p, IndexSchema.KEYWORD_PREFIXES, COMPLETION_ANALYZER, COMPLETION_QUERY_ANALYZER);
        // filters: keywordTerm forms; facets: the display forms with doc values, which terms aggregations count
        for (String field : KEYWORD_FACETS) {
            keyword(p, field);
        }
        ObjectNode facets = p.putObject(FACET).putObject("properties");
        for (String dimension : IndexSchema.FACET_DIMENSIONS) {
            keyword(facets, dimension);
        }
        p.putObject(IndexSchema.YEAR).put("type", "integer");
        ObjectNode date = p.putObject(IndexSchema.DATE);
        date.put("type", "date");
        date.put("format", "strict_date");
        keyword(p, IndexSchema.DOI);
        ObjectNode display = p.putObject(DISPLAY);
        display.put("type", "object");
        display.put("enabled", false);
        stored(p, IndexSchema.REVIEW_DUE);
        p.putObject(IndexSchema.PAGE_COUNT).put("type", "integer");
        ObjectNode indexedAt = p.putObject(INDEXED_AT);
        indexedAt.put("type", "date");
        indexedAt.put("format", "epoch_millis");
        // visibility: exact terms, as Visibility filters them
        keyword(p, IndexSchema.AUDIENCE);
        keyword(p, IndexSchema.SUPERSEDED);
        // pages: the text of each, analysed like the body with offsets for highlighting, read back for snippets
        ObjectNode pages = p.putObject(PAGES);
        pages.put("type", "nested");
        ObjectNode pageFields = pages.putObject("properties");
        pageFields.putObject(IndexSchema.PAGE_NUMBER).put("type", "integer");
        ObjectNode pageText = pageFields.putObject(IndexSchema.PAGE_TEXT);
        pageText.put("type", "text");
        pageText.put("analyzer", TEXT_ANALYZER);
        pageText.put("index_options", "offsets");
        ObjectNode ocr = pageFields.putObject(IndexSchema.PAGE_OCR);
        ocr.put("type", "boolean");
        ocr.put("index", false);
        // dense vectors: kept, not ranked on (no k-NN here); the model is a keyword to find documents lacking its
        // vectors
        binary(p, IndexSchema.DOCUMENT_VECTOR);
        binary(p, PASSAGE_VECTORS);
        keyword(p, IndexSchema.VECTOR_MODEL);
        stored(p, IndexSchema.VECTOR_FINGERPRINT);
        return mappings;
    }

    private static void keyword(ObjectNode properties, String field) {
        properties.putObject(field).put("type", "keyword");
    }

    /** Kept in {@code _source} for reading back; neither searched nor sorted on. */
    private static void stored(ObjectNode properties, String field) {
        ObjectNode node = properties.putObject(field);
        node.put("type", "keyword");
        node.put("index", false);
        node.put("doc_values", false);
    }

    private static void binary(ObjectNode properties, String field) {
        properties.putObject(field).put("type", "binary");
    }

    private static void text(ObjectNode properties, String field, String analyzer, boolean offsets, String... copyTo) {
        ObjectNode node = properties.putObject(field);
        node.put("type", "text");
        node.put("analyzer", analyzer);
        node.put("position_increment_gap", 0);
        if (offsets) {
            node.put("index_options", "offsets");
        }
        if (copyTo.length > 0) {
            strings(node.putArray("copy_to"), List.of(copyTo));
        }
    }

    private static void auxiliary(ObjectNode properties, String field, String analyzer, String searchAnalyzer) {
        ObjectNode node = properties.putObject(field);
        node.put("type", "text");
        node.put("analyzer", analyzer);
        node.put("search_analyzer", searchAnalyzer);
        node.put("index_options", "docs");
        node.put("norms", false);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
