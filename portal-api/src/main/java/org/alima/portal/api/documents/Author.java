package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.alima.portal.api.system.PlainText;

/**
 * One author in byline order, immutable.
 *
 * @param name as it should appear in a citation, e.g. "Diallo, Aminata" or "Médecins Sans Frontières"
 * @param orcid the 16-character ORCID iD ({@code 0000-0002-1825-0097}), checksum verified, or null
 */
@Serdeable
record Author(
        @NotBlank(message = "must not be blank; give the author's name")
        @Size(max = 300, message = "must be at most 300 characters")
        @PlainText
        String name,

        @Nullable @Orcid String orcid) {}
