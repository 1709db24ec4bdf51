package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.DomXmpParser;
import org.apache.xmpbox.xml.XmpParsingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a PDF's descriptive metadata from its XMP packet and its document information dictionary; stateless and
 * thread-safe.
 *
 * <p>XMP is offered first, field by field, because current tools keep it up to date while the information dictionary
 * is deprecated since PDF 2.0; a field that XMP lacks, or holds only a placeholder for, comes from the dictionary.
 * dc:title, dc:creator, dc:description (then the dictionary's Subject), pdf:Keywords and dc:subject, xmp:CreateDate
 * and xmp:ModifyDate are read. The DOI is looked for in the XMP packet (prism:doi, dc:identifier) and in a "doi"
 * entry of the dictionary. Metadata is a bonus: damaged metadata is ignored, never fatal.
 */
final class PdfMetadataReader {

    private static final Logger LOG = LoggerFactory.getLogger(PdfMetadataReader.class);

    /** Larger XMP packets are thumbnails or embedded history, not descriptive metadata worth parsing. */
    private static final int MAX_XMP_BYTES = 1 << 20;

    private PdfMetadataReader() {}

    static MetadataBuilder read(PDDocument document) {
        MetadataBuilder metadata = new MetadataBuilder();
        readXmp(document, metadata);
        try {
            PDDocumentInformation info = document.getDocumentInformation();
            metadata.title(info.getTitle())
                    .authors(info.getAuthor())
                    .subject(info.getSubject())
                    .keywords(info.getKeywords())
                    .doi(info.getCustomMetadataValue("doi"))
                    .created(info.getCreationDate())
                    .modified(info.getModificationDate());
        } catch (RuntimeException e) {
            // a dictionary entry of the wrong type in a damaged file
            LOG.debug("ignoring unreadable document information: {}", FailureDetail.of(e));
        }
        return metadata;
    }

    private static void readXmp(PDDocument document, MetadataBuilder metadata) {
        PDMetadata stream = document.getDocumentCatalog().getMetadata();
        if (stream == null) {
            return;
        }
        try {
            byte[] bytes;
            try (InputStream in = stream.createInputStream()) {
                bytes = in.readNBytes(MAX_XMP_BYTES + 1);
            }
            if (bytes.length > MAX_XMP_BYTES) {
                return;
            }
            DomXmpParser parser = new DomXmpParser();
            parser.setStrictParsing(false);
            XMPMetadata xmp = parser.parse(bytes);
            DublinCoreSchema dc = xmp.getDublinCoreSchema();
            if (dc != null) {
                metadata.title(dc.getTitle()).authors(dc.getCreators()).subject(dc.getDescription());
            }
            AdobePDFSchema pdf = xmp.getAdobePDFSchema();
            if (pdf != null) {
                metadata.keywords(pdf.getKeywords());
            }
            if (dc != null) {
                metadata.keywords(dc.getSubjects());
            }
            XMPBasicSchema basic = xmp.getXMPBasicSchema();
            if (basic != null) {
                metadata.created(basic.getCreateDate()).modified(basic.getModifyDate());
            }
            metadata.doi(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | XmpParsingException | RuntimeException | BadFieldValueException e) {
            LOG.debug("ignoring unreadable XMP metadata: {}", FailureDetail.of(e));
        }
    }
}
