package org.alima.portal.api.collections;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A collection named on a document's record: {@code {"slug", "title": {"fr", "en"}}}. Immutable.
 *
 * @param slug the collection's address: {@code /api/collections/{slug}}, {@code /api/search?collection={slug}}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CollectionRef(String slug, Localized title) {}
