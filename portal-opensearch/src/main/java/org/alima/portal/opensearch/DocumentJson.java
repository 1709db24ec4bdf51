package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.IndexableDocument;

/**
 * A portal document as the OpenSearch document {@link IndexDefinition} maps, by the rules of the embedded index
 * ({@code IndexSchema.toDocuments}): the same values, trimmed, cased and folded alike, in the same fields. Pure
 * functions; thread-safe.
 */
final class DocumentJson {

    /** The fields that hold a document's vectors, to read them back alone. */
    static final List<String> VECTOR_FIELDS = List.of(
            IndexSchema.VECTOR_MODEL,
            IndexSchema.VECTOR_FINGERPRINT,
            IndexSchema.DOCUMENT_VECTOR,
            IndexDefinition.PASSAGE_VECTORS);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DocumentJson() {}

    /**
     * The document's JSON, with its vectors when not null.
     *
     * @throws org.alima.portal.indexer.index.InvalidDocumentException when it breaks a bound of the index, as the
     *     embedded index refuses it
     */
    static ObjectNode of(IndexableDocument source, DocumentVectors vectors) {
        IndexSchema.requireIndexable(source, vectors);
        ObjectNode doc = NODES.objectNode();
        ObjectNode facets = NODES.objectNode();
        doc.put(IndexSchema.ID, source.id());
        doc.put(IndexSchema.OWNER, source.id());
        doc.put(IndexSchema.WORK, source.work());
        if (source.translations() != null && !source.superseded()) {
            doc.put(IndexSchema.TRANSLATIONS, source.translations());
        }
        strings(doc, IndexSchema.AUDIENCE, new ArrayList<>(source.audiences()));
        if (source.superseded()) {
            doc.put(IndexSchema.SUPERSEDED, "true");
        }
        text(doc, IndexSchema.TITLE, source.title());
        strings(doc, IndexSchema.AUTHORS, nonBlank(source.authors()));
        facet(doc, facets, IndexSchema.TYPE, single(lower(source.type())));
        facet(doc, facets, IndexSchema.LANGUAGE, single(lower(source.language())));
        facet(doc, facets, IndexSchema.DESIGN, single(lower(source.design())));
        LocalDate date = source.date();
        if (date != null) {
            doc.put(IndexSchema.DATE, date.toString());
            doc.put(IndexSchema.YEAR, date.getYear());
            facets.putArray(IndexSchema.YEAR).add(Integer.toString(date.getYear()));
        }
        if (source.reviewDue() != null) {
            doc.put(IndexSchema.REVIEW_DUE, source.reviewDue().toString());
        }
        facet(
                doc,
                facets,
                IndexSchema.COUNTRY,
                map(source.countries(), c -> c.strip().toUpperCase(Locale.ROOT)));
        facet(doc, facets, IndexSchema.TOPIC, map(source.topics(), String::strip));
        facet(doc, facets, IndexSchema.COLLECTION, map(source.collections(), String::strip));
        IndexableDocument.Classification classification = source.classification();
        facet(doc, facets, IndexSchema.HEALTH, map(classification.health(), DocumentJson::lower));
        facet(doc, facets, IndexSchema.POPULATION, map(classification.populations(), DocumentJson::lower));
        facet(doc, facets, IndexSchema.SETTING, map(classification.settings(), DocumentJson::lower));
        facet(doc, facets, IndexSchema.INTERVENTION, map(classification.interventions(), DocumentJson::lower));
        if (source.doi() != null && !source.doi().isBlank()) {
            doc.put(IndexSchema.DOI, IndexSchema.doiTerm(source.doi()));
            doc.putObject(IndexDefinition.DISPLAY)
                    .put(IndexSchema.DOI, source.doi().strip());
        }
        strings(doc, IndexSchema.KEYWORDS, nonBlank(source.keywords()));
        text(doc, IndexSchema.ABSTRACT, source.abstractText());
        if (source.source() != null) {
            doc.put(IndexSchema.SOURCE, source.source());
        }
        doc.put(IndexSchema.PAGE_COUNT, source.pages().size());
        ArrayNode body = doc.putArray(IndexSchema.BODY);
        ArrayNode pages = doc.putArray(IndexDefinition.PAGES);
        for (Page page : source.pages()) {
            body.add(page.text());
            ObjectNode pageNode = pages.addObject();
            pageNode.put(IndexSchema.PAGE_NUMBER, page.number());
            pageNode.put(IndexSchema.PAGE_TEXT, page.text());
            if (page.ocr() && !page.text().isEmpty()) {
                pageNode.put(IndexSchema.PAGE_OCR, true);
            }
        }
        if (!facets.isEmpty()) {
            doc.set(IndexDefinition.FACET, facets);
        }
        if (vectors != null) {
            doc.put(IndexSchema.VECTOR_MODEL, vectors.model());
            doc.put(IndexSchema.VECTOR_FINGERPRINT, vectors.fingerprint());
            doc.put(IndexSchema.DOCUMENT_VECTOR, encode(vectors.document()));
            ArrayNode passages = doc.putArray(IndexDefinition.PASSAGE_VECTORS);
            vectors.passages().forEach(passage -> passages.add(encode(passage)));
        }
        return doc;
    }

