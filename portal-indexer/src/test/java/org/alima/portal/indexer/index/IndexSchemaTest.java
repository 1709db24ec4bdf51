package org.alima.portal.indexer.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.alima.portal.indexer.extract.Page;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

class IndexSchemaTest {

    private static IndexableDocument document(List<Page> pages, List<String> keywords) {
        return IndexableDocument.published(
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
    void indexesTheDocumentThenOneStoredDocumentPerPageIncludingEmptyOnes() throws Exception {
        List<Document> block = IndexSchema.toDocuments(
                document(List.of(new Page(1, "a", "fr"), new Page(2, "", "fr"), new Page(3, "ccc", "fr")), List.of()),
                IndexSchema.facetsConfig());

        assertThat(block).hasSize(4);
        assertThat(block.getFirst().get(IndexSchema.ID)).isEqualTo("d1");
        assertThat(block.getFirst().getFields(IndexSchema.BODY)).hasSize(3);
        assertThat(block.subList(1, 4))
                .extracting(page -> page.get(IndexSchema.PAGE_TEXT))
                .containsExactly("a", "", "ccc");
        assertThat(block.subList(1, 4))
                .allSatisfy(page -> assertThat(page.get(IndexSchema.ID)).isNull());
        assertThat(IndexSchema.pageStarts(block.getFirst().getBinaryValue(IndexSchema.PAGE_LENGTHS)))
                .containsExactly(0, 2, 3);
    }

    @Test
    void refusesPagesThatAreNotNumberedOneByOne() {
        assertThatThrownBy(() -> IndexSchema.toDocuments(
                        document(List.of(new Page(1, "a", "fr"), new Page(3, "c", "fr")), List.of()),
                        IndexSchema.facetsConfig()))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("page 2 is followed by page 3");
    }

    @Test
    void refusesAKeywordLongerThanTheBound() {
        assertThatThrownBy(() -> IndexSchema.toDocuments(
                        document(List.of(), List.of("k".repeat(IndexSchema.MAX_KEYWORD_LENGTH + 1))),
                        IndexSchema.facetsConfig()))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("MAX_KEYWORD_LENGTH")
                .extracting(e -> ((InvalidDocumentException) e).documentId())
                .isEqualTo("d1");
    }

    @Test
    void putsAudiencesAndTheSupersededMarkOnTheDocumentAndNeverOnItsPages() throws Exception {
        IndexableDocument draft = new IndexableDocument(
                "d1",
                null,
                "Title",
                null,
                null,
                null,
                null,
                null,
                "fr",
                null,
                null,
                null,
                null,
                List.of(new Page(1, "a", "fr"), new Page(2, "b", "fr")),
                Set.of("account:A", "reviewers"),
                true);

        List<Document> block = IndexSchema.toDocuments(draft, IndexSchema.facetsConfig());

        assertThat(block.getFirst().getFields(IndexSchema.AUDIENCE))
                .extracting(IndexableField::stringValue)
                .containsExactlyInAnyOrder("account:A", "reviewers");
        assertThat(block.getFirst().get(IndexSchema.SUPERSEDED)).isEqualTo("true");
        assertThat(block.subList(1, 3)).allSatisfy(page -> {
            assertThat(page.getFields(IndexSchema.AUDIENCE)).isEmpty();
            assertThat(page.getFields(IndexSchema.SUPERSEDED)).isEmpty();
        });
    }

    @Test
    void marksNeitherSupersededNorAnyAudienceBeyondPublicOnAPublishedDocument() throws Exception {
        Document doc = IndexSchema.toDocuments(document(List.of(), List.of()), IndexSchema.facetsConfig())
                .getFirst();

        assertThat(doc.getValues(IndexSchema.AUDIENCE)).containsExactly(IndexableDocument.PUBLIC);
        assertThat(doc.getField(IndexSchema.SUPERSEDED)).isNull();
    }

    @Test
    void refusesAnAudienceLongerThanTheBound() {
        IndexableDocument document = document(List.of(), List.of());
        IndexableDocument tooLong = new IndexableDocument(
                document.id(),
                null,
                document.title(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Set.of("a".repeat(IndexSchema.MAX_KEYWORD_LENGTH + 1)),
                false);

        assertThatThrownBy(() -> IndexSchema.toDocuments(tooLong, IndexSchema.facetsConfig()))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("audience")
                .hasMessageContaining("MAX_KEYWORD_LENGTH");
    }
}
