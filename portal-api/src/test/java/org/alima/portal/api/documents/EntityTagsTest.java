package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void matchesTheSameTagAWeakOneAListAndTheWildcard() {
        assertThat(EntityTags.matches("\"abc\"", "\"abc\"")).isTrue();
        assertThat(EntityTags.matches("W/\"abc\"", "\"abc\"")).isTrue();
        assertThat(EntityTags.matches("\"x\", \"abc\"", "\"abc\"")).isTrue();
        assertThat(EntityTags.matches("*", "\"abc\"")).isTrue();
    }

    @Test
    void doesNotMatchAnotherTag() {
        assertThat(EntityTags.matches("\"abd\"", "\"abc\"")).isFalse();
        assertThat(EntityTags.matches("abc", "\"abc\"")).isFalse();
    }
}
