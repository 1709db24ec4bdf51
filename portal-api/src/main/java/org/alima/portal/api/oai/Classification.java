package org.alima.portal.api.oai;

import org.alima.portal.api.vocabularies.Vocabulary;
import org.alima.portal.indexer.vocabulary.HealthTopic;

/**
 * How simple Dublin Core, which has no attribute for a scheme, writes the controlled vocabularies: in English (as the
 * type names are), each value saying which vocabulary it belongs to, so that a harvester can tell a population from a
 * keyword. Stateless.
 *
 * <ul>
 *   <li>study design: {@code dc:type}, e.g. {@code Study design: Cohort study};
 *   <li>health topic: {@code dc:subject} with the ICD-11 chapter, e.g. {@code ICD-11 chapter 01: Certain infectious
 *       or parasitic diseases};
 *   <li>population and intervention type: {@code dc:subject}, e.g. {@code Population: Refugees};
 *   <li>setting: {@code dc:coverage} beside the countries, e.g. {@code Setting: Hospital}.
 * </ul>
 */
final class Classification {

    private Classification() {}

    static String design(String code) {
        return "Study design: " + Vocabulary.DESIGN.label(code, "en");
    }

    static String healthSubject(String code) {
        return Vocabulary.HEALTH
                .term(code)
                .map(term -> "ICD-11 chapter " + ((HealthTopic) term).chapter() + ": " + term.label("en"))
                .orElse(code);
    }

    static String population(String code) {
        return "Population: " + Vocabulary.POPULATION.label(code, "en");
    }

    static String setting(String code) {
        return "Setting: " + Vocabulary.SETTING.label(code, "en");
    }

    static String intervention(String code) {
        return "Intervention: " + Vocabulary.INTERVENTION.label(code, "en");
    }
}
