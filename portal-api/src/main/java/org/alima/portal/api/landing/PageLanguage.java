package org.alima.portal.api.landing;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import java.util.Map;

/**
 * The language of a server-rendered page and its words: French unless the browser prefers English (the web app's own
 * rule, in i18n.js). The web app's texts are in messages/fr.js and messages/en.js; these are the few that pages built
 * without JavaScript need, kept here because Java renders them. Immutable.
 */
record PageLanguage(String code, Map<String, String> words) {

    static final PageLanguage FRENCH = new PageLanguage(
            "fr",
            Map.ofEntries(
                    Map.entry("brand", "Portail de preuves"),
                    Map.entry("skip", "Aller au contenu"),
                    Map.entry("menu", "Menu principal"),
                    Map.entry("collections", "Collections"),
                    Map.entry("topics", "Thèmes"),
                    Map.entry("countries", "Pays"),
                    Map.entry("design", "Type d'étude"),
                    Map.entry("health", "Thème de santé (CIM-11)"),
                    Map.entry("population", "Population"),
                    Map.entry("setting", "Contexte"),
                    Map.entry("intervention", "Type d'intervention"),
                    Map.entry("freeText", "texte libre"),
                    Map.entry("search", "Rechercher"),
                    Map.entry("searchLabel", "Rechercher des études et des procédures"),
                    Map.entry("authors", "Auteurs"),
                    Map.entry("date", "Date de publication"),
                    Map.entry("type", "Type"),
                    Map.entry("language", "Langue"),
                    Map.entry("doi", "DOI"),
                    Map.entry("license", "Licence"),
                    Map.entry("abstract", "Résumé"),
                    Map.entry("file", "Fichier"),
                    Map.entry("open", "Ouvrir le PDF"),
                    Map.entry("download", "Télécharger"),
                    Map.entry("pages", "pages"),
                    Map.entry("cite", "Citer"),
                    Map.entry("versions", "Versions"),
                    Map.entry("alsoIn", "Aussi en"),
                    Map.entry("version", "Version"),
                    Map.entry("thisVersion", "cette version"),
                    Map.entry("withdrawnVersion", "retirée"),
                    Map.entry("inCollections", "Dans les collections"),
                    Map.entry("superseded", "Une version plus récente de ce document existe :"),
                    Map.entry("latest", "voir la dernière version"),
                    Map.entry("withdrawn", "Ce document a été retiré. Son fichier n’est plus diffusé."),
                    Map.entry("reason", "Motif :"),
                    Map.entry("feed", "Flux Atom"),
                    Map.entry("latestFeed", "Dernières publications (Atom)"),
                    Map.entry("usage.view", "consultation"),
                    Map.entry("usage.views", "consultations"),
                    Map.entry("usage.download", "téléchargement"),
                    Map.entry("usage.downloads", "téléchargements"),
                    Map.entry("usage.thisMonth", "ce mois-ci"),
                    Map.entry("usage.total", "au total"),
                    Map.entry("ocr.one", "Texte de {0} page lu par OCR (confiance moyenne {1}\u00a0%)"),
                    Map.entry("ocr.many", "Texte de {0} pages lu par OCR (confiance moyenne {1}\u00a0%)"),
                    Map.entry("documents", "documents"),
                    Map.entry("noDocuments", "Aucun document publié pour l’instant."),
                    Map.entry("notFound", "Document introuvable"),
                    Map.entry("notFoundText", "Aucun document publié n’a cette adresse."),
                    Map.entry("notFoundOwner", "Vous l’avez déposé ? Connectez-vous et ouvrez-le dans le portail :"),
                    Map.entry("pageNotFound", "Page introuvable"),
                    Map.entry("untitled", "Sans titre"),
                    Map.entry("openInApp", "Ouvrir dans le portail"),
                    Map.entry("related", "Documents proches"),
                    Map.entry("footer", "Études et procédures de l’organisation, en accès libre."),
                    Map.entry("type.study", "Étude"),
                    Map.entry("type.article", "Article"),
                    Map.entry("type.protocol", "Protocole"),
                    Map.entry("type.operating_procedure", "Procédure opérationnelle"),
                    Map.entry("type.guideline", "Recommandation"),
                    Map.entry("type.report", "Rapport"),
                    Map.entry("type.poster", "Poster"),
                    Map.entry("type.thesis", "Thèse")));

