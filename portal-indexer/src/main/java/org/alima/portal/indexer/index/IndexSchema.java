package org.alima.portal.indexer.index;

import java.io.IOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.extract.Page;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;

/**
 * The one place that names every field of the portal's Lucene index and says why it is indexed the way it is.
 * Constants and pure functions only; thread-safe.
 *
 * <p>A portal document is indexed as a block of Lucene documents with consecutive doc ids: first the document itself,
 * which carries every searchable field, so BM25 ranks whole documents; then one small stored-only document per page
 * (empty pages included, so numbering holds), which holds the page's text. The body is indexed on the first document
 * as one value per page, with offsets: where a query matched, and so on which pages, is read from the postings, and
 * only the few best pages' text is then loaded, however long the document is.
 *
 * <p>A document with dense vectors ({@link DocumentVectors}) carries its own vector, and its block ends with one
 * small document per passage ({@link Passages}): the passage's vector, its page and place on the page, and the
 * visibility keywords of its document, so that a nearest-neighbour search is filtered inside the graph walk.
 */
public final class IndexSchema {

    /**
     * Version of this schema, written in every commit's user data. Bump it whenever a change here makes an existing
     * index wrong (new field, other analysis); {@link PortalIndex#needsRebuild()} then asks for a rebuild.
     */
    public static final int VERSION = 7;

    // ---- identity

    /** Keyword, stored, for lookups by id. Sorted doc value: last tie-breaker of every sort, so that search-after
     * cursors stay valid across merges (Lucene doc ids do not). Only on the document itself, never on its pages: a
     * doc value that exists selects portal documents ({@link #documentsQuery()}). */
    public static final String ID = "id";

    /** Keyword on the document and on each of its pages: the term that replaces or deletes the whole block. */
    public static final String OWNER = "owner";

    /** Keyword, stored, only on the document: the work it is a version of ({@link IndexableDocument#work}), the same
     * on every version. Stored so that related documents read it from the document they start from and leave its
     * other versions out within the query, so that the count is right. */
    public static final String WORK = "work";

    /** Keyword, stored, only on a current (not superseded) document whose work has versions in other languages: the
     * translation set ({@link IndexableDocument#translations}), shared by those versions. Search keeps one hit per set
     * (in the reader's language when it matches) and lists the others with it; related documents leave them out.
     * Absent on most documents, so it costs them nothing; stored among the small fields that a hit reads; a sorted doc
     * value to read it for each matching document. */
    public static final String TRANSLATIONS = "translations";

    /** Stored only: the file or record the text came from, read back to rebuild the index; never searched. */
    public static final String SOURCE = "source";

    // ---- full text, all analysed by TextAnalyzer (French + English), BM25 with norms

    /** Text, stored for display; positions for phrases. */
    public static final String TITLE = "title";

    /** Text, stored for display. */
    public static final String ABSTRACT = "abstract";

    /** Text, multi-valued, stored for display and for type-ahead on keywords. */
    public static final String KEYWORDS = "keywords";

    /** Text, multi-valued, one value per page (empty pages kept so numbering holds), NOT stored (the page documents
     * store the text); offsets in the postings, so that the matches of a query, hence its best pages, are found
     * without reading or re-analysing the text. */
    public static final String BODY = "body";

    /** Names (NameAnalyzer: folded, unstemmed), multi-valued, stored for display. */
    public static final String AUTHORS = "authors";

    // ---- auxiliary text fields: never stored, never displayed

    /** Docs-only, no norms: the unstemmed, accented words of title, abstract, keywords and body; the dictionary of
     * did-you-mean corrections (the stacked stems of the text fields would be proposed as words otherwise). */
    public static final String SPELLING = "spelling";

    /** Docs-only, no norms: 2-20 character prefixes of every title word, for type-ahead that is as fresh as the index. */
    public static final String TITLE_PREFIXES = "title_prefixes";

    /** Docs-only, no norms: 2-20 character prefixes of every keyword word, for type-ahead. */
    public static final String KEYWORD_PREFIXES = "keyword_prefixes";

