package org.alima.portal.api.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of the document list, newest first. Immutable. An empty page still carries its (empty) {@code items}.
 *
 * @param page 1-based number of this page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DocumentPage(List<DocumentResponse> items, int page, int size, long totalItems, long totalPages) {}
