package org.alima.portal.api.documents;

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

    /** The names accepted by the API, as a regular expression for bean validation (a constant, as annotations need). */
    static final String PATTERN = "study|article|protocol|operating_procedure|guideline|report|poster|thesis";

    /** The same names as a sentence, for messages. */
    static final String NAMES = "study, article, protocol, operating_procedure, guideline, report, poster, thesis";

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static DocumentType fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
