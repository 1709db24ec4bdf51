package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;

/** Which documents a list shows; a null field does not filter. Immutable. */
record DocumentFilter(
        @Nullable String type,
        @Nullable String language,
        @Nullable String country,
        @Nullable Integer year) {}
