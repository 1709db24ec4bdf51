package org.alima.portal.api.indexing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.files.StoredFile;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexableDocument;

/**
 * A document as handed to a {@link DocumentProcessor}: its stored file and its metadata as PostgreSQL holds them when
 * processing starts. Immutable.
 *
 * @param file the bytes must still have the SHA-256 and format recorded here
 * @param withdrawn a withdrawn document is processed (its file read and checked) but kept out of search
 * @param fillFromFile true for the first processing of an upload: the fields its uploader left empty are filled from
 *     the file's own metadata; false afterwards, so that a field a person cleared stays cleared
 * @param audiences who may find it in search (see {@link Audiences}); empty: only curators
 * @param superseded whether a newer version of it is published, which hides it from search unless asked for
 * @param work the first version of the document's chain of versions (its own id when it is the first), shared by all
 *     its versions so that related documents leave them out
 * @param design the study design a person confirmed, as its code; null when none (a suggestion is not indexed)
 * @param classification the codes of the humanitarian vocabularies a person gave (their free text is not indexed)
 * @param translations the translation set of its work (V24's {@code work_translations}): the works that are one work in
 *     several languages share it, and search shows them as one hit; null when its work has no translation
 */
public record StoredDocument(
        UUID documentId,
        StoredFile file,
        Metadata metadata,
        boolean withdrawn,
        boolean fillFromFile,
        Set<String> audiences,
        boolean superseded,
        LocalDate reviewDue,
        UUID work,
        String design,
        IndexableDocument.Classification classification,
        UUID translations) {

    public StoredDocument {
        audiences = Set.copyOf(audiences);
        classification = classification == null ? IndexableDocument.Classification.NONE : classification;
        Objects.requireNonNull(work, "work");
    }

    /**
     * The document as the search index holds it: this metadata, filled from the file when {@link #fillFromFile}, and
     * the pages of text extracted from the file, found by its {@link #audiences} (latest versions only, unless
     * {@link #superseded} ones are asked for). The portal's topics are its keywords: searched as text and counted as
     * a facet.
     *
     * @param collections the slugs of the collections holding the document
     */
    IndexableDocument indexable(
            ProcessingOutcome.MetadataFromFile fromFile,
            String detectedLanguage,
            List<Page> pages,
            List<String> collections) {
        Metadata shown = shown(fromFile, detectedLanguage);
        return new IndexableDocument(
                documentId.toString(),
                file.path().toString(),
                shown.title(),
                shown.abstractText(),
                shown.authors(),
                shown.topics(),
                shown.doi(),
                shown.type(),
                shown.language(),
                shown.publicationDate(),
                shown.countries(),
                shown.topics(),
                collections,
                pages,
                audiences,
                superseded,
                reviewDue,
                work.toString(),
                design,
                classification,
                translations == null ? null : translations.toString());
    }

    /**
     * The metadata as search shows it and PostgreSQL keeps it once processed: filled from the file when {@link
     * #fillFromFile}, as it stands otherwise.
     */
    Metadata shown(ProcessingOutcome.MetadataFromFile fromFile, String detectedLanguage) {
        return fillFromFile ? metadata.filledFrom(fromFile, detectedLanguage) : metadata;
    }

    /**
     * The descriptive metadata that search shows and filters on. Immutable; null and empty mean "not given".
     *
     * @param authors names in byline order
     * @param type one of the portal's document types, e.g. {@code operating_procedure}
     * @param language ISO 639-1
     * @param countries ISO 3166-1 alpha-2, upper case
     */
    public record Metadata(
            String title,
            String abstractText,
            List<String> authors,
            List<String> topics,
            String doi,
            String type,
            String language,
            LocalDate publicationDate,
            List<String> countries) {

        public Metadata {
            authors = authors == null ? List.of() : List.copyOf(authors);
            topics = topics == null ? List.of() : List.copyOf(topics);
            countries = countries == null ? List.of() : List.copyOf(countries);
        }

        /**
         * This metadata with its empty fields filled from the file: the one rule of what a file may fill, for the
         * index and for PostgreSQL ({@link IndexedDocuments#fillEmptyFields} stores its result), so that the index
         * shows what PostgreSQL will hold. Metadata that people wrote always wins over what a file claims.
         */
        Metadata filledFrom(ProcessingOutcome.MetadataFromFile file, String detectedLanguage) {
            return new Metadata(
                    title != null ? title : file.title(),
                    abstractText,
                    authors.isEmpty() ? file.authors() : authors,
                    topics.isEmpty() ? file.keywords() : topics,
                    doi != null ? doi : file.doi(),
                    type,
                    language != null ? language : detectedLanguage,
                    publicationDate,
                    countries);
        }

        /**
         * What this metadata holds that {@code before} did not: each field that differs, the others null or empty.
         * Applied to {@link #filledFrom}'s result, the fields a file filled, which PostgreSQL stores.
         */
        Metadata addedTo(Metadata before) {
            return new Metadata(
                    Objects.equals(title, before.title) ? null : title,
                    Objects.equals(abstractText, before.abstractText) ? null : abstractText,
                    authors.equals(before.authors) ? List.of() : authors,
                    topics.equals(before.topics) ? List.of() : topics,
                    Objects.equals(doi, before.doi) ? null : doi,
                    Objects.equals(type, before.type) ? null : type,
                    Objects.equals(language, before.language) ? null : language,
                    Objects.equals(publicationDate, before.publicationDate) ? null : publicationDate,
                    countries.equals(before.countries) ? List.of() : countries);
        }

        /** Whether every field is null or empty. */
        boolean isEmpty() {
            return equals(new Metadata(null, null, null, null, null, null, null, null, null));
        }
    }
}
