package org.alima.portal.api.oai;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A document as harvesters see it. Immutable.
 *
 * @param datestamp when it last changed as harvesters see it (metadata, publication state, sets), to the microsecond
 * @param deleted withdrawn, or deleted (then only the id, datestamp, type and former collections are known)
 * @param type the document type's name (e.g. {@code operating_procedure}), or null
 * @param formerCollections deleted documents only: the slugs of the collections that held it, private ones included
 * @param metadata null for a deleted record
 */
public record HarvestedRecord(
        UUID id,
        Instant datestamp,
        boolean deleted,
        @Nullable String type,
        List<String> formerCollections,
        @Nullable Metadata metadata) {

    /**
     * The descriptive metadata of a published document.
     *
     * @param publicationDate YYYY-MM-DD, or null
     * @param language ISO 639-1, or null
     * @param countries ISO 3166-1 alpha-2
     * @param doi without its resolver, e.g. {@code 10.1371/journal.pmed.1002134}
     * @param fileFormat the stored file's format ({@code pdf}, {@code docx}, {@code html}, {@code markdown},
     *     {@code text}), or null
     * @param publishedAt when it was (last) published
     * @param design the study design's code, or null
     * @param health codes of ICD-11 chapters ({@code HealthTopic}); populations, settings and interventions likewise
     *     hold codes of their vocabularies (their free text is not harvested)
     */
    public record Metadata(
            @Nullable String title,
            @Nullable String abstractText,
            List<Author> authors,
            @Nullable String publicationDate,
            @Nullable String language,
            List<String> countries,
            List<String> topics,
            @Nullable String doi,
            @Nullable String license,
            @Nullable String fileFormat,
            @Nullable Instant publishedAt,
            @Nullable String design,
            List<String> health,
            List<String> populations,
            List<String> settings,
            List<String> interventions) {}

    /** @param orcid the 16-character ORCID iD, or null */
    public record Author(String name, @Nullable String orcid) {}
}
