package org.alima.portal.api.usage;

/** What a counted request was: a view of a document's page, or a download of its file (whole or one page). */
public enum UsageKind {
    VIEW("view"),
    DOWNLOAD("download");

    private final String column;

    UsageKind(String column) {
        this.column = column;
    }

    /** Its value in {@code usage_counts.kind}. */
    String column() {
        return column;
    }

    static UsageKind ofColumn(String value) {
        return value.equals(VIEW.column) ? VIEW : DOWNLOAD;
    }
}
