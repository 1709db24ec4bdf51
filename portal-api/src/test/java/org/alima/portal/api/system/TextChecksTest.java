package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextChecksTest {

    @Test
    void acceptsTextWithAccentsEmojiTabsAndLineBreaks() {
        assertThat(TextChecks.firstProblem("Étude\tmulticentrique 😀\r\nfin")).isNull();
    }

    @Test
    void namesTheNulCharacterAndItsPosition() {
        assertThat(TextChecks.firstProblem("ab\u0000")).contains("NUL").contains("position 2");
    }

    @Test
    void namesOtherControlCharacters() {
        assertThat(TextChecks.firstProblem("a\u001bb")).contains("U+001B");
    }

    @Test
    void namesUnpairedSurrogatesEitherWay() {
        assertThat(TextChecks.firstProblem("a\uD800")).contains("surrogate");
        assertThat(TextChecks.firstProblem("a\uDC00b")).contains("surrogate");
        assertThat(TextChecks.firstProblem("\uD800\uD800\uDC00")).contains("position 0");
    }
}
