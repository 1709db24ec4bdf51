package org.alima.portal.indexer.vocabulary;

import java.util.Locale;

/**
 * What kind of action a document is about, as humanitarian health programmes name them. Immutable; the portal's own list, so its codes and labels are ours to keep stable.
 */
public enum InterventionType implements Term {
    VACCINATION("Vaccination", "Vaccination"),
    TREATMENT("Curative treatment", "Traitement curatif"),
    NUTRITION("Nutrition", "Nutrition"),
    WASH("Water, sanitation and hygiene (WASH)", "Eau, hygiène et assainissement (EHA)"),
    VECTOR_CONTROL("Vector control", "Lutte antivectorielle"),
    HEALTH_PROMOTION("Health promotion and education", "Promotion de la santé et éducation"),
    MENTAL_HEALTH_SUPPORT("Mental health and psychosocial support", "Santé mentale et soutien psychosocial"),
    SURVEILLANCE("Surveillance and outbreak response", "Surveillance et riposte aux épidémies"),
    MATERNAL_NEWBORN_CARE("Maternal and newborn care", "Soins maternels et néonatals"),
    FAMILY_PLANNING("Family planning", "Planification familiale"),
    DIAGNOSIS("Screening and diagnosis", "Dépistage et diagnostic"),
    TRAINING("Training of health workers", "Formation des personnels de santé"),
    HEALTH_SYSTEM("Health system strengthening", "Renforcement du système de santé");

    private final String english;
    private final String french;

    InterventionType(String english, String french) {
        this.english = english;
        this.french = french;
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String label(String language) {
        return "fr".equals(language) ? french : english;
    }
}
