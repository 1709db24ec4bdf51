package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.system.InvalidInputException;

/**
 * One work in several languages: link a document to its translation, unlink it, list a document's translations, and
 * the likely translations the portal suggests to curators ({@link TranslationSuggestions}). Stateless and thread-safe;
 * blocking work on the blocking executor.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "documents")
@ExecuteOn(TaskExecutors.BLOCKING)
class TranslationController {

    /** Most documents the curators' list compares, the newest first. */
    static final int SCANNED = 300;

    private final DocumentRepository documents;
    private final Translations translations;
    private final TranslationSuggestions suggestions;

    TranslationController(DocumentRepository documents, Translations translations, TranslationSuggestions suggestions) {
        this.documents = documents;
        this.translations = translations;
        this.suggestions = suggestions;
    }

    /** The other language versions of the document's work that the caller may see. */
    @Operation(summary = "List a document's translations")
    @Get(DocumentController.BASE + "/{id}/translations")
    List<TranslationRef> list(@PathVariable UUID id, Viewer viewer) {
        return translations.of(documents.visible(id, viewer), viewer);
    }

    /**
     * Links {@code otherId} as a translation of the document: the two works (with all their versions) become one
     * work in two languages. A curator, or the contributor who owns both; the languages must differ and each
     * language appear once in the work. Answers the document's translations; linking twice changes nothing.
     */
    @Operation(summary = "Link a document to its translation")
    @Secured("contributor")
    @Put(DocumentController.BASE + "/{id}/translations/{otherId}")
    List<TranslationRef> link(@PathVariable UUID id, @PathVariable UUID otherId, Viewer viewer) {
        translations.link(viewer, id, otherId);
        return list(id, viewer);
    }

    /** Unlinks {@code otherId}'s work from the document's: each is a work of its own language again. */
    @Operation(summary = "Unlink a document from its translation")
    @Secured("contributor")
    @Delete(DocumentController.BASE + "/{id}/translations/{otherId}")
    List<TranslationRef> unlink(@PathVariable UUID id, @PathVariable UUID otherId, Viewer viewer) {
        translations.unlink(viewer, id, otherId);
        return list(id, viewer);
    }

    /**
     * Documents that may be the same work in another language, with why and a score, best first: the same DOI; the
     * same authors and year with a title that translates; about as many pages with the same numbers in the same order.
     * A curator confirms one by linking it.
     */
    @Operation(summary = "Suggest likely translations of a document")
    @Secured("curator")
    @Get(DocumentController.BASE + "/{id}/translation-suggestions")
    List<TranslationSuggestion> suggest(@PathVariable UUID id) {
        return suggestions.of(id);
    }

    /** The likely translation pairs among the newest documents, best first: the curators' list to confirm. */
    @Operation(summary = "List likely translation pairs")
    @Secured("curator")
    @Get("/api/translation-suggestions")
    List<TranslationSuggestion.Pair> pairs(@QueryValue(defaultValue = "20") @Nullable Integer size) {
        int wanted = size == null ? 20 : size;
        if (wanted < 1 || wanted > 100) {
            throw InvalidInputException.of("size", "must be between 1 and 100");
        }
        return suggestions.pairs(SCANNED, wanted);
    }
}
