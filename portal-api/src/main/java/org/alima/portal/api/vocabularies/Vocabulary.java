package org.alima.portal.api.vocabularies;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.indexer.extract.StudyDesign;
import org.alima.portal.indexer.vocabulary.HealthTopic;
import org.alima.portal.indexer.vocabulary.InterventionType;
import org.alima.portal.indexer.vocabulary.Population;
import org.alima.portal.indexer.vocabulary.Setting;
import org.alima.portal.indexer.vocabulary.Term;

/**
 * The controlled vocabularies of a document's evidence and humanitarian metadata, each with the names it goes by in the
 * API: its {@link #key()} (in {@code GET /api/vocabularies}, as a search filter and facet, and in a typed query) and
 * the document field that holds its codes. The terms themselves are owned by their enums in portal-indexer; this only
 * names them. Immutable.
 */
public enum Vocabulary {
    DESIGN("design", "design", null, StudyDesign.values()),
    HEALTH("health", "healthTopics", "topics", HealthTopic.values()),
    POPULATION("population", "populations", "populationsOther", Population.values()),
    SETTING("setting", "settings", "settingsOther", Setting.values()),
    INTERVENTION("intervention", "interventions", "interventionsOther", InterventionType.values());

    private final String key;
    private final String field;
    private final String otherField;
    private final Term[] terms;

    Vocabulary(String key, String field, String otherField, Term[] terms) {
        this.key = key;
        this.field = field;
        this.otherField = otherField;
        this.terms = terms;
    }

    /** The name of the vocabulary in the API: {@code health}, {@code population}… */
    public String key() {
        return key;
    }

    /** The document field (JSON) that holds its codes, such as {@code healthTopics}. */
    public String field() {
        return field;
    }

    /**
     * The document field (JSON) that holds free text for what the vocabulary lacks, such as {@code populationsOther};
     * for health topics the document's free {@code topics}; null for the study design, which has its own code
     * {@code other}.
     */
    public String otherField() {
        return otherField;
    }

    public List<Term> terms() {
        return List.of(terms);
    }

    /** Every code, comma-separated, for messages that list the allowed values. */
    public String codes() {
        return Term.codes(terms);
    }

    public Optional<Term> term(String code) {
        return Term.ofCode(terms, code);
    }

    /** The term a value names by its code or a French or English label, ignoring case and accents. */
    public Optional<Term> named(String value) {
        return Term.named(terms, value);
    }

    /** The label of a code in {@code language}; the code itself when it is not one of this vocabulary's. */
    public String label(String code, String language) {
        return term(code).map(t -> t.label(language)).orElse(code);
    }

    /**
     * The codes given, once each, in their order.
     *
     * @param field the request field they came from, which an error names
     * @throws InvalidInputException naming {@code field}, the unknown code and every allowed one
     */
    public Set<String> checked(String field, Collection<String> given) {
        List<FieldError> errors = unknown(field, given);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new LinkedHashSet<>(given);
    }

    /** One error for each code of {@code given} that is not one of this vocabulary's, naming {@code field}. */
    public List<FieldError> unknown(String field, Collection<String> given) {
        List<FieldError> errors = new ArrayList<>();
        for (String code : given) {
            if (term(code).isEmpty()) {
                errors.add(new FieldError(field, "has the unknown code '" + code + "'; use one of " + codes()));
            }
        }
        return errors;
    }
}
