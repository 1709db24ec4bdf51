package org.alima.portal.api.documents;

import java.util.Arrays;
import java.util.Optional;

/** The citation formats a document can be exported in, with the media type each is served as. */
enum CitationFormat {
    BIBTEX("bibtex", "application/x-bibtex; charset=utf-8", "bib"),
    RIS("ris", "application/x-research-info-systems; charset=utf-8", "ris"),
    CSL_JSON("csl-json", "application/vnd.citationstyles.csl+json; charset=utf-8", "json");

    static final String NAMES = "bibtex, ris, csl-json";

    private final String wireName;
    private final String mediaType;
    private final String extension;

    CitationFormat(String wireName, String mediaType, String extension) {
        this.wireName = wireName;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String wireName() {
        return wireName;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    static Optional<CitationFormat> of(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
