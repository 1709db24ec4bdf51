package org.alima.portal.indexer.vocabulary;

import java.util.Locale;

/**
 * The disease or health topic of a document: the chapters of ICD-11 (WHO's International Classification of Diseases,
 * 11th revision, Mortality and Morbidity Statistics) that humanitarian medical work meets most, with the chapter
 * titles WHO publishes in English and in French, used verbatim under CC BY-ND 3.0 IGO (see {@link #SOURCE}).
 * Immutable.
 *
 * <p>Chosen over a MeSH subset because WHO publishes ICD-11 officially in both languages with a licence that allows
 * verbatim use, and national health information systems in West and Central Africa report by ICD.
 */
public enum HealthTopic implements Term {
    INFECTIOUS("01", "Certain infectious or parasitic diseases", "Certaines maladies infectieuses ou parasitaires"),
    BLOOD("03", "Diseases of the blood or blood-forming organs", "Maladies du sang ou des organes hématopoïétiques"),
    NUTRITIONAL_METABOLIC(
            "05",
            "Endocrine, nutritional or metabolic diseases",
            "Maladies endocriniennes, nutritionnelles ou métaboliques"),
    MENTAL(
            "06",
            "Mental, behavioural or neurodevelopmental disorders",
            "Troubles mentaux, comportementaux ou neurodéveloppementaux"),
    NERVOUS("08", "Diseases of the nervous system", "Maladies du système nerveux"),
    CIRCULATORY("11", "Diseases of the circulatory system", "Maladies de l'appareil circulatoire"),
    RESPIRATORY("12", "Diseases of the respiratory system", "Maladies de l'appareil respiratoire"),
    DIGESTIVE("13", "Diseases of the digestive system", "Maladies de l'appareil digestif"),
    SKIN("14", "Diseases of the skin", "Maladies de la peau"),
    SEXUAL_HEALTH("17", "Conditions related to sexual health", "Affections liées à la santé sexuelle"),
    PREGNANCY("18", "Pregnancy, childbirth or the puerperium", "Grossesse, accouchement ou puerpéralité"),
    PERINATAL(
            "19",
            "Certain conditions originating in the perinatal period",
            "Certaines affections dont l'origine se situe dans la période périnatale"),
    INJURY(
            "22",
            "Injury, poisoning or certain other consequences of external causes",
            "Lésions traumatiques, empoisonnements ou certaines autres conséquences de causes externes"),
    HEALTH_SERVICES(
            "24",
            "Factors influencing health status or contact with health services",
            "Facteurs influant sur l'état de santé ou motifs de recours aux services de santé");

    /** The attribution that the licence of the labels asks for, with where to read them. */
    public static final String SOURCE = "Chapter titles of ICD-11 for Mortality and Morbidity Statistics (MMS),"
            + " World Health Organization, in English and French, used verbatim under the Creative Commons"
            + " Attribution-NoDerivatives 3.0 IGO licence (CC BY-ND 3.0 IGO): https://icd.who.int/browse/latest-release/mms";

    private final String chapter;
    private final String english;
    private final String french;

    HealthTopic(String chapter, String english, String french) {
        this.chapter = chapter;
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

    /** The ICD-11 chapter number, such as {@code 01}: what OAI-PMH gives with the scheme. */
    public String chapter() {
        return chapter;
    }
}
