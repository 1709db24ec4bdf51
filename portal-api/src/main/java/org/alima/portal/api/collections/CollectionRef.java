package org.alima.portal.api.collections;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A collection named on a document's record: {@code {"slug", "title": {"fr", "en"}}}. Immutable.
 *
 * @param slug the collection's address: {@code /api/collections/{slug}}, {@code /api/search?collection={slug}}
 */
@Serdeable
public record CollectionRef(String slug, Localized title) {}
