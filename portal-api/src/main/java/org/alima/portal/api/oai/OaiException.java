package org.alima.portal.api.oai;

/**
 * A request that OAI-PMH answers with an error element (HTTP 200, as the protocol says): its code and a message that
 * says what was wrong and how to ask instead. Immutable.
 */
final class OaiException extends RuntimeException {

    private final OaiError error;

    OaiException(OaiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    OaiError error() {
        return error;
    }
}