    /** The document's JSON as written at {@code millis} ({@link IndexDefinition#INDEXED_AT}). */
    static ObjectNode of(IndexableDocument source, DocumentVectors vectors, long millis) {
        ObjectNode json = of(source, vectors);
        json.put(IndexDefinition.INDEXED_AT, millis);
        return json;
    }

    /**
     * A document's {@code _source} made whole again for writing elsewhere: the body, left out of {@code _source},
     * is the pages' text.
     */
    static ObjectNode restored(JsonNode source) {
        ObjectNode json = source.deepCopy();
        ArrayNode body = json.putArray(IndexSchema.BODY);
        for (JsonNode page : source.path(IndexDefinition.PAGES)) {
            body.add(page.path(IndexSchema.PAGE_TEXT).asText(""));
        }
        return json;
    }

    /** The vectors in a document's {@code _source} (read with {@link #VECTOR_FIELDS}), if it has any. */
    static Optional<DocumentVectors> vectors(JsonNode source) {
        JsonNode model = source.path(IndexSchema.VECTOR_MODEL);
        JsonNode document = source.path(IndexSchema.DOCUMENT_VECTOR);
        if (!model.isTextual() || !document.isTextual()) {
            return Optional.empty();
        }
        List<float[]> passages = new ArrayList<>();
        for (JsonNode passage : source.path(IndexDefinition.PASSAGE_VECTORS)) {
            passages.add(decode(passage.asText()));
        }
        return Optional.of(new DocumentVectors(
                model.asText(),
                source.path(IndexSchema.VECTOR_FINGERPRINT).asText(),
                decode(document.asText()),
                passages));
    }

    /** Little-endian IEEE floats, base64: the form of a {@code binary} field. */
    static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        return vector;
    }

    /** A filter's term field gets {@link IndexSchema#keywordTerm}; the facet field the value as the facet counts it. */
    private static void facet(ObjectNode doc, ObjectNode facets, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        ArrayNode terms = doc.putArray(field);
        ArrayNode labels = facets.putArray(field);
        for (String value : values) {
            terms.add(IndexSchema.keywordTerm(value));
            labels.add(value);
        }
    }

    private static void text(ObjectNode doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.put(field, value);
        }
    }

    private static void strings(ObjectNode doc, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = doc.putArray(field);
            values.forEach(array::add);
        }
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    private static List<String> single(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value);
    }

    /** Distinct non-blank values, stripped, then {@code form}: as the embedded index's {@code distinct}. */
    private static List<String> map(List<String> values, UnaryOperator<String> form) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                distinct.add(value.strip());
            }
        }
        // Distinct again once formed ("ml" and "ML"): the index's doc values keep each value once per document anyway.
        Set<String> formed = new LinkedHashSet<>();
        for (String value : distinct) {
            String one = form.apply(value);
            if (!one.isBlank()) {
                formed.add(one);
            }
        }
        return List.copyOf(formed);
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
