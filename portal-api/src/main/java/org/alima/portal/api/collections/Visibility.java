package org.alima.portal.api.collections;

import java.util.Locale;

/** Who may know that a collection exists: everyone, or only curators and administrators. */
enum Visibility {
    PUBLIC,
    PRIVATE;

    static final String PATTERN = "public|private";

    /** The name used in JSON and in the database: {@code public}. */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Visibility of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
