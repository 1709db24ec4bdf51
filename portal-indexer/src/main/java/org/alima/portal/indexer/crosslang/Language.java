package org.alima.portal.indexer.crosslang;

import java.util.Locale;
import java.util.Optional;

/** The two languages the portal translates queries between. */
public enum Language {
    FRENCH("fr"),
    ENGLISH("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** ISO 639-1 code, as documents and requests carry it. */
    public String code() {
        return code;
    }

    /** The language queries in this one are translated into. */
    public Language other() {
        return this == FRENCH ? ENGLISH : FRENCH;
    }

    /** The language of an ISO 639-1 code ("fr", "EN", "fr-CA"); empty for null, blank or any other language. */
    public static Optional<Language> ofCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String primary = code.strip().toLowerCase(Locale.ROOT);
        int dash = primary.indexOf('-');
        if (dash > 0) {
            primary = primary.substring(0, dash);
        }
        for (Language language : values()) {
            if (language.code.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
