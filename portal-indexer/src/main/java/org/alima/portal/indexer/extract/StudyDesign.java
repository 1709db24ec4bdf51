package org.alima.portal.indexer.extract;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.alima.portal.indexer.vocabulary.Term;

/**
 * The study design (evidence level) of a document, from a fixed list: its {@link #code()} is stable and is what the
 * API, the index and the database store; its labels are what a reader sees in French or English. Immutable.
 *
 * <p>The order is that of the evidence a design usually gives, strongest first; documents that are not studies
 * (guideline, operating procedure) and {@link #OTHER} come last.
 */
public enum StudyDesign implements Term {
    SYSTEMATIC_REVIEW("Systematic review", "Revue systématique"),
    RANDOMISED_TRIAL("Randomised trial", "Essai randomisé"),
    COHORT("Cohort study", "Étude de cohorte"),
    CASE_CONTROL("Case-control study", "Étude cas-témoins"),
    CROSS_SECTIONAL("Cross-sectional study", "Étude transversale"),
    QUALITATIVE("Qualitative study", "Étude qualitative"),
    CASE_REPORT("Case report", "Cas clinique"),
    MODELLING("Modelling study", "Étude de modélisation"),
    GUIDELINE("Guideline", "Recommandation"),
    OPERATING_PROCEDURE("Operating procedure", "Procédure opérationnelle"),
    OTHER("Other", "Autre");

    /** Every code, comma-separated, for messages that list the allowed values. */
    public static final String CODES =
            Arrays.stream(values()).map(StudyDesign::code).collect(Collectors.joining(", "));

    private final String english;
    private final String french;

    StudyDesign(String english, String french) {
        this.english = english;
        this.french = french;
    }

    /** The stable code, such as {@code randomised_trial}. */
    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label in French for {@code fr}, in English for any other language. */
    @Override
    public String label(String language) {
        return "fr".equals(language) ? french : english;
    }

    /** The design of a code; empty for an unknown one. */
    public static Optional<StudyDesign> fromCode(String code) {
        return Arrays.stream(values()).filter(d -> d.code().equals(code)).findFirst();
    }
}
