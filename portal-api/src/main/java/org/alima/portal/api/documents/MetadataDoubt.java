package org.alima.portal.api.documents;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.indexer.extract.MetadataDoubts;

/**
 * A value read from a document's file that the portal found doubtful when it filled it in, shown to the contributor
 * and the curators until the field no longer holds it or someone confirms it. Immutable.
 *
 * @param field {@code title} or {@code authors}
 * @param value the doubtful value: the title, or one author's name
 * @param reason why, as {@link MetadataDoubts.Reason#code()} names it: {@code file-name}, {@code generic-word},
 *     {@code all-capitals}, {@code email-local-part} or {@code user-name}
 */
@Serdeable
record MetadataDoubt(String field, String value, String reason) {

    /** The fields a doubt may concern: those a file may fill with a name of its own. */
    static final List<String> FIELDS = List.of("title", "authors");

    /** What {@link MetadataDoubts} finds doubtful in a title and authors about to be filled from a file. */
    static List<MetadataDoubt> of(String title, List<String> authors) {
        List<MetadataDoubt> doubts = new ArrayList<>();
        MetadataDoubts.ofTitle(title).ifPresent(reason -> doubts.add(new MetadataDoubt("title", title, reason.code())));
        for (String author : authors) {
            MetadataDoubts.ofAuthor(author)
                    .ifPresent(reason -> doubts.add(new MetadataDoubt("authors", author, reason.code())));
        }
        return doubts;
    }

    /** Whether {@code metadata} still holds the doubtful value. */
    boolean standsIn(DocumentMetadata metadata) {
        return switch (field) {
            case "title" -> value.equals(metadata.title());
            case "authors" -> metadata.authorList().stream().anyMatch(author -> value.equals(author.name()));
            default -> false;
        };
    }
}
