package org.alima.portal.api.oai;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The study design and the humanitarian vocabularies where readers and harvesters meet them without the API: the
 * server-written landing page, in the reader's language with free text marked, and OAI-PMH's Dublin Core, validated
 * against its schema by the {@link Harvester}.
 */
@MicronautTest(transactional = false)
class VocabulariesOutsideTheApiIT extends PortalTest {

    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String REPOSITORY = "oai:evidence-portal.localdomain:";

    private static String published;

    @BeforeEach
    void publish() {
        if (published != null) {
            return;
        }
        Api curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        published = TestDocuments.published(api, curator, "Rougeole dans les camps " + Api.uniqueWord(), """
                {"title": "Rougeole dans les camps", "type": "report", "language": "fr",
                 "design": "cross_sectional", "healthTopics": ["infectious"],
                 "populations": ["children_under_five"], "populationsOther": ["Orpailleurs"],
                 "settings": ["camp"], "interventions": ["vaccination"]}
                """);
    }

    @Test
    void theLandingPageShowsEachVocabularyInTheReadersLanguageAndMarksFreeText() {
        org.jsoup.nodes.Document french = Jsoup.parse(anonymous
                .get("/documents/" + published, "Accept-Language", "fr")
                .body());
        org.jsoup.nodes.Document english = Jsoup.parse(anonymous
                .get("/documents/" + published, "Accept-Language", "en")
                .body());

        assertThat(fact(french, "Type d'étude")).isEqualTo("Étude transversale");
        assertThat(fact(french, "Thème de santé (CIM-11)"))
                .isEqualTo("Certaines maladies infectieuses ou parasitaires");
        assertThat(fact(french, "Population")).isEqualTo("Enfants de moins de cinq ans, Orpailleurs (texte libre)");
        assertThat(fact(french, "Contexte")).isEqualTo("Camp de réfugiés ou de déplacés");
        assertThat(fact(english, "Study design")).isEqualTo("Cross-sectional study");
        assertThat(fact(english, "Population")).isEqualTo("Children under five, Orpailleurs (free text)");
        assertThat(fact(english, "Intervention type")).isEqualTo("Vaccination");
        assertThat(english.select("dd.vocabulary small.free-text")).hasSize(1);
    }

    @Test
    void dublinCoreNamesEachVocabularyAndTheIcdChapter() {
        Document answer = new Harvester(server.getURI())
                .get("verb", "GetRecord", "identifier", REPOSITORY + published, "metadataPrefix", "oai_dc");

        assertThat(texts(answer, "type")).contains("Study design: Cross-sectional study");
        assertThat(texts(answer, "subject"))
                .contains(
                        "ICD-11 chapter 01: Certain infectious or parasitic diseases",
                        "Population: Children under five",
                        "Intervention: Vaccination");
        assertThat(texts(answer, "coverage")).contains("Setting: Camp for refugees or displaced people");
    }

    private static String fact(org.jsoup.nodes.Document page, String name) {
        for (Element term : page.select("dl.facts dt")) {
            if (term.text().equals(name)) {
                return term.nextElementSibling().text();
            }
        }
        throw new AssertionError(
                "no fact named " + name + " in " + page.select("dl.facts").outerHtml());
    }

    private static List<String> texts(Document answer, String name) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = answer.getElementsByTagNameNS(DC, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
