package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationTest {

    @Test
    void escapesEveryBibtexSpecialCharacter() {
        assertThat(Citation.bibtexEscape("{a}\\b#c$d%e&f_g~h^i"))
                .isEqualTo("\\{a\\}\\textbackslash{}b\\#c\\$d\\%e\\&f\\_g\\textasciitilde{}h\\textasciicircum{}i");
    }

    @Test
    void keepsABibtexValueOnOneLine() {
        assertThat(Citation.bibtexEscape("first line\r\n  second")).isEqualTo("first line second");
    }
}
