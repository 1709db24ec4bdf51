package org.alima.portal.api.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.alima.portal.indexer.extract.DocumentMetadata;
import org.junit.jupiter.api.Test;

class FileMetadataTest {

    @Test
    void keepsOnlyWhatTheApiWouldAcceptFromAPerson() {
        DocumentMetadata found = new DocumentMetadata(
                "  Prise en charge\u0007 de la MAS ",
                List.of("Diallo, Aminata", " ", "x".repeat(301), "Diallo, Aminata"),
                null,
                List.of("malnutrition", "y".repeat(201)),
                "doi.org/not-a-doi",
                "fr",
                null,
                null);

        ProcessingOutcome.MetadataFromFile kept = FileMetadata.of(found);

        assertThat(kept.title()).isEqualTo("Prise en charge de la MAS");
        assertThat(kept.authors()).containsExactly("Diallo, Aminata");
        assertThat(kept.keywords()).containsExactly("malnutrition");
        assertThat(kept.doi()).isNull();
    }

    @Test
    void cutsALongTitleWithoutSplittingASurrogatePair() {
        String title = "a".repeat(999) + "\uD83D\uDE00" + "tail";

        String kept = FileMetadata.of(new DocumentMetadata(title, null, null, null, null, null, null, null))
                .title();

        assertThat(kept).hasSize(999);
    }

    @Test
    void keepsAWellFormedDoiAndATwoLetterLanguage() {
        assertThat(FileMetadata.of(new DocumentMetadata(
                                null, null, null, null, "10.1371/journal.pmed.1002134", null, null, null))
                        .doi())
                .isEqualTo("10.1371/journal.pmed.1002134");
        assertThat(FileMetadata.language("FR")).isEqualTo("fr");
        assertThat(FileMetadata.language("fra")).isNull();
        assertThat(FileMetadata.language(null)).isNull();
    }
}
