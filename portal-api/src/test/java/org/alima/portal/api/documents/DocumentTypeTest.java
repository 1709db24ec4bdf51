package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DocumentTypeTest {

    @Test
    void spellsTheValidationPatternAndMessageFromTheEnumsOwnNames() {
        String names =
                Arrays.stream(DocumentType.values()).map(DocumentType::wireName).collect(Collectors.joining("|"));

        assertThat(DocumentType.PATTERN).isEqualTo(names);
        assertThat(DocumentType.NAMES).isEqualTo(names.replace("|", ", "));
    }

    @Test
    void readsItsWireName() {
        assertThat(DocumentType.fromWireName("operating_procedure")).isEqualTo(DocumentType.OPERATING_PROCEDURE);
    }
}
