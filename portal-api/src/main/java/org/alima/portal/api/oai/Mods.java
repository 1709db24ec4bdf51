package org.alima.portal.api.oai;

/** A record as MODS 3.8 (Library of Congress), the richer of the two formats. */
final class Mods {

    static final String NAMESPACE = "http://www.loc.gov/mods/v3";
    private static final String P = "mods";

    private Mods() {}

    static void write(XmlOut xml, HarvestedRecord record, RecordContext context) {
        HarvestedRecord.Metadata metadata = record.metadata();
        xml.root(P, NAMESPACE, "mods", MetadataFormat.MODS.schema()).attribute("version", "3.8");
        if (metadata.title() != null) {
            start(xml, "titleInfo")
                    .element(P, NAMESPACE, "title", metadata.title())
                    .end();
        }
        for (HarvestedRecord.Author author : metadata.authors()) {
            start(xml, "name");
            mods(xml, "namePart", author.name());
            if (author.orcid() != null) {
                start(xml, "nameIdentifier").attribute("type", "orcid");
                xml.text("https://orcid.org/" + author.orcid()).end();
            }
            start(xml, "role");
            start(xml, "roleTerm").attribute("type", "text").attribute("authority", "marcrelator");
            xml.text("author").end().end().end();
        }
        mods(xml, "typeOfResource", "text");
        if (record.type() != null) {
            start(xml, "genre")
                    .attribute("authority", "local")
                    .text(record.type())
                    .end();
            start(xml, "genre").attribute("authority", "info:eu-repo/semantics");
            xml.text(RecordContext.euRepoType(record.type())).end();
        }
        if (metadata.publicationDate() != null) {
            start(xml, "originInfo");
            start(xml, "dateIssued").attribute("encoding", "w3cdtf").attribute("keyDate", "yes");
            xml.text(metadata.publicationDate()).end().end();
        }
        if (metadata.language() != null) {
            start(xml, "language");
            start(xml, "languageTerm").attribute("type", "code").attribute("authority", "rfc5646");
            xml.text(metadata.language()).end().end();
        }
        if (metadata.fileFormat() != null) {
            start(xml, "physicalDescription");
            mods(xml, "internetMediaType", RecordContext.mediaType(metadata.fileFormat()));
            mods(xml, "digitalOrigin", "born digital");
            xml.end();
        }
        mods(xml, "abstract", metadata.abstractText());
        for (String topic : metadata.topics()) {
            start(xml, "subject").element(P, NAMESPACE, "topic", topic).end();
        }
        for (String country : metadata.countries()) {
            start(xml, "subject");
            start(xml, "geographicCode")
                    .attribute("authority", "iso3166")
                    .text(country)
                    .end();
            mods(xml, "geographic", RecordContext.countryName(country));
            xml.end();
        }
        context.collections().forEach((slug, name) -> {
            start(xml, "relatedItem").attribute("type", "host");
            start(xml, "titleInfo").element(P, NAMESPACE, "title", name).end();
            start(xml, "location")
                    .element(P, NAMESPACE, "url", context.collection(slug))
                    .end();
            xml.end();
        });
        if (metadata.doi() != null) {
            start(xml, "identifier")
                    .attribute("type", "doi")
                    .text(metadata.doi())
                    .end();
        }
        start(xml, "identifier")
                .attribute("type", "uri")
                .text(context.landingPage(record.id()))
                .end();
        start(xml, "location");
        start(xml, "url").attribute("usage", "primary display").attribute("access", "object in context");
        xml.text(context.landingPage(record.id())).end();
        if (metadata.fileFormat() != null) {
            start(xml, "url")
                    .attribute("access", "raw object")
                    .text(context.file(record.id()))
                    .end();
        }
        xml.end();
        if (metadata.license() != null) {
            start(xml, "accessCondition").attribute("type", "use and reproduction");
            xml.text(metadata.license()).end();
        }
        xml.end();
    }

    private static XmlOut start(XmlOut xml, String element) {
        return xml.start(P, NAMESPACE, element);
    }

    private static void mods(XmlOut xml, String element, String value) {
        xml.element(P, NAMESPACE, element, value);
    }
}
