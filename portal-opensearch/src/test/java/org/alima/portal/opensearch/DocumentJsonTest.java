package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.IndexableDocument;
import org.junit.jupiter.api.Test;

class DocumentJsonTest {

    private static final IndexableDocument DOCUMENT = new IndexableDocument(
            "doc/1",
            "/files/doc.pdf",
            "Paludisme grave",
            "  ",
            List.of("Aïcha N'Diaye", " "),
            List.of("Réanimation", ""),
            " https://doi.org/10.1000/ABC ",
            " Rapport ",
            "FR",
            LocalDate.of(2021, 3, 14),
            List.of(" ml", "ML", "bf"),
            List.of(" Santé maternelle "),
            List.of("Études"),
            List.of(new Page(1, "Première", "fr"), new Page(2, "", "fr", true), new Page(3, "Lue", "fr", true)),
            Set.of("public", "account:1"),
            true,
            LocalDate.of(2025, 1, 1),
            "work-1",
            "Cohort",
            new IndexableDocument.Classification(List.of("1F40"), List.of(), List.of(), List.of()),
            "set-1");

    @Test
    void filterFieldsHoldKeywordTermsAndFacetFieldsTheValuesTheFacetsCount() {
        ObjectNode json = DocumentJson.of(DOCUMENT, null);

        assertThat(texts(json.get(IndexSchema.TYPE))).containsExactly("rapport");
        assertThat(texts(json.get(IndexSchema.TOPIC))).containsExactly("sante maternelle");
        assertThat(texts(json.path(IndexDefinition.FACET).get(IndexSchema.TOPIC)))
                .containsExactly("Santé maternelle");
        assertThat(texts(json.get(IndexSchema.COUNTRY))).containsExactly("ml", "bf");
        assertThat(texts(json.path(IndexDefinition.FACET).get(IndexSchema.COUNTRY)))
                .containsExactly("ML", "BF");
        assertThat(texts(json.path(IndexDefinition.FACET).get(IndexSchema.YEAR)))
                .containsExactly("2021");
        assertThat(texts(json.get(IndexSchema.HEALTH))).containsExactly("1f40");
        assertThat(json.get(IndexSchema.DOI).asText()).isEqualTo("10.1000/abc");
        assertThat(json.path(IndexDefinition.DISPLAY).get(IndexSchema.DOI).asText())
                .isEqualTo("https://doi.org/10.1000/ABC");
    }

    @Test
    void visibilityAndTextFollowTheEmbeddedIndexRules() {
        ObjectNode json = DocumentJson.of(DOCUMENT, null);

        assertThat(texts(json.get(IndexSchema.AUDIENCE))).containsExactlyInAnyOrder("public", "account:1");
        assertThat(json.get(IndexSchema.SUPERSEDED).asText()).isEqualTo("true");
        assertThat(json.has(IndexSchema.TRANSLATIONS))
                .as("a superseded version leaves its set")
                .isFalse();
        assertThat(json.has(IndexSchema.ABSTRACT)).as("blank").isFalse();
        assertThat(texts(json.get(IndexSchema.AUTHORS))).containsExactly("Aïcha N'Diaye");
        assertThat(texts(json.get(IndexSchema.KEYWORDS))).containsExactly("Réanimation");
        assertThat(json.get(IndexSchema.PAGE_COUNT).asInt()).isEqualTo(3);
        assertThat(texts(json.get(IndexSchema.BODY))).containsExactly("Première", "", "Lue");
        JsonNode pages = json.get(IndexDefinition.PAGES);
        assertThat(pages.get(1).path(IndexSchema.PAGE_NUMBER).asInt()).isEqualTo(2);
        assertThat(pages.get(1).has(IndexSchema.PAGE_OCR))
                .as("OCR found nothing")
                .isFalse();
        assertThat(pages.get(2).path(IndexSchema.PAGE_OCR).asBoolean()).isTrue();
        assertThat(json.get(IndexSchema.DATE).asText()).isEqualTo("2021-03-14");
        assertThat(json.get(IndexSchema.REVIEW_DUE).asText()).isEqualTo("2025-01-01");
    }

    @Test
    void vectorsGoThereAndBackUnchanged() {
        DocumentVectors vectors = Documents.vectors(DOCUMENT, "model");

        DocumentVectors read =
                DocumentJson.vectors(DocumentJson.of(DOCUMENT, vectors)).orElseThrow();

        assertThat(read.model()).isEqualTo("model");
        assertThat(read.fingerprint()).isEqualTo(vectors.fingerprint());
        assertThat(read.document()).containsExactly(vectors.document());
        for (int i = 0; i < vectors.passages().size(); i++) {
            assertThat(read.passages().get(i))
                    .containsExactly(vectors.passages().get(i));
        }
        assertThat(DocumentJson.vectors(DocumentJson.of(DOCUMENT, null))).isEmpty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
