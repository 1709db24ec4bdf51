package org.alima.portal.api.oai;

/** A record as simple Dublin Core ({@code oai_dc}), the format every OAI-PMH repository must offer. */
final class DublinCore {

    static final String OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    static final String DC = "http://purl.org/dc/elements/1.1/";

    private DublinCore() {}

    static void write(XmlOut xml, HarvestedRecord record, RecordContext context) {
        HarvestedRecord.Metadata metadata = record.metadata();
        xml.root("oai_dc", OAI_DC, "dc", MetadataFormat.OAI_DC.schema()).namespace("dc", DC);
        dc(xml, "title", metadata.title());
        metadata.authors().forEach(author -> dc(xml, "creator", author.name()));
        metadata.topics().forEach(topic -> dc(xml, "subject", topic));
        metadata.health().forEach(code -> dc(xml, "subject", Classification.healthSubject(code)));
        metadata.populations().forEach(code -> dc(xml, "subject", Classification.population(code)));
        metadata.interventions().forEach(code -> dc(xml, "subject", Classification.intervention(code)));
        dc(xml, "description", metadata.abstractText());
        dc(xml, "date", metadata.publicationDate());
        if (record.type() != null) {
            dc(xml, "type", RecordContext.euRepoType(record.type()));
            dc(xml, "type", RecordContext.typeName(record.type()));
        }
        if (metadata.design() != null) {
            dc(xml, "type", Classification.design(metadata.design()));
        }
        dc(xml, "type", "Text");
        if (metadata.fileFormat() != null) {
            dc(xml, "format", RecordContext.mediaType(metadata.fileFormat()));
        }
        dc(xml, "identifier", context.landingPage(record.id()));
        if (metadata.doi() != null) {
            dc(xml, "identifier", "https://doi.org/" + metadata.doi());
        }
        dc(xml, "language", metadata.language());
        metadata.countries().forEach(country -> dc(xml, "coverage", RecordContext.countryName(country)));
        metadata.settings().forEach(code -> dc(xml, "coverage", Classification.setting(code)));
        context.collections().values().forEach(name -> dc(xml, "relation", name));
        dc(xml, "rights", metadata.license());
        xml.end();
    }

    private static void dc(XmlOut xml, String element, String value) {
        xml.element("dc", DC, element, value);
    }
}
