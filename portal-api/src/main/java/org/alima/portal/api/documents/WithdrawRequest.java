package org.alima.portal.api.documents;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.alima.portal.api.system.PlainText;

/** Why a document is withdrawn, shown to readers beside it. Immutable. */
@Serdeable
record WithdrawRequest(
        @NotBlank(message = "must say why the document is withdrawn")
        @Size(max = 2000, message = "must be at most 2000 characters")
        @PlainText
        String reason) {}
