package org.alima.portal.indexer.index;

import java.time.LocalDate;
import java.util.List;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.Page;

/**
 * Everything the index holds about one document: the portal's metadata and the text of its pages. Immutable.
 *
 * @param id stable identifier: the record id for JSON Lines records, the path relative to the indexed folder for files,
 *     the database id in the portal
 * @param source where the text came from (an absolute file path), or null for metadata-only records; used to rebuild
 * @param type document type (study, article, protocol, operating procedure, guideline, report, poster, thesis), or null
 * @param countries ISO 3166 alpha-2 codes
 */
public record IndexableDocument(
        String id,
        String source,
        String title,
        String abstractText,
        List<String> authors,
        List<String> keywords,
        String doi,
        String type,
        String language,
        LocalDate date,
        List<String> countries,
        List<String> topics,
        List<String> collections,
        List<Page> pages) {

    public IndexableDocument {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a document needs a non-blank id");
        }
        authors = authors == null ? List.of() : List.copyOf(authors);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        countries = countries == null ? List.of() : List.copyOf(countries);
        topics = topics == null ? List.of() : List.copyOf(topics);
        collections = collections == null ? List.of() : List.copyOf(collections);
        pages = pages == null ? List.of() : List.copyOf(pages);
    }

    /** A document built from a file's extracted text and metadata alone. */
    public static IndexableDocument fromExtraction(String id, String source, ExtractionResult.Extracted extracted) {
        var meta = extracted.metadata();
        return new IndexableDocument(
                id,
                source,
                meta.title(),
                meta.subject(),
                meta.authors(),
                meta.keywords(),
                meta.doi(),
                null,
                meta.language(),
                meta.created(),
                List.of(),
                List.of(),
                List.of(),
                extracted.pages());
    }
}
