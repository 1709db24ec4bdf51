package org.alima.portal.api.oai;

/** The error codes of OAI-PMH 2.0 (section 3.6), as the portal raises them. */
enum OaiError {
    BAD_ARGUMENT("badArgument"),
    BAD_RESUMPTION_TOKEN("badResumptionToken"),
    BAD_VERB("badVerb"),
    CANNOT_DISSEMINATE_FORMAT("cannotDisseminateFormat"),
    ID_DOES_NOT_EXIST("idDoesNotExist"),
    NO_RECORDS_MATCH("noRecordsMatch");

    private final String code;

    OaiError(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    /**
     * Whether the answer's {@code request} element must leave out the request's arguments: for a bad verb or bad
     * arguments, the specification (3.2) lets it carry the base URL only.
     */
    boolean hidesArguments() {
        return this == BAD_ARGUMENT || this == BAD_VERB;
    }
}
