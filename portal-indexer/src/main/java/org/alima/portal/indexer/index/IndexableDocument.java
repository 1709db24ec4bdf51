package org.alima.portal.indexer.index;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * @param audiences who may find the document: a search sees it when its caller belongs to at least one of these
 *     (e.g. {@value #PUBLIC} for a published document, {@code account:<uuid>} for its owner's draft); opaque,
 *     case-sensitive values; empty means only an unrestricted search (a curator's, the command line's) sees it
 * @param superseded true when a newer version of the document exists: searches leave it out unless they ask for
 *     older versions
 * @param work what every version of the same work shares (in the portal, the id of its first version), so that
 *     related documents leave out the document's own versions; null means the document is a work of its own (its id)
 * @param design the study design a person confirmed, as a {@code StudyDesign} code (e.g. {@code cohort}), or null
 * @param classification the codes of the humanitarian vocabularies a person gave (health topic, population, setting,
 *     intervention type); {@link Classification#NONE} for none
 * @param translations the translation set of the document's work (in the portal, shared by the works that are one work
 *     in several languages), so that search shows one hit per work; null when it has no translation. Distinct from
 *     {@code work}: a work is one language's chain of versions, a translation set joins works of different languages
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
        List<Page> pages,
        Set<String> audiences,
        boolean superseded,
        LocalDate reviewDue,
        String work,
        String design,
        Classification classification,
        String translations) {

    /**
     * The codes of the four humanitarian vocabularies (see {@code org.alima.portal.indexer.vocabulary}), each indexed
     * as a facet and filter like the type. Immutable.
     */
    public record Classification(
            List<String> health, List<String> populations, List<String> settings, List<String> interventions) {

        public static final Classification NONE = new Classification(List.of(), List.of(), List.of(), List.of());

        public Classification {
            health = health == null ? List.of() : List.copyOf(health);
            populations = populations == null ? List.of() : List.copyOf(populations);
            settings = settings == null ? List.of() : List.copyOf(settings);
            interventions = interventions == null ? List.of() : List.copyOf(interventions);
        }
    }

    /** The audience of a published document: every reader, signed in or not. */
    public static final String PUBLIC = "public";

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
        if (audiences == null) {
            throw new IllegalArgumentException("document " + id + " needs its audiences: pass Set.of(\"" + PUBLIC
                    + "\") for a published document, an empty set for one only curators may find");
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String audience : audiences) {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("document " + id
                        + " has a blank audience; give each audience a name such as \"" + PUBLIC + "\"");
            }
            kept.add(audience.strip());
        }
        audiences = Set.copyOf(kept);
        work = work == null || work.isBlank() ? id : work;
        classification = classification == null ? Classification.NONE : classification;
        translations = translations == null || translations.isBlank() ? null : translations;
    }

    /** A document without humanitarian vocabularies or translations: what every source but the portal's documents gives. */
    public IndexableDocument(
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
            List<Page> pages,
            Set<String> audiences,
            boolean superseded,
            LocalDate reviewDue,
            String work,
            String design) {
        this(
                id,
                source,
                title,
                abstractText,
                authors,
                keywords,
                doi,
                type,
                language,
                date,
                countries,
                topics,
                collections,
                pages,
                audiences,
                superseded,
                reviewDue,
                work,
                design,
                Classification.NONE,
                null);
    }

    /** A document without a confirmed study design: what every source but the portal's documents gives. */
    public IndexableDocument(
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
            List<Page> pages,
            Set<String> audiences,
            boolean superseded,
            LocalDate reviewDue,
            String work) {
        this(
                id,
                source,
                title,
                abstractText,
                authors,
                keywords,
                doi,
                type,
                language,
                date,
                countries,
                topics,
                collections,
                pages,
                audiences,
                superseded,
                reviewDue,
                work,
                null);
    }

    /** A document that is a work of its own, with no other versions. */
    public IndexableDocument(
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
            List<Page> pages,
            Set<String> audiences,
            boolean superseded,
            LocalDate reviewDue) {
        this(
                id,
                source,
                title,
                abstractText,
                authors,
                keywords,
                doi,
                type,
                language,
                date,
                countries,
                topics,
                collections,
                pages,
                audiences,
                superseded,
                reviewDue,
                null);
    }

    /** A document without a review date: what every source but the portal's operating procedures gives. */
    public IndexableDocument(
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
            List<Page> pages,
            Set<String> audiences,
            boolean superseded) {
        this(
                id,
                source,
                title,
                abstractText,
                authors,
                keywords,
                doi,
                type,
                language,
                date,
                countries,
                topics,
                collections,
                pages,
                audiences,
                superseded,
                null);
    }

    /**
     * A published, current document that every reader may find: what the command line indexes from files and
     * JSON Lines records. The portal's documents go through the workflow and pass their audiences explicitly.
     */
    public static IndexableDocument published(
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
        return new IndexableDocument(
                id,
                source,
                title,
                abstractText,
                authors,
                keywords,
                doi,
                type,
                language,
                date,
                countries,
                topics,
                collections,
                pages,
                Set.of(PUBLIC),
                false);
    }

    /** A published, current document built from a file's extracted text and metadata alone. */
    public static IndexableDocument fromExtraction(String id, String source, ExtractionResult.Extracted extracted) {
        var meta = extracted.metadata();
        return published(
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
