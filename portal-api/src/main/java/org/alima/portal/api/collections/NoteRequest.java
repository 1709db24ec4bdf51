package org.alima.portal.api.collections;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import org.alima.portal.api.system.PlainText;

/** The new note of an item; null or blank removes it. Immutable. */
@Serdeable
record NoteRequest(
        @Nullable
        @Size(
                max = ItemRequest.MAX_NOTE,
                message = "must be at most " + ItemRequest.MAX_NOTE + " characters; shorten it")
        @PlainText
        String note) {}
