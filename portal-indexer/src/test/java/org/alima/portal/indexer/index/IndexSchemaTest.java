package org.alima.portal.indexer.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alima.portal.indexer.extract.Page;
import org.apache.lucene.document.Document;
import org.junit.jupiter.api.Test;

class IndexSchemaTest {

    private static IndexableDocument document(List<Page> pages, List<String> keywords) {
        return new IndexableDocument(
                "d1", null, "Title", null, null, keywords, null, null, "fr", null, null, null, null, pages);
    }

    @Test
    void foldsKeywordValuesForFilters() {
        assertThat(IndexSchema.keywordTerm("  Épicentre ")).isEqualTo("epicentre");
        assertThat(IndexSchema.keywordTerm("Côte d'Ivoire")).isEqualTo("cote d'ivoire");
    }

    @Test
    void normalisesDoisWhateverTheirResolver() {
        assertThat(IndexSchema.doiTerm("https://doi.org/10.1000/ABC")).isEqualTo("10.1000/abc");
        assertThat(IndexSchema.doiTerm("doi:10.1000/ABC")).isEqualTo("10.1000/abc");
        assertThat(IndexSchema.doiTerm("10.1000/abc")).isEqualTo("10.1000/abc");
    }

    @Test
    void storesOneBodyValuePerPageIncludingEmptyOnes() throws Exception {
        Document doc = IndexSchema.toDocument(
                document(
                        List.of(new Page(1, "a", "fr"), new Page(2, "", "fr"), new Page(3, "c\u0000d", "fr")),
                        List.of()),
                IndexSchema.facetsConfig());

        assertThat(doc.getValues(IndexSchema.BODY)).containsExactly("a", "", "c d");
        assertThat(doc.getField(IndexSchema.PAGE_COUNT).numericValue()).isEqualTo(3L);
    }

    @Test
    void refusesPagesThatAreNotNumberedOneByOne() {
        assertThatThrownBy(() -> IndexSchema.toDocument(
                        document(List.of(new Page(1, "a", "fr"), new Page(3, "c", "fr")), List.of()),
                        IndexSchema.facetsConfig()))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("page 2 is followed by page 3");
    }

    @Test
    void refusesAKeywordLongerThanTheBound() {
        assertThatThrownBy(() -> IndexSchema.toDocument(
                        document(List.of(), List.of("k".repeat(IndexSchema.MAX_KEYWORD_LENGTH + 1))),
                        IndexSchema.facetsConfig()))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("MAX_KEYWORD_LENGTH")
                .extracting(e -> ((InvalidDocumentException) e).documentId())
                .isEqualTo("d1");
    }
}
