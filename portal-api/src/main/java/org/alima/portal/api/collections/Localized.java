package org.alima.portal.api.collections;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A text in French and in English, as the API shows it: {@code {"fr": …, "en": …}}, a language without a text being
 * null. Immutable.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Localized(@Nullable String fr, @Nullable String en) {}
