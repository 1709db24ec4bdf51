package org.alima.portal.api.documents;

import java.util.Locale;

/**
 * Where a document stands on the road to readers; the table's CHECK lists the same values.
 *
 * <pre>
 *   upload ─▶ DRAFT ──submit──▶ SUBMITTED ──publish──▶ PUBLISHED ──withdraw──▶ WITHDRAWN
 *               ▲  └──────────publish (curator)────────────▲
 *               └──────return (with a comment)── SUBMITTED
 * </pre>
 */
enum DocumentStatus {
    /** Being written by its owner (or returned to them by a curator); seen only by its owner and curators. */
    DRAFT,
    /** Waiting for a curator's review; seen only by its owner and curators. */
    SUBMITTED,
    /** Seen by everyone, found by search. */
    PUBLISHED,
    /** Taken back with a reason: its page stays for everyone, its file only for its owner and curators. */
    WITHDRAWN;

    static final String PATTERN = "draft|submitted|published|withdrawn";

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DocumentStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether everyone, anonymous readers included, may read the document's page. */
    boolean isPublic() {
        return this == PUBLISHED || this == WITHDRAWN;
    }
}
