package org.alima.portal.indexer.extract;

import java.nio.file.Path;

/**
 * The document formats the extractor reads, each with its media type. Decided once per file by {@link FormatSniffer}
 * (portal-api stores the decision with the file and extracts it with {@link DocumentExtractor#extract(Path, Format)}).
 */
public enum Format {
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    HTML("text/html"),
    MARKDOWN("text/markdown"),
    TEXT("text/plain");

    private final String mediaType;

    Format(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether the format is text that the extractor decodes (HTML, Markdown, plain text), not a binary container. */
    public boolean isText() {
        return this == HTML || this == MARKDOWN || this == TEXT;
    }
}
