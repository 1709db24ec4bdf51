package org.alima.portal.indexer.vocabulary;

import java.util.Locale;

/**
 * Who a document is about: the groups that humanitarian medical work in West and Central Africa serves or works with. Immutable; the portal's own list, so its codes and labels are ours to keep stable.
 */
public enum Population implements Term {
    NEWBORNS("Newborns", "Nouveau-nés"),
    CHILDREN_UNDER_FIVE("Children under five", "Enfants de moins de cinq ans"),
    SCHOOL_AGE_CHILDREN("School-age children", "Enfants d'âge scolaire"),
    ADOLESCENTS("Adolescents", "Adolescents"),
    PREGNANT_WOMEN("Pregnant or breastfeeding women", "Femmes enceintes ou allaitantes"),
    WOMEN_OF_REPRODUCTIVE_AGE("Women of reproductive age", "Femmes en âge de procréer"),
    OLDER_PEOPLE("Older people", "Personnes âgées"),
    DISPLACED_PEOPLE("Internally displaced people", "Personnes déplacées internes"),
    REFUGEES("Refugees", "Réfugiés"),
    HOST_COMMUNITIES("Host communities", "Communautés hôtes"),
    HEALTH_WORKERS("Health workers", "Personnels de santé"),
    PEOPLE_WITH_DISABILITIES("People with disabilities", "Personnes en situation de handicap");

    private final String english;
    private final String french;

    Population(String english, String french) {
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
