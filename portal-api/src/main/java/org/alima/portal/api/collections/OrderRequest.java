package org.alima.portal.api.collections;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The collection's documents in their new order: each of its items exactly once. Immutable. */
// @Nullable beside @NotNull: a field left out reaches validation, whose @NotNull names it in a 400, rather than failing
// the JSON binding with a less precise answer.
@SuppressWarnings("MultipleNullnessAnnotations")
@Serdeable
record OrderRequest(
        @Nullable
        @NotNull(message = "is required: the ids of the collection's documents in their new order")
        @Size(
                max = Curation.MAX_ITEMS,
                message = "must list at most " + Curation.MAX_ITEMS + " documents, the most a collection holds")
        List<
                        @NotNull(message = "must be a document id, not null")
                        @Pattern(regexp = CollectionRequest.UUID_PATTERN, message = CollectionRequest.UUID_RULE) String>
                documentIds) {}
