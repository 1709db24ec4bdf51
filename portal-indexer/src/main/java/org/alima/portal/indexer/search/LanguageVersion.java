package org.alima.portal.indexer.search;

/**
 * Another language version of a hit's work, which a reader may switch to. Immutable.
 *
 * @param language ISO 639-1, as the document's language facet holds it
 * @param title null when the document has none
 */
public record LanguageVersion(String id, String language, String title) {}
