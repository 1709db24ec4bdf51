package org.alima.portal.api.oai;

import java.util.Optional;

/**
 * The metadata formats the repository disseminates, each for every record: simple Dublin Core (which OAI-PMH requires)
 * and MODS 3.8, which keeps what Dublin Core flattens (ORCID iDs of authors, the DOI as a typed identifier, ISO codes
 * of languages and countries, the collections as host items, the licence as an access condition).
 */
enum MetadataFormat {
    OAI_DC("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", DublinCore.OAI_DC),
    MODS("mods", "http://www.loc.gov/standards/mods/v3/mods-3-8.xsd", Mods.NAMESPACE);

    private final String prefix;
    private final String schema;
    private final String namespace;

    MetadataFormat(String prefix, String schema, String namespace) {
        this.prefix = prefix;
        this.schema = schema;
        this.namespace = namespace;
    }

    String prefix() {
        return prefix;
    }

    String schema() {
        return schema;
    }

    String namespace() {
        return namespace;
    }

    static Optional<MetadataFormat> of(String prefix) {
        for (MetadataFormat format : values()) {
            if (format.prefix.equals(prefix)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Writes the metadata of a record that is not deleted. */
    void write(XmlOut xml, HarvestedRecord record, RecordContext context) {
        switch (this) {
            case OAI_DC -> DublinCore.write(xml, record, context);
            case MODS -> Mods.write(xml, record, context);
        }
    }
}
