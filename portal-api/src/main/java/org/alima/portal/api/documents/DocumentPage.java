package org.alima.portal.api.documents;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of the document list, newest first. Immutable.
 *
 * @param page 1-based number of this page
 */
@Serdeable
record DocumentPage(List<DocumentResponse> items, int page, int size, long totalItems, long totalPages) {}
