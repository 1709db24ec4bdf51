package org.alima.portal.api.files;

import java.util.Locale;

/** The file formats the portal keeps, each recognised by its bytes; the database CHECK lists the same values. */
public enum StoredMediaType {
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    HTML("text/html"),
    MARKDOWN("text/markdown"),
    TEXT("text/plain");

    private final String value;

    StoredMediaType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The Content-Type to send the file with: the text formats are stored as UTF-8 (checked at upload). */
    public String contentType() {
        return this == PDF || this == DOCX ? value : value + "; charset=utf-8";
    }

    public static StoredMediaType of(String value) {
        for (StoredMediaType type : values()) {
            if (type.value.equals(value.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a stored media type: " + value);
    }
}