    // ---- filters and facets: keyword term (lower-cased, folded: filters and field:value queries ignore case and
    // accents) + stored original (display) + SortedSet doc value in the facet field (counts, drill-sideways)

    public static final String TYPE = "type";
    public static final String LANGUAGE = "language";
    public static final String COUNTRY = "country";
    public static final String TOPIC = "topic";
    public static final String COLLECTION = "collection";

    /** The study design a person confirmed, as its stable code: a facet and filter like the type. */
    public static final String DESIGN = "design";

    /**
     * The codes of the humanitarian vocabularies a person gave (ICD-11 chapter, population, setting, intervention
     * type): facets and filters like the design, several values each. Their free text is not indexed here.
     */
    public static final String HEALTH = "health";

    public static final String POPULATION = "population";
    public static final String SETTING = "setting";
    public static final String INTERVENTION = "intervention";

    /** Int point for range filters and year:2020 queries; stored for display; also a facet dimension. */
    public static final String YEAR = "year";

    /** Long point (epoch day) for range filters; numeric doc value for sorting newest first; stored as ISO-8601. */
    public static final String DATE = "date";

    /** Keyword of the normalised DOI (lower case, no resolver prefix) for doi: queries; stored for display. */
    public static final String DOI = "doi";

    /**
     * Stored only, ISO-8601: when an operating procedure is due for review, so that a hit can say it is overdue
     * without a database read (search answers while PostgreSQL is down). Neither searched nor sorted on.
     */
    public static final String REVIEW_DUE = "review_due";

    /** Numeric doc value and stored: pages in the document, summed for index statistics. */
    public static final String PAGE_COUNT = "page_count";

    /** Binary doc value: the length of each page (variable-length ints), to map body offsets to page numbers. */
    public static final String PAGE_LENGTHS = "page_lengths";

    // ---- visibility: keywords on the document only, never stored (the portal's database holds the workflow; a
    // rebuild reads it again). Page documents carry neither, so an audience filter excludes them too.

    /** Keyword, multi-valued: each audience that may find the document ({@link IndexableDocument#audiences}), exactly
     * as given. A restricted search keeps the documents holding one of its caller's audiences (a non-scoring filter);
     * a document without any is found by unrestricted searches only. */
    public static final String AUDIENCE = "audience";

    /** Keyword {@code true}, only on a document that a newer version supersedes: searches exclude the term unless
     * asked for older versions. A marker on the few old versions, rather than a term on every current one, so that an
     * exclusion never needs a rewrite of the index when versions are added. */
    public static final String SUPERSEDED = "superseded";

    // ---- page documents: stored fields and the owner term only; no user query targets them, so no search returns a
    // page as a document

    /** Stored only, on a page document: the text of the page, read for its snippet. */
    public static final String PAGE_TEXT = "page_text";

    /** Stored only, on a page document: its 1-based page number, to check that the block is intact. */
    public static final String PAGE_NUMBER = "page_number";

    /** Stored only, on a page document whose text OCR read from a scan: the value 1, so that a hit on that page says
     * its words may be misread. Absent on the pages whose text came from the file (most), so it costs them nothing,
     * and on a scan where OCR found no text. */
    public static final String PAGE_OCR = "page_ocr";

    // ---- dense vectors (semantic search): unit vectors of the model named in VECTOR_MODEL, compared by dot product,
    // in an HNSW graph over int8 scalar-quantised copies (see codec()); the float vectors stay on disk to re-rank and
    // to be carried over when a document is written again with the same text

    /** Vector, on the document: its title, abstract, keywords and first text ({@link DocumentVectors#documentText}). */
    public static final String DOCUMENT_VECTOR = "document_vector";

    /** Vector, on a passage document: the passage's text. */
    public static final String PASSAGE_VECTOR = "passage_vector";

    /** Keyword on the document and its passages: the model of their vectors; absent on a document without any.
     * Search filters on the model it encodes queries with, so vectors of two models are never compared; the
     * background vector pass finds the documents lacking vectors of the current model. Stored for reading back. */
    public static final String VECTOR_MODEL = "vector_model";

