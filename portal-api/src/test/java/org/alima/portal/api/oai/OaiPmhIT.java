package org.alima.portal.api.oai;

import static org.alima.portal.api.oai.Harvester.OAI;
import static org.alima.portal.api.oai.Harvester.errorCode;
import static org.alima.portal.api.oai.Harvester.first;
import static org.alima.portal.api.oai.Harvester.headers;
import static org.alima.portal.api.oai.Harvester.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * OAI-PMH 2.0 at /oai against the running portal and its real PostgreSQL: each verb, both metadata formats, sets,
 * deleted records and every error, each answer validated against the OAI-PMH, oai_dc and MODS schemas.
 */
@MicronautTest
class OaiPmhIT extends PortalTest {

    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String MODS = "http://www.loc.gov/mods/v3";
    private static final String REPOSITORY = "oai:evidence-portal.localdomain:";

    private Harvester oai;
    private Portal portal;
    private String publicSlug;
    private String privateSlug;
    private String published;
    private String draft;
    private String withdrawn;
    private String deleted;

    @BeforeEach
    void prepare() {
        oai = new Harvester(server.getURI());
        if (portal != null) {
            return;
        }
        portal = Portal.of(anonymous);
        publicSlug = portal.collection("public");
        privateSlug = portal.collection("private");
        published = portal.published("Prise en charge de la malnutrition aiguë", "protocol");
        portal.collect(publicSlug, published);
        portal.collect(privateSlug, published);
        draft = portal.draft("Brouillon jamais publié", "protocol");
        portal.collect(privateSlug, draft);
        withdrawn = portal.published("Ancien protocole", "guideline");
        portal.collect(publicSlug, withdrawn);
        portal.withdraw(withdrawn);
        deleted = portal.published("Rapport supprimé", "report");
        portal.collect(publicSlug, deleted);
        portal.delete(deleted);
    }

