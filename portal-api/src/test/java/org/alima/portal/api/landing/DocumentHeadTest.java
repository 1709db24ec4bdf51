package org.alima.portal.api.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.collections.CollectionRef;
import org.alima.portal.api.collections.Localized;
import org.junit.jupiter.api.Test;

class DocumentHeadTest {

    private static final UUID ID = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID LATEST = UUID.fromString("99999999-2222-3333-4444-555555555555");

    private static PublicDocument document(String type, String status, UUID latest) {
        return new PublicDocument(
                ID,
                "Prise en charge du paludisme grave",
                "Un résumé.",
                List.of(new PublicDocument.Author("Diallo, Aminata", "0000-0002-1825-0097")),
                "2023-06-01",
                type,
                "fr",
                List.of("ML"),
                List.of("Paludisme"),
                null,
                "CC-BY-4.0",
                status,
                status.equals("withdrawn") ? "Erroné" : null,
                1,
                latest,
                Instant.parse("2023-06-02T10:00:00Z"),
                Instant.parse("2023-06-03T10:00:00Z"),
                new PublicDocument.FileInfo("p.pdf", "application/pdf", 1234, 3, "/api/documents/" + ID + "/file"),
                List.of(),
                List.of(new PublicDocument.CitationLink(
                        "bibtex", "application/x-bibtex; charset=utf-8", "/api/documents/" + ID + "/citation")),
                "Alima evidence portal",
                PublicDocument.Classification.NONE);
    }

    private static DocumentHead head(String type, String status, UUID latest) {
        return new DocumentHead(
                document(type, status, latest),
                List.of(new CollectionRef("paludisme", new Localized("Paludisme", null))),
                "https://portal.example");
    }

    @Test
    void aProcedureIsAHowToAndAReportLikeTypeNamesItsInstitution() {
        DocumentHead procedure = head("operating_procedure", "published", ID);
        assertThat(procedure.schemaType()).isEqualTo("HowTo");
        assertThat(procedure.meta())
                .extracting(DocumentHead.Meta::name)
                .contains("citation_technical_report_institution");
        assertThat(head("study", "published", ID).meta())
                .extracting(DocumentHead.Meta::name)
                .doesNotContain("citation_technical_report_institution");
        assertThat(head("guideline", "published", ID).schemaType()).isEqualTo("Report");
    }

    @Test
    void aSupersededVersionIsCanonicallyItsLatestAndWithoutADoiCitesItsPage() {
        DocumentHead head = head("study", "published", LATEST);
        assertThat(head.canonical()).isEqualTo("https://portal.example/documents/" + LATEST);
        assertThat(head.signposting())
                .first()
                .extracting(DocumentHead.Link::header)
                .isEqualTo("<https://portal.example/documents/" + LATEST + ">; rel=\"cite-as\"");
    }

    @Test
    void aWithdrawnDocumentNamesNoFileAnywhere() {
        DocumentHead head = head("study", "withdrawn", ID);
        assertThat(head.pdfUrl()).isNull();
        assertThat(head.meta()).extracting(DocumentHead.Meta::name).doesNotContain("citation_pdf_url");
        assertThat(head.signposting()).extracting(DocumentHead.Link::rel).doesNotContain("item");
        assertThat(head.jsonLd()).doesNotContainKey("encoding");
    }

    @Test
    void jsonLdCarriesLanguageTopicsLicenceAndCollections() {
        var ld = head("article", "published", ID).jsonLd();
        assertThat(ld).containsEntry("@type", "ScholarlyArticle").containsEntry("inLanguage", "fr");
        assertThat(ld).containsEntry("license", "https://creativecommons.org/licenses/by/4.0/");
        assertThat(ld.get("isPartOf").toString()).contains("https://portal.example/collections/paludisme");
        assertThat(ld.get("about").toString()).contains("Paludisme");
    }
}
