package org.alima.portal.api.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.system.PlainText;

/**
 * The body of {@code POST /api/account/saved-searches} (a new saved search: {@code name} required) and of {@code PATCH
 * /api/account/saved-searches/{id}} (what changes; a field left out stays as it is). The owner is always the caller.
 *
 * @param q the words, as the search takes them; empty: every document that passes the filters
 * @param filters the search's filters, each a list of alternatives: {@code type}, {@code language}, {@code country},
 *     {@code topic}, {@code collection}
 * @param frequency e-mail digests: {@code none} (the default), {@code daily} or {@code weekly}
 * @param language the language of the digests, {@code fr} or {@code en}; the caller's Accept-Language when left out
 */
@Serdeable
record SavedSearchRequest(
        @Nullable
        @NotBlank(message = "must not be blank: a name to recognise the search by, e.g. 'Malaria in Mali'")
        @Size(max = SavedSearches.MAX_NAME, message = "must be at most " + SavedSearches.MAX_NAME + " characters")
        @PlainText
        String name,

        @Nullable
        @Size(max = SavedSearches.MAX_QUERY, message = "must be at most " + SavedSearches.MAX_QUERY + " characters")
        @PlainText
        String q,

        @Nullable Map<String, List<String>> filters,

        @Nullable @Pattern(regexp = Frequency.PATTERN, message = Frequency.MESSAGE)
        String frequency,

        @Nullable @Pattern(regexp = "fr|en", message = "must be fr or en")
        String language) {}
