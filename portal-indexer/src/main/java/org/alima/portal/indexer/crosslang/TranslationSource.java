package org.alima.portal.indexer.crosslang;

/**
 * Where a translation comes from; each is a resource of this package, described in its header and in the package
 * notes, and can be left out to measure what it brings.
 */
public enum TranslationSource {
    /** The French–English health and humanitarian term table written by the project ({@code terms-fr-en.tsv}). */
    CURATED("terms-fr-en.tsv"),
    /** Cognates made by French ↔ English suffix rules, kept only when the index holds the result. */
    COGNATES("cognate-suffixes-fr-en.tsv");

    private final String resource;

    TranslationSource(String resource) {
        this.resource = resource;
    }

    /** The file of this package that holds the source's data. */
    String resource() {
        return resource;
    }
}
