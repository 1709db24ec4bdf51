package org.alima.portal.indexer.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.StoredFieldVisitor;

/**
 * Reads the stored fields a hit shows, and stops before the abstract and the body: the schema stores the small fields
 * first, so long documents are not decompressed to list them. Not thread-safe; one per document read.
 */
final class HitFields extends StoredFieldVisitor {

    String id;
    String title;
    String type;
    String language;
    Integer year;
    LocalDate reviewDue;
    String translations;
    final List<String> authors = new ArrayList<>();

    @Override
    public Status needsField(FieldInfo field) {
        return switch (field.name) {
            case IndexSchema.ID,
                    IndexSchema.TITLE,
                    IndexSchema.AUTHORS,
                    IndexSchema.TYPE,
                    IndexSchema.LANGUAGE,
                    IndexSchema.YEAR,
                    IndexSchema.TRANSLATIONS,
                    IndexSchema.REVIEW_DUE -> Status.YES;
            case IndexSchema.KEYWORDS,
                    IndexSchema.ABSTRACT,
                    IndexSchema.SOURCE,
                    IndexSchema.PAGE_COUNT,
                    IndexSchema.BODY -> Status.STOP;
            default -> Status.NO;
        };
    }

    @Override
    public void stringField(FieldInfo field, String value) {
        switch (field.name) {
            case IndexSchema.ID -> id = value;
            case IndexSchema.TITLE -> title = value;
            case IndexSchema.AUTHORS -> authors.add(value);
            case IndexSchema.TYPE -> type = value;
            case IndexSchema.LANGUAGE -> language = value;
            case IndexSchema.REVIEW_DUE -> reviewDue = LocalDate.parse(value);
            case IndexSchema.TRANSLATIONS -> translations = value;
            default -> {}
        }
    }

    @Override
    public void intField(FieldInfo field, int value) {
        if (field.name.equals(IndexSchema.YEAR)) {
            year = value;
        }
    }

    Hit toHit(float score, List<PageHit> pages, List<String> missingWords, List<LanguageVersion> others) {
        return new Hit(id, title, score, authors, type, language, year, pages, reviewDue, missingWords, others);
    }
}