    static final PageLanguage ENGLISH = new PageLanguage(
            "en",
            Map.ofEntries(
                    Map.entry("brand", "Evidence portal"),
                    Map.entry("skip", "Skip to content"),
                    Map.entry("menu", "Main menu"),
                    Map.entry("collections", "Collections"),
                    Map.entry("topics", "Topics"),
                    Map.entry("countries", "Countries"),
                    Map.entry("design", "Study design"),
                    Map.entry("health", "Health topic (ICD-11)"),
                    Map.entry("population", "Population"),
                    Map.entry("setting", "Setting"),
                    Map.entry("intervention", "Intervention type"),
                    Map.entry("freeText", "free text"),
                    Map.entry("search", "Search"),
                    Map.entry("searchLabel", "Search studies and procedures"),
                    Map.entry("authors", "Authors"),
                    Map.entry("date", "Publication date"),
                    Map.entry("type", "Type"),
                    Map.entry("language", "Language"),
                    Map.entry("doi", "DOI"),
                    Map.entry("license", "Licence"),
                    Map.entry("abstract", "Abstract"),
                    Map.entry("file", "File"),
                    Map.entry("open", "Open the PDF"),
                    Map.entry("download", "Download"),
                    Map.entry("pages", "pages"),
                    Map.entry("cite", "Cite"),
                    Map.entry("versions", "Versions"),
                    Map.entry("alsoIn", "Also in"),
                    Map.entry("version", "Version"),
                    Map.entry("thisVersion", "this version"),
                    Map.entry("withdrawnVersion", "withdrawn"),
                    Map.entry("inCollections", "In the collections"),
                    Map.entry("superseded", "A newer version of this document exists:"),
                    Map.entry("latest", "see the latest version"),
                    Map.entry("withdrawn", "This document has been withdrawn. Its file is no longer served."),
                    Map.entry("reason", "Reason:"),
                    Map.entry("feed", "Atom feed"),
                    Map.entry("latestFeed", "Latest publications (Atom)"),
                    Map.entry("usage.view", "view"),
                    Map.entry("usage.views", "views"),
                    Map.entry("usage.download", "download"),
                    Map.entry("usage.downloads", "downloads"),
                    Map.entry("usage.thisMonth", "this month"),
                    Map.entry("usage.total", "in all"),
                    Map.entry("ocr.one", "Text of {0} page read by OCR (mean confidence {1}\u00a0%)"),
                    Map.entry("ocr.many", "Text of {0} pages read by OCR (mean confidence {1}\u00a0%)"),
                    Map.entry("documents", "documents"),
                    Map.entry("noDocuments", "No published document yet."),
                    Map.entry("notFound", "Document not found"),
                    Map.entry("notFoundText", "No published document has this address."),
                    Map.entry("notFoundOwner", "Did you upload it? Sign in and open it in the portal:"),
                    Map.entry("pageNotFound", "Page not found"),
                    Map.entry("untitled", "Untitled"),
                    Map.entry("openInApp", "Open in the portal"),
                    Map.entry("related", "Related documents"),
                    Map.entry("footer", "The organisation's studies and procedures, open to all."),
                    Map.entry("type.study", "Study"),
                    Map.entry("type.article", "Article"),
                    Map.entry("type.protocol", "Protocol"),
                    Map.entry("type.operating_procedure", "Operating procedure"),
                    Map.entry("type.guideline", "Guideline"),
                    Map.entry("type.report", "Report"),
                    Map.entry("type.poster", "Poster"),
                    Map.entry("type.thesis", "Thesis")));

    /** French, unless English comes before French in {@code Accept-Language} (or French is absent and English not). */
    static PageLanguage of(@Nullable String acceptLanguage) {
        if (acceptLanguage == null) {
            return FRENCH;
        }
        for (String range : acceptLanguage.split(",")) {
            String tag = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (tag.startsWith("fr")) {
                return FRENCH;
            }
            if (tag.startsWith("en")) {
                return ENGLISH;
            }
        }
        return FRENCH;
    }

    String word(String key) {
        return words.getOrDefault(key, key);
    }

    /** The name of a type of document, in this language. */
    String typeName(@Nullable String type) {
        return type == null ? "" : word("type." + type);
    }

    /** The name of a language (ISO 639-1) in this language. */
    String languageName(@Nullable String language) {
        return language == null ? "" : Locale.forLanguageTag(language).getDisplayLanguage(Locale.forLanguageTag(code));
    }

    /** The name of a country (ISO 3166-1 alpha-2) in this language. */
    String countryName(String country) {
        String name = Locale.of("", country).getDisplayCountry(Locale.forLanguageTag(code));
        return name.isEmpty() ? country : name;
    }
}
