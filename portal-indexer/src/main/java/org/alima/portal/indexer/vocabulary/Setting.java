package org.alima.portal.indexer.vocabulary;

import java.util.Locale;

/**
 * Where the work a document describes takes place: kinds of place, not countries (those are the document's countries). Immutable; the portal's own list, so its codes and labels are ours to keep stable.
 */
public enum Setting implements Term {
    CAMP("Camp for refugees or displaced people", "Camp de réfugiés ou de déplacés"),
    COMMUNITY("Community", "Communauté"),
    RURAL("Rural area", "Milieu rural"),
    URBAN("Urban area", "Milieu urbain"),
    RURAL_HEALTH_CENTRE("Rural health centre", "Centre de santé rural"),
    URBAN_HEALTH_CENTRE("Urban health centre", "Centre de santé urbain"),
    HOSPITAL("Hospital", "Hôpital"),
    MOBILE_CLINIC("Mobile clinic", "Clinique mobile"),
    NUTRITION_CENTRE("Nutrition centre", "Centre nutritionnel"),
    SCHOOL("School", "École"),
    CONFLICT_AREA("Conflict-affected area", "Zone de conflit");

    private final String english;
    private final String french;

    Setting(String english, String french) {
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
