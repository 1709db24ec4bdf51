package org.alima.portal.api.indexing;

import java.util.Locale;

/** What a job in {@code index_jobs} does; the table's CHECK lists the same values. */
enum JobKind {
    /** Check, extract and index a newly stored file, filling the fields its uploader left empty. */
    INGEST,
    /** Extract the file again and index it with the document's current metadata, after an edit. */
    REINDEX,
    /** Take the document out of search, after a withdrawal or a deletion. */
    UNINDEX;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobKind of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