    /** Stored only, on the document: {@link DocumentVectors#fingerprint}, to carry vectors over unchanged text. */
    public static final String VECTOR_FINGERPRINT = "vector_fingerprint";

    /** Stored only, on the document: how many passage documents end its block. */
    public static final String PASSAGE_COUNT = "passage_count";

    /** Stored and numeric doc value, on a passage document: its 1-based page. */
    public static final String PASSAGE_PAGE = "passage_page";

    /** Stored only, on a passage document: first character of the passage in its page's text. */
    public static final String PASSAGE_START = "passage_start";

    /** Stored only, on a passage document: one past its last character. */
    public static final String PASSAGE_END = "passage_end";

    /** Numeric doc value, on a passage document: how many doc ids back its document is (blocks stay contiguous). */
    public static final String PASSAGE_PARENT = "passage_parent";

    /** The eleven facet dimensions, in display order. */
    public static final List<String> FACET_DIMENSIONS = List.of(
            TYPE, LANGUAGE, YEAR, COUNTRY, TOPIC, COLLECTION, DESIGN, HEALTH, POPULATION, SETTING, INTERVENTION);

    /** Longest keyword value (type, topic, author…) accepted, in characters; Lucene terms are capped at 32 KiB. */
    public static final int MAX_KEYWORD_LENGTH = 512;

    private static final KnnVectorsFormat VECTORS_FORMAT =
            new Lucene104HnswScalarQuantizedVectorsFormat(QuantizedByteVectorValues.ScalarEncoding.SEVEN_BIT, 16, 100);