    @Test
    void identifyDescribesTheRepository() {
        Document answer = oai.get("verb", "Identify");

        assertThat(text(answer, "repositoryName")).isEqualTo("Evidence portal");
        assertThat(text(answer, "baseURL"))
                .isEqualTo(server.getURI().resolve("/oai").toString());
        assertThat(text(answer, "protocolVersion")).isEqualTo("2.0");
        assertThat(text(answer, "deletedRecord")).isEqualTo("persistent");
        assertThat(text(answer, "granularity")).isEqualTo("YYYY-MM-DDThh:mm:ssZ");
        assertThat(text(answer, "earliestDatestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(first(answer, "request").getAttribute("verb")).isEqualTo("Identify");
        assertThat(first(answer, "request").getTextContent()).isEqualTo(text(answer, "baseURL"));
    }

    @Test
    void offersDublinCoreAndModsForEveryRecord() {
        for (Document answer : List.of(
                oai.get("verb", "ListMetadataFormats"),
                oai.get("verb", "ListMetadataFormats", "identifier", REPOSITORY + published),
                oai.get("verb", "ListMetadataFormats", "identifier", REPOSITORY + deleted))) {
            assertThat(texts(answer, OAI, "metadataPrefix")).containsExactly("oai_dc", "mods");
            assertThat(texts(answer, OAI, "metadataNamespace"))
                    .containsExactly("http://www.openarchives.org/OAI/2.0/oai_dc/", MODS);
        }
    }

    @Test
    void setsAreTheDocumentTypesAndThePublicCollectionsOnly() {
        Document answer = oai.get("verb", "ListSets");

        List<String> specs = texts(answer, OAI, "setSpec");
        assertThat(specs)
                .contains("type_protocol", "type_operating_procedure", "type_report", "collection_" + publicSlug)
                .doesNotContain("collection_" + privateSlug);
        assertThat(texts(answer, OAI, "setName"))
                .contains("Document type: Operating procedure", "Collection: Protocols " + publicSlug);
        assertThat(answer.getDocumentElement().getTextContent()).doesNotContain(privateSlug);
    }

    @Test
    void aPublishedDocumentInDublinCore() {
        Document answer =
                oai.get("verb", "GetRecord", "identifier", REPOSITORY + published, "metadataPrefix", "oai_dc");

        Harvester.Header header = headers(answer).get(0);
        assertThat(header.identifier()).isEqualTo(REPOSITORY + published);
        assertThat(header.deleted()).isFalse();
        assertThat(header.sets()).containsExactly("type_protocol", "collection_" + publicSlug);
        assertThat(texts(answer, DC, "title")).containsExactly("Prise en charge de la malnutrition aiguë");
        assertThat(texts(answer, DC, "creator")).containsExactly("Diallo, Aminata", "ALIMA");
        assertThat(texts(answer, DC, "identifier"))
                .contains(server.getURI().resolve("/documents/" + published).toString())
                .anyMatch(identifier -> identifier.startsWith("https://doi.org/10.5555/"));
        assertThat(texts(answer, DC, "type")).contains("info:eu-repo/semantics/other", "Protocol", "Text");
        assertThat(texts(answer, DC, "format")).containsExactly("text/plain");
        assertThat(texts(answer, DC, "language")).containsExactly("fr");
        assertThat(texts(answer, DC, "coverage")).containsExactly("Mali", "Niger");
        assertThat(texts(answer, DC, "date")).containsExactly("2024-03-31");
        assertThat(texts(answer, DC, "rights")).containsExactly("CC-BY-4.0");
        assertThat(texts(answer, DC, "relation")).containsExactly("Protocols " + publicSlug);
        assertThat(answer.getDocumentElement().getTextContent()).doesNotContain(privateSlug);
    }

    @Test
    void aPublishedDocumentInMods() {
        Document answer = oai.get("verb", "GetRecord", "identifier", REPOSITORY + published, "metadataPrefix", "mods");

        assertThat(texts(answer, MODS, "title")).contains("Prise en charge de la malnutrition aiguë");
        assertThat(texts(answer, MODS, "nameIdentifier")).containsExactly("https://orcid.org/0000-0002-1825-0097");
        assertThat(texts(answer, MODS, "geographicCode")).containsExactly("ML", "NE");
        assertThat(texts(answer, MODS, "genre")).contains("protocol");
        assertThat(texts(answer, MODS, "languageTerm")).containsExactly("fr");
        assertThat(texts(answer, MODS, "dateIssued")).containsExactly("2024-03-31");
        assertThat(texts(answer, MODS, "identifier"))
                .contains(server.getURI().resolve("/documents/" + published).toString())
                .anyMatch(identifier -> identifier.startsWith("10.5555/"));
        assertThat(texts(answer, MODS, "url"))
                .contains(server.getURI()
                        .resolve("/api/documents/" + published + "/file")
                        .toString());
        assertThat(texts(answer, MODS, "accessCondition")).containsExactly("CC-BY-4.0");
        assertThat(answer.getDocumentElement().getTextContent()).doesNotContain(privateSlug);
    }

    @Test
    void draftsNeverAppearNotEvenAsIdentifiers() {
        assertThat(errorCode(
                        oai.get("verb", "GetRecord", "identifier", REPOSITORY + draft, "metadataPrefix", "oai_dc")))
                .isEqualTo("idDoesNotExist");
        assertThat(errorCode(oai.get("verb", "ListMetadataFormats", "identifier", REPOSITORY + draft)))
                .isEqualTo("idDoesNotExist");
        Map<String, Harvester.Header> all = oai.list("ListIdentifiers", "metadataPrefix", "oai_dc");
        assertThat(all).containsKeys(REPOSITORY + published, REPOSITORY + withdrawn, REPOSITORY + deleted);
        assertThat(all).doesNotContainKey(REPOSITORY + draft);
    }

    @Test
    void withdrawnAndDeletedDocumentsAreDeletedRecordsWithoutMetadata() {
        for (String id : List.of(withdrawn, deleted)) {
            Document answer = oai.get("verb", "GetRecord", "identifier", REPOSITORY + id, "metadataPrefix", "mods");

            Harvester.Header header = headers(answer).get(0);
            assertThat(header.deleted()).as(id).isTrue();
            assertThat(header.sets()).as(id).contains("collection_" + publicSlug);
            assertThat(answer.getElementsByTagNameNS(OAI, "metadata").getLength())
                    .isZero();
        }
    }

    @Test
    void selectiveHarvestingBySet() {
        Map<String, Harvester.Header> inCollection =
                oai.list("ListIdentifiers", "metadataPrefix", "oai_dc", "set", "collection_" + publicSlug);
        Map<String, Harvester.Header> protocols =
                oai.list("ListIdentifiers", "metadataPrefix", "oai_dc", "set", "type_protocol");

        assertThat(inCollection.keySet())
                .containsExactlyInAnyOrder(REPOSITORY + published, REPOSITORY + withdrawn, REPOSITORY + deleted);
        assertThat(protocols).containsKey(REPOSITORY + published).doesNotContainKey(REPOSITORY + withdrawn);
        assertThat(protocols.values()).allMatch(header -> header.sets().contains("type_protocol"));
    }

    @Test
    void aPrivateCollectionIsNoSetAtAll() {
        Document answer =
                oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "collection_" + privateSlug);
        Document unknown = oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "collection_none");

        assertThat(errorCode(answer)).isEqualTo("noRecordsMatch");
        assertThat(first(answer, "error").getTextContent())
                .isEqualTo(first(unknown, "error")
                        .getTextContent()
                        .replace("collection_none", "collection_" + privateSlug));
    }

