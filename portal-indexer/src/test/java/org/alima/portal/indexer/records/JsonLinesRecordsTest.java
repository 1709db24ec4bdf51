package org.alima.portal.indexer.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.alima.portal.indexer.index.IndexableDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesRecordsTest {

    @TempDir
    Path dir;

    @Test
    void readsPortalAndBeirRecordsAsOnePageDocuments() throws IOException {
        Path file = Files.writeString(dir.resolve("records.jsonl"), """
                {"id": "a1", "title": "Paludisme grave", "text": "Le traitement de l'enfant.", "authors": ["A. Diallo", "B. Traoré"], "year": 2019, "countries": "ML;BF"}

                {"_id": "4983", "title": "White matter", "text": "Diffusion tensor imaging.", "date": "2001-05-03T00:00:00Z"}
                """);
        List<IndexableDocument> docs;
        try (Stream<IndexableDocument> records = JsonLinesRecords.read(file, text -> "fr")) {
            docs = records.toList();
        }
        assertThat(docs).extracting(IndexableDocument::id).containsExactly("a1", "4983");
        IndexableDocument first = docs.get(0);
        assertThat(first.authors()).containsExactly("A. Diallo", "B. Traoré");
        assertThat(first.countries()).containsExactly("ML", "BF");
        assertThat(first.date()).isEqualTo(LocalDate.of(2019, 1, 1));
        assertThat(first.language()).isEqualTo("fr");
        assertThat(first.pages()).singleElement().satisfies(page -> {
            assertThat(page.number()).isEqualTo(1);
            assertThat(page.text()).isEqualTo("Le traitement de l'enfant.");
        });
        assertThat(docs.get(1).date()).isEqualTo(LocalDate.of(2001, 5, 3));
    }

    @Test
    void namesTheLineOfARecordWithoutId() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": \"ok\"}\n{\"title\": \"no id\"}\n");
        assertThatThrownBy(() -> {
                    try (Stream<IndexableDocument> records = JsonLinesRecords.read(file, text -> null)) {
                        records.toList();
                    }
                })
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("bad.jsonl:2")
                .hasMessageContaining("needs one");
    }

    @Test
    void namesTheLineOfInvalidJson() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.jsonl"), "{\"id\": \"x\", \n");
        assertThatThrownBy(() -> {
                    try (Stream<IndexableDocument> records = JsonLinesRecords.read(file, text -> null)) {
                        records.toList();
                    }
                })
                .hasMessageContaining("broken.jsonl:1")
                .hasMessageContaining("not valid JSON");
    }
}