    private static final Codec CODEC = new Lucene104Codec() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return field.equals(DOCUMENT_VECTOR) || field.equals(PASSAGE_VECTOR)
                    ? VECTORS_FORMAT
                    : super.getKnnVectorsFormatForField(field);
        }
    };

    private static final FieldType BODY_TYPE = bodyType();
    private static final FieldType DOCS_ONLY = docsOnlyType();

    private static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(
            new TextAnalyzer(),
            Map.of(
                    AUTHORS,
                    new NameAnalyzer(),
                    SPELLING,
                    new SpellingAnalyzer(),
                    TITLE_PREFIXES,
                    CompletionAnalyzer.forIndexing(),
                    KEYWORD_PREFIXES,
                    CompletionAnalyzer.forIndexing()));

    private static final Analyzer COMPLETION_QUERY_ANALYZER = CompletionAnalyzer.forQuerying();

    private IndexSchema() {}

    /** The analyzer of every field, for indexing and for building queries. Thread-safe. */
    public static Analyzer analyzer() {
        return ANALYZER;
    }

    /** Turns typed text into the terms to look up in {@link #TITLE_PREFIXES} and {@link #KEYWORD_PREFIXES}. */
    public static Analyzer completionQueryAnalyzer() {
        return COMPLETION_QUERY_ANALYZER;
    }

    /** BM25 with Lucene's defaults; norms are the same for any k1/b, so search may tune them without reindexing. */
    public static Similarity similarity() {
        return new BM25Similarity();
    }

    /**
     * The codec of the index: Lucene's default, except the two vector fields, indexed in an HNSW graph of int8
     * scalar-quantised vectors (7 bits per dimension: 384 bytes instead of 1,536 per vector in memory while
     * searching; the full floats stay on disk). Lucene writes each field's format name in the segment, so the index
     * is read with the default codec.
     */
    public static Codec codec() {
        return CODEC;
    }

    /** A new facet configuration (the class is mutable, so each caller gets its own). */
    public static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        for (String dimension : List.of(COUNTRY, TOPIC, COLLECTION, HEALTH, POPULATION, SETTING, INTERVENTION)) {
            config.setMultiValued(dimension, true);
        }
        for (String dimension : FACET_DIMENSIONS) {
            // Filters use the keyword fields above; the facet field's own drill-down terms would duplicate them.
            config.setDrillDownTermsIndexing(dimension, FacetsConfig.DrillDownTermsIndexing.NONE);
        }
        return config;
    }

    /**
     * The elided French forms {@link TextAnalyzer} removes (before an apostrophe, any case), for another engine's
     * analysis to be built from the same list.
     */
    public static List<String> elisions() {
        return words(TextAnalyzer.ELISIONS);
    }

    /** The function words {@link TextAnalyzer} removes (folded, lower case), for another engine's analysis. */
    public static List<String> stopWords() {
        return words(TextAnalyzer.STOP_WORDS);
    }

    /** Shortest and longest prefix of a word indexed for type-ahead ({@link #TITLE_PREFIXES}). */
    public static int[] completionPrefixLengths() {
        return new int[] {CompletionAnalyzer.MIN_PREFIX, CompletionAnalyzer.MAX_PREFIX};
    }

    /**
     * Checks the bounds the index puts on a document (and its vectors, when not null), as {@link PortalIndex} does
     * before a write, so that another engine refuses what the embedded index refuses, with the same message.
     *
     * @throws InvalidDocumentException when a bound is broken
     */
    public static void requireIndexable(IndexableDocument document, DocumentVectors vectors) {
        try {
            toDocuments(document, vectors, facetsConfig());
        } catch (IOException e) {
            throw new IndexException("could not prepare document " + document.id() + ": " + e, e);
        }
    }

    private static List<String> words(CharArraySet set) {
        List<String> words = new ArrayList<>();
        for (Object word : set) {
            words.add(new String((char[]) word));
        }
        words.sort(null);
        return List.copyOf(words);
    }

    /** The form a keyword value takes in the index and in filters: trimmed, lower case, accents folded. */
    public static String keywordTerm(String value) {
        String decomposed = Normalizer.normalize(value.strip(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /** The form a DOI takes in the index and in doi: queries: lower case, without a resolver or "doi:" prefix. */
    public static String doiTerm(String doi) {
        String value = doi.strip().toLowerCase(Locale.ROOT);
        for (String prefix :
                List.of("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")) {
            if (value.startsWith(prefix)) {
                return value.substring(prefix.length()).strip();
            }
        }
        return value;
    }

    /** Matches every portal document and none of their page documents; what an empty query lists. */
    public static Query documentsQuery() {
        return new FieldExistsQuery(ID);
    }

    /** Matches the documents that a newer version supersedes. */
    public static Query supersededQuery() {
        return new TermQuery(new Term(SUPERSEDED, "true"));
    }

    /** The pages' start offsets in {@link #BODY}, decoded from {@link #PAGE_LENGTHS}; element k is page k+1's. */
    public static int[] pageStarts(BytesRef lengths) {
        ByteArrayDataInput input = new ByteArrayDataInput(lengths.bytes, lengths.offset, lengths.length);
        int[] starts = new int[16];
        int count = 0;
        int offset = 0;
        while (!input.eof()) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = offset;
            // Lucene puts an offset gap of 1 between the values of a multi-valued field.
            offset += input.readVInt() + 1;
        }
        return Arrays.copyOf(starts, count);
    }

    /**
     * Builds the block of Lucene documents (the document, then its pages in order); checks the bounds that Lucene
     * would otherwise fail on mid-write.
     */
    static List<Document> toDocuments(IndexableDocument source, FacetsConfig facets) throws IOException {
        return toDocuments(source, null, facets);
    }

    /** As {@link #toDocuments(IndexableDocument, FacetsConfig)}, with the document's vectors when not null. */
    static List<Document> toDocuments(IndexableDocument source, DocumentVectors vectors, FacetsConfig facets)
            throws IOException {
        String id = source.id();
        requireKeyword(id, "id", id);
        Document doc = new Document();
        // Stored fields are read in the order they were added: small ones first so result lists can stop early.
        doc.add(new StringField(ID, source.id(), Field.Store.YES));
        doc.add(new StringField(OWNER, source.id(), Field.Store.NO));
        requireKeyword(id, "work", source.work());
        doc.add(new StringField(WORK, source.work(), Field.Store.YES));
        if (source.translations() != null && !source.superseded()) {
            requireKeyword(id, "translations", source.translations());
            doc.add(new StringField(TRANSLATIONS, source.translations(), Field.Store.YES));
            // Read for each matching document when search chooses one version per work; also what FieldExistsQuery
            // finds the linked documents by.
            doc.add(new SortedDocValuesField(TRANSLATIONS, new BytesRef(source.translations())));
        }
        doc.add(new SortedDocValuesField(ID, new BytesRef(source.id())));
        for (String audience : source.audiences()) {
            requireKeyword(id, "audience", audience);
            doc.add(new StringField(AUDIENCE, audience, Field.Store.NO));
        }
        if (source.superseded()) {
            doc.add(new StringField(SUPERSEDED, "true", Field.Store.NO));
        }
        addText(doc, TITLE, source.title());
        for (String author : source.authors()) {
            requireKeyword(id, "author", author);
            addText(doc, AUTHORS, author);
        }
        addFacet(id, doc, TYPE, lower(source.type()));
        addFacet(id, doc, LANGUAGE, lower(source.language()));
        addFacet(id, doc, DESIGN, lower(source.design()));
        LocalDate date = source.date();
        if (date != null) {
            doc.add(new LongPoint(DATE, date.toEpochDay()));
            doc.add(new NumericDocValuesField(DATE, date.toEpochDay()));
            doc.add(new StoredField(DATE, date.toString()));
            doc.add(new IntPoint(YEAR, date.getYear()));
            doc.add(new StoredField(YEAR, date.getYear()));
            doc.add(new SortedSetDocValuesFacetField(YEAR, Integer.toString(date.getYear())));
        }
        if (source.reviewDue() != null) {
            // Among the small fields stored first, which a hit reads without decompressing the body.
            doc.add(new StoredField(REVIEW_DUE, source.reviewDue().toString()));
        }
        for (String country : distinct(source.countries())) {
            addFacet(id, doc, COUNTRY, country.strip().toUpperCase(Locale.ROOT));
        }
        for (String topic : distinct(source.topics())) {
            addFacet(id, doc, TOPIC, topic.strip());
        }
        for (String collection : distinct(source.collections())) {
            addFacet(id, doc, COLLECTION, collection.strip());
        }
        IndexableDocument.Classification classification = source.classification();
        for (String code : distinct(classification.health())) {
            addFacet(id, doc, HEALTH, lower(code));
        }
        for (String code : distinct(classification.populations())) {
            addFacet(id, doc, POPULATION, lower(code));
        }
        for (String code : distinct(classification.settings())) {
            addFacet(id, doc, SETTING, lower(code));
        }
        for (String code : distinct(classification.interventions())) {
            addFacet(id, doc, INTERVENTION, lower(code));
        }
        if (source.doi() != null && !source.doi().isBlank()) {
            requireKeyword(id, "doi", source.doi());
            doc.add(new StringField(DOI, doiTerm(source.doi()), Field.Store.NO));
            doc.add(new StoredField(DOI, source.doi().strip()));
        }
        for (String keyword : source.keywords()) {
            requireKeyword(id, "keyword", keyword);
            addText(doc, KEYWORDS, keyword);
            doc.add(new Field(KEYWORD_PREFIXES, keyword, DOCS_ONLY));
        }
        addText(doc, ABSTRACT, source.abstractText());
        if (source.source() != null) {
            doc.add(new StoredField(SOURCE, source.source()));
        }
        if (source.title() != null) {
            doc.add(new Field(TITLE_PREFIXES, source.title(), DOCS_ONLY));
        }
        addSpelling(doc, source.title());
        addSpelling(doc, source.abstractText());
        source.keywords().forEach(keyword -> addSpelling(doc, keyword));
        doc.add(new NumericDocValuesField(PAGE_COUNT, source.pages().size()));
        doc.add(new StoredField(PAGE_COUNT, source.pages().size()));
        List<Document> block = new ArrayList<>(source.pages().size() + 1);
        block.add(null);
        ByteBuffersDataOutput lengths = new ByteBuffersDataOutput();
        int expected = 1;
        for (Page page : source.pages()) {
            if (page.number() != expected) {
                throw new InvalidDocumentException(
                        id,
                        "pages must be numbered 1, 2, 3… without gaps; page " + expected + " is followed by page "
                                + page.number());
            }
            String text = page.text();
            doc.add(new Field(BODY, text, BODY_TYPE));
            addSpelling(doc, text);
            lengths.writeVInt(text.length());
            Document pageDoc = new Document();
            pageDoc.add(new StringField(OWNER, id, Field.Store.NO));
            pageDoc.add(new StoredField(PAGE_NUMBER, expected));
            pageDoc.add(new StoredField(PAGE_TEXT, text));
            if (page.ocr() && !text.isEmpty()) {
                pageDoc.add(new StoredField(PAGE_OCR, 1));
            }
            block.add(pageDoc);
            expected++;
        }
        doc.add(new BinaryDocValuesField(PAGE_LENGTHS, new BytesRef(lengths.toArrayCopy())));
        if (vectors != null) {
            addVectors(source, vectors, doc, block);
        }
        block.set(0, facets.build(doc));
        return block;
    }

    private static void addVectors(
            IndexableDocument source, DocumentVectors vectors, Document doc, List<Document> block) {
        List<Passages.Passage> passages = Passages.of(source.pages());
        if (passages.size() != vectors.passages().size()) {
            throw new InvalidDocumentException(
                    source.id(),
                    "it has " + passages.size() + " passages but "
                            + vectors.passages().size()
                            + " passage vectors; compute its vectors from this version of its text");
        }
        doc.add(new KnnFloatVectorField(DOCUMENT_VECTOR, vectors.document(), VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StringField(VECTOR_MODEL, vectors.model(), Field.Store.YES));
        doc.add(new StoredField(VECTOR_FINGERPRINT, vectors.fingerprint()));
        doc.add(new StoredField(PASSAGE_COUNT, passages.size()));
        for (int i = 0; i < passages.size(); i++) {
            Passages.Passage passage = passages.get(i);
            Document passageDoc = new Document();
            passageDoc.add(new StringField(OWNER, source.id(), Field.Store.NO));
            passageDoc.add(new KnnFloatVectorField(
                    PASSAGE_VECTOR, vectors.passages().get(i), VectorSimilarityFunction.DOT_PRODUCT));
            passageDoc.add(new StringField(VECTOR_MODEL, vectors.model(), Field.Store.NO));
            passageDoc.add(new StoredField(PASSAGE_PAGE, passage.page()));
            passageDoc.add(new NumericDocValuesField(PASSAGE_PAGE, passage.page()));
            passageDoc.add(new StoredField(PASSAGE_START, passage.start()));
            passageDoc.add(new StoredField(PASSAGE_END, passage.end()));
            passageDoc.add(new NumericDocValuesField(PASSAGE_PARENT, block.size()));
            // The document's visibility, so that the nearest-neighbour search filters passages as it walks the graph.
            for (String audience : source.audiences()) {
                passageDoc.add(new StringField(AUDIENCE, audience, Field.Store.NO));
            }
            if (source.superseded()) {
                passageDoc.add(new StringField(SUPERSEDED, "true", Field.Store.NO));
            }
            block.add(passageDoc);
        }
    }

    private static void addText(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new TextField(field, value, Field.Store.YES));
        }
    }

    private static void addSpelling(Document doc, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new Field(SPELLING, value, DOCS_ONLY));
        }
    }

    private static void addFacet(String id, Document doc, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        requireKeyword(id, field, value);
        doc.add(new StringField(field, keywordTerm(value), Field.Store.NO));
        doc.add(new StoredField(field, value));
        doc.add(new SortedSetDocValuesFacetField(field, value));
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> distinct(List<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                distinct.add(value.strip());
            }
        }
        return distinct;
    }

    private static void requireKeyword(String id, String what, String value) {
        if (value != null && value.length() > MAX_KEYWORD_LENGTH) {
            throw new InvalidDocumentException(
                    id,
                    what + " is " + value.length() + " characters long; the limit is " + MAX_KEYWORD_LENGTH
                            + " (MAX_KEYWORD_LENGTH): shorten it");
        }
    }

    private static FieldType bodyType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private static FieldType docsOnlyType() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS);
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }
}
