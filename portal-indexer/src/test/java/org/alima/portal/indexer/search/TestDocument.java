package org.alima.portal.indexer.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexableDocument;

/** Builds {@link IndexableDocument}s for tests, with only what a test cares about. */
final class TestDocument {

    private final String id;
    private String title;
    private String abstractText;
    private List<String> authors = List.of();
    private List<String> keywords = List.of();
    private String type;
    private String language;
    private LocalDate date;
    private List<String> countries = List.of();
    private List<String> topics = List.of();
    private List<String> collections = List.of();
    private final List<Page> pages = new ArrayList<>();
    private Set<String> audiences = Set.of(IndexableDocument.PUBLIC);
    private boolean superseded;
    private LocalDate reviewDue;
    private String work;
    private String design;
    private IndexableDocument.Classification classification = IndexableDocument.Classification.NONE;

    private TestDocument(String id) {
        this.id = id;
    }

    static TestDocument doc(String id) {
        return new TestDocument(id);
    }

    TestDocument title(String title) {
        this.title = title;
        return this;
    }

    TestDocument abstractText(String abstractText) {
        this.abstractText = abstractText;
        return this;
    }

    TestDocument authors(String... authors) {
        this.authors = List.of(authors);
        return this;
    }

    TestDocument keywords(String... keywords) {
        this.keywords = List.of(keywords);
        return this;
    }

    TestDocument type(String type) {
        this.type = type;
        return this;
    }

    TestDocument language(String language) {
        this.language = language;
        return this;
    }

    TestDocument date(LocalDate date) {
        this.date = date;
        return this;
    }

    TestDocument year(int year) {
        return date(LocalDate.of(year, 6, 1));
    }

    TestDocument countries(String... countries) {
        this.countries = List.of(countries);
        return this;
    }

    TestDocument topics(String... topics) {
        this.topics = List.of(topics);
        return this;
    }

    TestDocument collections(String... collections) {
        this.collections = List.of(collections);
        return this;
    }

    /** Who may find it; public by default. */
    TestDocument audiences(String... audiences) {
        this.audiences = Set.of(audiences);
        return this;
    }

    /** Marks it as an older version that a newer one supersedes. */
    TestDocument superseded() {
        this.superseded = true;
        return this;
    }

    /** When it (a procedure) is due for review. */
    TestDocument reviewDue(LocalDate reviewDue) {
        this.reviewDue = reviewDue;
        return this;
    }

    /** Gives it the codes of the four humanitarian vocabularies. */
    TestDocument classification(
            List<String> health, List<String> populations, List<String> settings, List<String> interventions) {
        this.classification = new IndexableDocument.Classification(health, populations, settings, interventions);
        return this;
    }

    /** Gives it a confirmed study design, by code. */
    TestDocument design(String design) {
        this.design = design;
        return this;
    }

    /** Makes it a version of the work that {@code work} names (the id of its first version). */
    TestDocument versionOf(String work) {
        this.work = work;
        return this;
    }

    /** Appends pages numbered after the existing ones. */
    TestDocument pages(String... texts) {
        for (String text : texts) {
            pages.add(new Page(pages.size() + 1, text, language));
        }
        return this;
    }

    /** Appends pages numbered after the existing ones, their text read by OCR from scans. */
    TestDocument scannedPages(String... texts) {
        for (String text : texts) {
            pages.add(new Page(pages.size() + 1, text, language, true));
        }
        return this;
    }

    IndexableDocument build() {
        return new IndexableDocument(
                id,
                "/sources/" + id + ".pdf",
                title,
                abstractText,
                authors,
                keywords,
                null,
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
                classification,
                null);
    }
}
