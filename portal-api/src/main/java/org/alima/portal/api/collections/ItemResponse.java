package org.alima.portal.api.collections;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A document in a collection, as one viewer sees the collection. Immutable.
 *
 * @param position 1 for the first item this viewer sees, then 2, 3… in the curators' order
 * @param note the curators' note, or null
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ItemResponse(int position, @Nullable String note, DocumentSummary document) {

    /**
     * What a collection's page shows of a document; the whole record is at {@code /api/documents/{id}}.
     *
     * @param authors in byline order, as in the document's record: {@code {"name", "orcid"}}
     * @param publicationDate YYYY-MM-DD
     * @param status draft, submitted, published or withdrawn
     * @param reviewOverdueSince as in the document's record: for a procedure whose review is overdue, the review-due
     *     date it passed (YYYY-MM-DD); null otherwise
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DocumentSummary(
            String id,
            @Nullable String title,
            List<Author> authors,
            @Nullable String type,
            @Nullable String language,
            @Nullable String publicationDate,
            String status,
            @Nullable String reviewOverdueSince) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Author(String name, @Nullable String orcid) {}
}
