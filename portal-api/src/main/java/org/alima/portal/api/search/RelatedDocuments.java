package org.alima.portal.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The documents most like one document, best first, without pages. Immutable; {@code hits} is present even when empty.
 *
 * @param id the document they are like
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record RelatedDocuments(String id, List<SearchResults.SearchHit> hits) {}