    @Test
    void postAnswersAsGet() {
        Document get = oai.get("verb", "GetRecord", "identifier", REPOSITORY + published, "metadataPrefix", "oai_dc");
        Document post = oai.post("verb", "GetRecord", "identifier", REPOSITORY + published, "metadataPrefix", "oai_dc");

        assertThat(headers(post)).isEqualTo(headers(get));
        assertThat(texts(post, DC, "title")).isEqualTo(texts(get, DC, "title"));
        assertThat(errorCode(oai.post("verb", "Nonsense"))).isEqualTo("badVerb");
    }

    @Test
    void theDatestampMovesWhenMetadataStateOrSetsChange() {
        String id = portal.published("Protocole révisé", "protocol");
        String before = datestamp(id);

        Api.sleep(1100);
        portal.retitle(id, "Protocole révisé, deuxième édition");
        String retitled = datestamp(id);
        Api.sleep(1100);
        String slug = portal.collection("public");
        portal.collect(slug, id);
        String collected = datestamp(id);
        Api.sleep(1100);
        portal.makePrivate(slug);
        String hidden = datestamp(id);
        Api.sleep(1100);
        portal.withdraw(id);
        String withdrawnAt = datestamp(id);

        assertThat(List.of(before, retitled, collected, hidden, withdrawnAt))
                .doesNotHaveDuplicates()
                .isSorted();
        Map<String, Harvester.Header> since =
                oai.list("ListIdentifiers", "metadataPrefix", "oai_dc", "from", withdrawnAt);
        assertThat(since.get(REPOSITORY + id).deleted()).isTrue();
        assertThat(since).doesNotContainKey(REPOSITORY + published);
        Map<String, Harvester.Header> byDay = oai.list(
                "ListIdentifiers",
                "metadataPrefix",
                "oai_dc",
                "from",
                withdrawnAt.substring(0, 10),
                "until",
                withdrawnAt.substring(0, 10));
        assertThat(byDay).containsKey(REPOSITORY + id);
        Map<String, Harvester.Header> untilBefore =
                oai.list("ListIdentifiers", "metadataPrefix", "oai_dc", "until", before);
        assertThat(untilBefore).doesNotContainKey(REPOSITORY + id);
    }

    @Nested
    class Errors {

        @Test
        void aMissingUnknownOrRepeatedVerbIsBadVerbAndTheRequestKeepsNoArgument() {
            for (Document answer : List.of(
                    oai.getRaw(""),
                    oai.get("verb", "Nonsense"),
                    oai.get("verb", "identify"),
                    oai.getRaw("verb=Identify&verb=ListSets"))) {
                assertThat(errorCode(answer)).isEqualTo("badVerb");
                assertThat(first(answer, "request").getAttributes().getLength()).isZero();
            }
        }

