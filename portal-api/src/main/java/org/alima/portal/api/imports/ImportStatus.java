package org.alima.portal.api.imports;

import java.util.Locale;

/** The status the imported documents are given; the workflow's own steps take them there. */
public enum ImportStatus {
    DRAFT,
    SUBMITTED,
    PUBLISHED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the values allowed
     */
    static ImportStatus of(String value) {
        for (ImportStatus status : values()) {
            if (status.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return status;
            }
        }
        throw new IllegalArgumentException("--status must be draft, submitted or published, not \"" + value + "\"");
    }
}
