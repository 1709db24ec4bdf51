package org.alima.portal.api.system;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One invalid input field of a request, immutable.
 *
 * @param field the field as the client named it: a JSON property ({@code title}, {@code authors[2].orcid}), a query
 *     parameter or a multipart part
 * @param message what is wrong and how to fix it
 */
@Serdeable
public record FieldError(String field, String message) {}
