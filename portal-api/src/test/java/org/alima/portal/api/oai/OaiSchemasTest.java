package org.alima.portal.api.oai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The schemas the integration tests validate against do refuse what OAI-PMH forbids, so that their checks can fail. */
class OaiSchemasTest {

    private static final String OPEN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
              <responseDate>2026-01-02T03:04:05Z</responseDate>
              <request verb="GetRecord">http://localhost/oai</request>
            """;

    @Test
    void acceptsAValidRecordInEachFormat() {
        OaiSchemas.validate(OPEN + """
                  <GetRecord><record>
                    <header><identifier>oai:example.org:1</identifier><datestamp>2026-01-02T03:04:05Z</datestamp>
                      <setSpec>type_protocol</setSpec></header>
                    <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
                        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title xml:lang="fr">Titre</dc:title></oai_dc:dc>
                    </metadata></record></GetRecord>
                </OAI-PMH>""");
        OaiSchemas.validate(OPEN + """
                  <GetRecord><record>
                    <header status="deleted"><identifier>oai:example.org:1</identifier>
                      <datestamp>2026-01-02</datestamp></header></record></GetRecord>
                </OAI-PMH>""");
    }

    @Test
    void refusesAnUnknownErrorCodeAnElementOutOfOrderAndMetadataOutsideItsSchema() {
        assertThatThrownBy(() -> OaiSchemas.validate(OPEN + "<error code=\"noSuchThing\">x</error></OAI-PMH>"))
                .hasMessageContaining("noSuchThing");
        assertThatThrownBy(() -> OaiSchemas.validate(OPEN + """
                  <GetRecord><record>
                    <header><datestamp>2026-01-02T03:04:05Z</datestamp><identifier>oai:example.org:1</identifier>
                    </header></record></GetRecord>
                </OAI-PMH>""")).hasMessageContaining("datestamp");
        assertThatThrownBy(() -> OaiSchemas.validate(OPEN + """
                  <GetRecord><record>
                    <header><identifier>oai:example.org:1</identifier><datestamp>2026-01-02T03:04:05Z</datestamp>
                    </header>
                    <metadata><mods xmlns="http://www.loc.gov/mods/v3"><colour>blue</colour></mods></metadata>
                  </record></GetRecord>
                </OAI-PMH>""")).hasMessageContaining("colour");
        assertThatThrownBy(() -> OaiSchemas.validate(OPEN + """
                  <GetRecord><record>
                    <header><identifier>oai:example.org:1</identifier><datestamp>2026-01-02T03:04:05Z</datestamp>
                      <setSpec>no spaces allowed</setSpec></header></record></GetRecord>
                </OAI-PMH>""")).hasMessageContaining("no spaces allowed");
    }

    @Test
    void aResumptionTokenCarriesItsRequestAndPosition() {
        ResumptionToken token = new ResumptionToken(
                "mods",
                "collection_a-b",
                "2026-01-01",
                "2026-02-01",
                Instant.parse("2026-01-15T10:11:12.123456Z"),
                UUID.randomUUID());

        assertThat(ResumptionToken.decode(token.encode())).isEqualTo(token);
        assertThat(token.encode()).matches("[A-Za-z0-9_-]+");
        assertThatThrownBy(() -> ResumptionToken.decode(token.encode().substring(5)))
                .isInstanceOf(OaiException.class);
    }
}
