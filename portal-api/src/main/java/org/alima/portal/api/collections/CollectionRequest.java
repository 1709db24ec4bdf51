package org.alima.portal.api.collections;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.alima.portal.api.system.PlainText;

/**
 * A collection as a curator sends it, to create one (POST) or to replace one's texts and settings (PUT). Immutable;
 * null means "not given". A text that is blank counts as not given, as an empty field of a form means.
 *
 * @param slug required to create; on PUT, left out or the collection's own (it never changes)
 * @param visibility {@code public} or {@code private}; a new collection is private unless told otherwise, and PUT
 *     keeps the current one when left out
 * @param featured shown on the home page; false for a new collection, kept by PUT when left out
 * @param curatorIds accounts of curators or administrators who may edit the collection; on POST the creator is added
 *     to them, on PUT they replace the current curators (kept when left out)
 */
@Serdeable
record CollectionRequest(
        @Nullable @Pattern(regexp = Slug.PATTERN, message = Slug.RULE)
        String slug,

        @Nullable @Valid Title title,
        @Nullable @Valid Description description,

        @Nullable @Pattern(regexp = Visibility.PATTERN, message = "must be public or private")
        String visibility,

        @Nullable Boolean featured,

        @Nullable @Size(max = MAX_CURATORS, message = "must name at most " + MAX_CURATORS + " curators")
        List<
                        @NotNull(message = "must be an account id, not null")
                        @Pattern(regexp = UUID_PATTERN, message = UUID_RULE) String>
                curatorIds) {

    static final int MAX_CURATORS = 50;
    static final String UUID_PATTERN = "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String UUID_RULE = "must be an id such as 0b1e6f5c-2f6d-4c7e-9a57-2f1d3c4b5a69";

    /** The title: at least one language, checked by {@link Curation} since either may be the one given. */
    @Serdeable
    record Title(
            @Nullable @Size(max = 200, message = "must be at most 200 characters; shorten it") @PlainText
            String fr,

            @Nullable @Size(max = 200, message = "must be at most 200 characters; shorten it") @PlainText
            String en) {

        Localized text() {
            return new Localized(given(fr), given(en));
        }
    }

    @Serdeable
    record Description(
            @Nullable @Size(max = 5000, message = "must be at most 5000 characters; shorten it") @PlainText
            String fr,

            @Nullable @Size(max = 5000, message = "must be at most 5000 characters; shorten it") @PlainText
            String en) {

        Localized text() {
            return new Localized(given(fr), given(en));
        }
    }

    Localized titleText() {
        return title == null ? new Localized(null, null) : title.text();
    }

    Localized descriptionText() {
        return description == null ? new Localized(null, null) : description.text();
    }

    /** The text stripped of surrounding white space, or null when nothing is left. */
    static @Nullable String given(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
