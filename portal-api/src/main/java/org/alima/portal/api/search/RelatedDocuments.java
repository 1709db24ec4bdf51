package org.alima.portal.api.search;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The documents most like one document, best first, without pages. Immutable.
 *
 * @param id the document they are like
 */
@Serdeable
record RelatedDocuments(String id, List<SearchResults.SearchHit> hits) {}
