package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void encodesTheNameInUtf8WithAnAsciiFallback() {
        assertThat(ContentDisposition.attachment("Étude 100%.pdf"))
                .isEqualTo("attachment; filename=\"_tude 100_.pdf\"; filename*=UTF-8''%C3%89tude%20100%25.pdf");
    }

    @Test
    void neverLetsAQuoteOrBackslashCloseTheFallback() {
        assertThat(ContentDisposition.attachment("a\"b\\c.txt")).startsWith("attachment; filename=\"a_b_c.txt\";");
    }

    @Test
    void leavesRfc8187AttributeCharactersAsTheyAre() {
        assertThat(ContentDisposition.encode("a-b_c.d~e!f#g$h&i+j^k`l|m")).isEqualTo("a-b_c.d~e!f#g$h&i+j^k`l|m");
    }

    @Test
    void namesAnInlineFileTheSameWay() {
        assertThat(ContentDisposition.inline("Étude.pdf"))
                .isEqualTo("inline; filename=\"_tude.pdf\"; filename*=UTF-8''%C3%89tude.pdf");
    }
}
