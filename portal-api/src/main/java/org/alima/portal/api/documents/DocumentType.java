package org.alima.portal.api.documents;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The fixed list of document types, as named in the API and the database. */
enum DocumentType {
    STUDY,
    ARTICLE,
    PROTOCOL,
    OPERATING_PROCEDURE,
    GUIDELINE,
    REPORT,
    POSTER,
    THESIS;

    /** The names accepted by the API, as a regular expression for bean validation. */
    static final String PATTERN = "study|article|protocol|operating_procedure|guideline|report|poster|thesis";

    static final String LIST =
            Arrays.stream(values()).map(DocumentType::wireName).collect(Collectors.joining(", "));

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static DocumentType fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