        @Test
        void argumentsMissingUnknownRepeatedOrMalformedAreBadArguments() {
            for (Document answer : List.of(
                    oai.get("verb", "ListRecords"),
                    oai.get("verb", "GetRecord", "identifier", REPOSITORY + published),
                    oai.get("verb", "Identify", "metadataPrefix", "oai_dc"),
                    oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "colour", "blue"),
                    oai.getRaw("verb=ListIdentifiers&metadataPrefix=oai_dc&metadataPrefix=mods"),
                    oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "from", "2024-13-01"),
                    oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "from", "2024-01-01T10:00:00"),
                    oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "from", "yesterday"),
                    oai.get(
                            "verb",
                            "ListIdentifiers",
                            "metadataPrefix",
                            "oai_dc",
                            "from",
                            "2024-01-01",
                            "until",
                            "2024-02-01T00:00:00Z"),
                    oai.get(
                            "verb",
                            "ListIdentifiers",
                            "metadataPrefix",
                            "oai_dc",
                            "from",
                            "2024-02-01",
                            "until",
                            "2024-01-01"),
                    oai.get("verb", "ListIdentifiers", "resumptionToken", "x", "metadataPrefix", "oai_dc"),
                    oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "no spaces"),
                    oai.get("verb", "ListRecords", "metadataPrefix", ""))) {
                assertThat(errorCode(answer))
                        .as(answer.getDocumentElement().getTextContent())
                        .isEqualTo("badArgument");
                assertThat(first(answer, "request").getAttributes().getLength()).isZero();
            }
        }

        @Test
        void anUnknownFormatCannotBeDisseminated() {
            for (Document answer : List.of(
                    oai.get("verb", "ListRecords", "metadataPrefix", "marc21"),
                    oai.get("verb", "GetRecord", "identifier", REPOSITORY + published, "metadataPrefix", "datacite"))) {
                assertThat(errorCode(answer)).isEqualTo("cannotDisseminateFormat");
                assertThat(first(answer, "request").getAttribute("metadataPrefix"))
                        .isIn("marc21", "datacite");
            }
        }

        @Test
        void anUnknownIdentifierDoesNotExist() {
            for (String identifier : List.of(
                    REPOSITORY + "00000000-0000-0000-0000-000000000000",
                    REPOSITORY + "not-a-uuid",
                    "oai:elsewhere.org:" + published,
                    "no identifier at all")) {
                Document answer = oai.get("verb", "GetRecord", "identifier", identifier, "metadataPrefix", "oai_dc");
                assertThat(errorCode(answer)).as(identifier).isEqualTo("idDoesNotExist");
            }
        }

        @Test
        void aTokenThatWasNotIssuedIsABadResumptionToken() {
            for (Document answer : List.of(
                    oai.get("verb", "ListRecords", "resumptionToken", "bm90IGEgdG9rZW4"),
                    oai.get("verb", "ListIdentifiers", "resumptionToken", "%%%"),
                    oai.get("verb", "ListSets", "resumptionToken", "anything"))) {
                assertThat(errorCode(answer)).isEqualTo("badResumptionToken");
            }
        }

        @Test
        void anEmptySelectionMatchesNoRecords() {
            for (Document answer : List.of(
                    oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc", "from", "2999-01-01"),
                    oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "until", "1999-01-01T00:00:00Z"),
                    oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "type_unknown"),
                    oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "elsewhere"))) {
                assertThat(errorCode(answer)).isEqualTo("noRecordsMatch");
                assertThat(first(answer, "request").getAttribute("verb")).startsWith("List");
            }
        }
    }

    private String datestamp(String id) {
        return headers(oai.get("verb", "GetRecord", "identifier", REPOSITORY + id, "metadataPrefix", "oai_dc"))
                .get(0)
                .datestamp();
    }

    private static List<String> texts(Document answer, String namespace, String name) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = answer.getElementsByTagNameNS(namespace, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(((Element) nodes.item(i)).getTextContent());
        }
        return texts;
    }
}
