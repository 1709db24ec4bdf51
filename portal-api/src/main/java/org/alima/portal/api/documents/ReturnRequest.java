package org.alima.portal.api.documents;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.alima.portal.api.system.PlainText;

/** What a curator asks the owner of a returned document to change, shown to the owner beside it. Immutable. */
@Serdeable
record ReturnRequest(
        @NotBlank(message = "must say what the owner should change before submitting again")
        @Size(max = 2000, message = "must be at most 2000 characters")
        @PlainText
        String comment) {}
