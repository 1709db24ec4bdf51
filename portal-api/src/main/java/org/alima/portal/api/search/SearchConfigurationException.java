package org.alima.portal.api.search;

/**
 * The configuration of the search engine is unusable (a malformed {@code PORTAL_SEARCH_URL}, an engine this build
 * lacks); the message names the setting and what to do. Thrown at startup, so that the portal does not run half
 * configured.
 */
final class SearchConfigurationException extends RuntimeException {

    SearchConfigurationException(String message) {
        super(message);
    }
}
