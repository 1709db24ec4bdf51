package org.alima.portal.e2e;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the portal holds before any browser test runs, as a contributor and a curator would have put it there:
 * published documents in French and English, one waiting for review, one whose file cannot be read, and featured
 * collections. Immutable once created.
 *
 * @param mosquitoReview a 13-page English study, in the malaria collection
 * @param strokeDeaths an English report
 * @param studentFlyer a French poster, in the mental health collection
 * @param choruspro a French operating procedure, in the mental health collection
 * @param dataInBrief an English article
 * @param awaitingReview a guideline submitted and not yet published
 * @param unreadable a password-protected PDF, its extraction failed
 */
record Library(
        String mosquitoReview,
        String strokeDeaths,
        String studentFlyer,
        String choruspro,
        String dataInBrief,
        String awaitingReview,
        String unreadable) {

    static final String MALARIA = "malaria-arboviruses";
    static final String MENTAL_HEALTH = "student-mental-health";

    private static final Logger LOG = LoggerFactory.getLogger(Library.class);
    private static final Duration INDEXING = Duration.ofSeconds(90);

    static Path pdf(String name) {
        Path ours = Path.of("src/test/resources/pdfs", name);
        return ours.toFile().isFile()
                ? ours
                : Path.of(System.getProperty("portal.e2e.api-pdfs", "../portal-api/src/test/resources/pdfs"), name);
    }

    static Library create(E2ePortal portal) {
        long start = System.nanoTime();
        PortalApi contributor = portal.as("contributor");
        PortalApi curator = portal.as("curator");
        String mosquito = contributor.upload(
                pdf("jrsoc-interface-2013-mosquito-borne-models-review.pdf"),
                Map.of(
                        "title",
                        "A systematic review of mathematical models of mosquito-borne pathogen transmission: 1970–2010",
                        "authors",
                        List.of(
                                Map.of("name", "Reiner, Robert C."),
                                Map.of("name", "Perkins, T. Alex"),
                                Map.of("name", "Barker, Christopher M."),
                                Map.of("name", "Smith, David L.")),
                        "type",
                        "study",
                        "language",
                        "en",
                        "publicationDate",
                        "2013-04-06",
                        "topics",
                        List.of("malaria", "dengue", "modelling"),
                        "countries",
                        List.of("ML", "BF", "NE"),
                        "doi",
                        "10.1098/rsif.2012.0921",
                        "license",
                        "CC BY 3.0"));
        String stroke = contributor.upload(
                pdf("cdc-mmwr-suppl-chd-stroke-deaths-excerpt.pdf"),
                Map.of(
                        "title", "Coronary heart disease and stroke deaths — United States, 2006",
                        "type", "report",
                        "language", "en",
                        "publicationDate", "2011-01-14",
                        "topics", List.of("cardiovascular disease", "mortality"),
                        "countries", List.of("US")));
        String flyer = contributor.upload(
                pdf("sante-psy-flyer-etudiant-fr.pdf"),
                Map.of(
                        "title", "Santé Psy Étudiant : des séances gratuites avec un psychologue",
                        "authors", List.of(Map.of("name", "Santé Psy Étudiant")),
                        "type", "poster",
                        "language", "fr",
                        "publicationDate", "2022-09-01",
                        "topics", List.of("santé mentale"),
                        "countries", List.of("FR")));
        String choruspro = contributor.upload(
                pdf("sante-psy-tutoriel-choruspro.pdf"),
                Map.of(
                        "title", "Facturer ses séances sur Chorus Pro : tutoriel pour les psychologues",
                        "authors", List.of(Map.of("name", "Santé Psy Étudiant")),
                        "type", "operating_procedure",
                        "language", "fr",
                        "publicationDate", "2021-11-15",
                        // Due for review in January 2022: overdue, as a reader must be told.
                        "effectiveDate", "2021-11-15",
                        "reviewDueDate", "2022-01-15",
                        "topics", List.of("santé mentale", "facturation"),
                        "countries", List.of("FR")));
        String dataInBrief = contributor.upload(
                pdf("data-in-brief-2019-page.pdf"),
                Map.of("type", "article", "language", "en", "topics", List.of("corrosion")));
        String guidance = contributor.upload(
                pdf("fda-guidance-excerpt-2.pdf"),
                Map.of("title", "Guidance for industry (excerpt)", "type", "guideline", "language", "en"));
        String unreadable = contributor.upload(pdf("password.pdf"), Map.of("type", "report"));
        for (String id : List.of(mosquito, stroke, flyer, choruspro, dataInBrief, guidance, unreadable)) {
            contributor.awaitProcessed(id, INDEXING);
        }
        for (String id : List.of(mosquito, stroke, flyer, choruspro, dataInBrief)) {
            curator.post("/api/documents/" + id + "/publish", null);
        }
        contributor.post("/api/documents/" + guidance + "/submit", null);
        collection(
                curator,
                MALARIA,
                Map.of("fr", "Paludisme et arboviroses", "en", "Malaria and arboviral diseases"),
                Map.of(
                        "fr",
                                "Modèles, protocoles et retours de terrain sur les maladies transmises par les moustiques.",
                        "en", "Models, protocols and field reports on mosquito-borne diseases."),
                List.of(Map.of(
                        "documentId",
                        mosquito,
                        "note",
                        "Start here: forty years of transmission models, and what they leave out.")));
        collection(
                curator,
                MENTAL_HEALTH,
                Map.of("fr", "Santé mentale des étudiants", "en", "Student mental health"),
                Map.of(
                        "fr", "Le dispositif Santé Psy Étudiant : pour les étudiants, et pour les psychologues.",
                        "en", "The Santé Psy Étudiant scheme: for students, and for psychologists."),
                List.of(
                        Map.of("documentId", flyer, "note", "À afficher dans les lieux d’accueil."),
                        Map.of("documentId", choruspro, "note", "Pour les psychologues partenaires.")));
        LOG.info("Library seeded in {} ms", (System.nanoTime() - start) / 1_000_000);
        return new Library(mosquito, stroke, flyer, choruspro, dataInBrief, guidance, unreadable);
    }

    private static void collection(
            PortalApi curator,
            String slug,
            Map<String, String> title,
            Map<String, String> description,
            List<Map<String, String>> items) {
        HttpResponse<String> created = curator.send(
                "POST",
                "/api/collections",
                Map.of(
                        "slug",
                        slug,
                        "title",
                        title,
                        "description",
                        description,
                        "visibility",
                        "public",
                        "featured",
                        true));
        if (created.statusCode() != 201) {
            throw new AssertionError("POST /api/collections answered " + created.statusCode() + ": " + created.body());
        }
        for (Map<String, String> item : items) {
            curator.post("/api/collections/" + slug + "/items", item);
        }
    }
}
