package org.alima.portal.api.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.files.SafeFileName;
import org.alima.portal.api.files.StoredFile;
import org.alima.portal.indexer.extract.Format;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexableDocument;
import org.junit.jupiter.api.Test;

class StoredDocumentTest {

    private static final ProcessingOutcome.MetadataFromFile FROM_FILE = new ProcessingOutcome.MetadataFromFile(
            "Title in the file", List.of("File Author"), List.of("file keyword"), "10.1000/from-file");
    private static final List<Page> PAGES = List.of(new Page(1, "text", "en"));

    @Test
    void fillsOnlyTheFieldsTheUploaderLeftEmptyOnFirstProcessing() {
        StoredDocument.Metadata given = new StoredDocument.Metadata(
                "Uploader's title", null, List.of(), List.of("malaria"), null, "protocol", null, null, List.of("ML"));

        IndexableDocument indexed = document(given, true).indexable(FROM_FILE, "fr", PAGES, List.of());

        assertThat(indexed.title()).isEqualTo("Uploader's title");
        assertThat(indexed.authors()).containsExactly("File Author");
        assertThat(indexed.topics()).containsExactly("malaria");
        assertThat(indexed.doi()).isEqualTo("10.1000/from-file");
        assertThat(indexed.language()).isEqualTo("fr");
    }

    @Test
    void leavesClearedFieldsEmptyWhenProcessingAgain() {
        StoredDocument.Metadata cleared =
                new StoredDocument.Metadata(null, null, List.of(), List.of(), null, null, null, null, List.of());

        IndexableDocument indexed = document(cleared, false).indexable(FROM_FILE, "fr", PAGES, List.of());

        assertThat(indexed.title()).isNull();
        assertThat(indexed.authors()).isEmpty();
        assertThat(indexed.language()).isNull();
    }

    @Test
    void indexesTopicsAsSearchableKeywordsAndAsAFacetUnderTheDocumentsId() {
        StoredDocument.Metadata given = new StoredDocument.Metadata(
                "T",
                "Abstract",
                List.of("A"),
                List.of("malaria", "children"),
                "10.1000/x",
                "study",
                "en",
                LocalDate.of(2021, 3, 4),
                List.of("NE"));
        StoredDocument document = document(given, false);

        IndexableDocument indexed =
                document.indexable(ProcessingOutcome.MetadataFromFile.none(), null, PAGES, List.of());

        assertThat(indexed.id()).isEqualTo(document.documentId().toString());
        assertThat(indexed.keywords()).containsExactly("malaria", "children");
        assertThat(indexed.topics()).containsExactly("malaria", "children");
        assertThat(indexed.collections()).isEmpty();
        assertThat(indexed.date()).isEqualTo(LocalDate.of(2021, 3, 4));
        assertThat(indexed.countries()).containsExactly("NE");
        assertThat(indexed.pages()).isEqualTo(PAGES);
    }

    private static StoredDocument document(StoredDocument.Metadata metadata, boolean fillFromFile) {
        UUID id = UUID.randomUUID();
        StoredFile file = new StoredFile(
                id, Path.of("/data/files/ab/abc"), "a".repeat(64), Format.PDF, 10, new SafeFileName("a.pdf"));
        return new StoredDocument(id, file, metadata, false, fillFromFile, Set.of(), false, null, id, null, null, null);
    }
}
