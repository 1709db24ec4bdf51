package org.alima.portal.indexer.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexableDocumentTest {

    private static IndexableDocument withAudiences(Set<String> audiences) {
        return new IndexableDocument(
                "d1", null, null, null, null, null, null, null, null, null, null, null, null, null, audiences, false);
    }

    @Test
    void aPublishedDocumentIsPublicAndCurrent() {
        IndexableDocument published = IndexableDocument.published(
                "d1", null, "Title", null, null, null, null, null, null, null, null, null, null, null);

        assertThat(published.audiences()).containsExactly(IndexableDocument.PUBLIC);
        assertThat(published.superseded()).isFalse();
    }

    @Test
    void refusesMissingAudiencesRatherThanGuessingThem() {
        assertThatThrownBy(() -> withAudiences(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d1")
                .hasMessageContaining("Set.of(\"public\")");
    }

    @Test
    void refusesABlankAudience() {
        Set<String> audiences = new HashSet<>();
        audiences.add(" ");

        assertThatThrownBy(() -> withAudiences(audiences))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank audience");
    }

    @Test
    void keepsNoAudienceForADocumentOnlyCuratorsFind() {
        assertThat(withAudiences(Set.of()).audiences()).isEmpty();
    }
}
