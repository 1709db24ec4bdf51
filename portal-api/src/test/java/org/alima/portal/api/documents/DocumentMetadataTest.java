package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentMetadataTest {

    private static final DocumentMetadata PROTOCOL = new DocumentMetadata(
            "Protocole MAS",
            null,
            List.of(new Author("Diallo, Aminata", null)),
            "2020-01-01",
            "protocol",
            "fr",
            List.of("ML"),
            List.of("malnutrition"),
            null,
            "CC BY 4.0",
            "draft",
            null);

    @Test
    void showsInSearchAsBeforeWhenOnlyLicenseStatusOrOrcidChanged() {
        DocumentMetadata changed = new DocumentMetadata(
                "Protocole MAS",
                null,
                List.of(new Author("Diallo, Aminata", "0000-0002-1825-0097")),
                "2020-01-01",
                "protocol",
                "fr",
                List.of("ML"),
                List.of("malnutrition"),
                null,
                "CC0",
                "published",
                null);

        assertThat(changed.showsInSearchAs(PROTOCOL)).isTrue();
    }

    @Test
    void showsDifferentlyInSearchWhenASearchedFieldChanged() {
        assertThat(PROTOCOL.patchedBy(patch("title", "Protocole MAS 2")).showsInSearchAs(PROTOCOL))
                .isFalse();
        assertThat(PROTOCOL.patchedBy(patch("topics", null)).showsInSearchAs(PROTOCOL))
                .isFalse();
    }

    private static DocumentMetadata patch(String field, String title) {
        return field.equals("title")
                ? new DocumentMetadata(title, null, null, null, null, null, null, null, null, null, null, null)
                : new DocumentMetadata(null, null, null, null, null, null, null, List.of(), null, null, null, null);
    }
}
