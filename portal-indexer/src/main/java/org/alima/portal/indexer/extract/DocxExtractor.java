package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import javax.xml.namespace.QName;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.xmlbeans.XmlCursor;

/**
 * Extracts Word documents (DOCX) with Apache POI; stateless and thread-safe.
 *
 * <p>The text is the body's paragraphs and tables in document order (cells separated by tabs, rows by line ends);
 * deleted revisions, field codes and the fallback copy of text boxes (Word stores each text box twice) are left out.
 * A DOCX has no fixed pages, so a page ends where Word would show one ending: at an explicit page break ({@code
 * <w:br w:type="page"/>}), before a paragraph marked {@code pageBreakBefore}, or at a {@code
 * <w:lastRenderedPageBreak/>}, the marker Word writes where pages fell when it last laid the file out. A document
 * saved by a tool that writes no such markers is one page. A page that shows a drawing or picture and has no text is
 * counted as image-only. Core properties give title, creator (split into authors), subject or description,
 * keywords, and the created and modified dates.
 *
 * <p>POI keeps its ZIP-bomb protection ({@code ZipSecureFile} defaults) and reads the package read-only; the file
 * size limit is checked before POI sees the file, since POI builds the whole document in memory.
 */
final class DocxExtractor {

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    private static final QName TYPE = new QName(W, "type");
    private static final QName VAL = new QName(W, "val");

    private DocxExtractor() {}

    static ExtractionResult extract(Path file, PageAssembler pages, Deadline deadline)
            throws IOException, InvalidFormatException {
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            XWPFDocument docx = new XWPFDocument(pkg);
            deadline.check("DOCX parsing");
            MetadataBuilder metadata = metadata(docx.getProperties().getCoreProperties());
            PageWriter writer = new PageWriter(pages, deadline);
            try (XmlCursor cursor = docx.getDocument().getBody().newCursor()) {
                walk(cursor, writer);
            }
            writer.finish();
            return pages.result(Format.DOCX.mediaType(), metadata);
        } finally {
            // revert, not close: close() would try to save a package opened read-only
            pkg.revert();
        }
    }

    private static MetadataBuilder metadata(POIXMLProperties.CoreProperties core) {
        return new MetadataBuilder()
                .title(core.getTitle())
                .authors(core.getCreator())
                .subject(core.getSubject())
                .subject(core.getDescription())
                .keywords(core.getKeywords())
                .doi(core.getIdentifier())
                .created(toLocalDate(core.getCreated()))
                .modified(toLocalDate(core.getModified()));
    }

    private static java.time.LocalDate toLocalDate(Date date) {
        return date == null ? null : java.time.LocalDate.ofInstant(date.toInstant(), java.time.ZoneOffset.UTC);
    }

    /** Walks the body's XML in document order, from the cursor's start token to its matching end. */
    private static void walk(XmlCursor cursor, PageWriter writer) {
        // XmlCursor names start tokens only, so the names of open elements are kept to act on their end
        Deque<QName> open = new ArrayDeque<>();
        int cells = 0;
        while (!writer.stopped()) {
            XmlCursor.TokenType token = cursor.toNextToken();
            if (token.isNone() || token.isEnddoc()) {
                return;
            }
            if (token.isEnd()) {
                QName name = open.pollLast();
                if (name == null) {
                    return;
                }
                if (W.equals(name.getNamespaceURI())) {
                    switch (name.getLocalPart()) {
                        // paragraphs inside a table cell run on, so that a row stays on one line
                        case "p" -> {
                            if (cells > 0) {
                                writer.separate(' ');
                            } else {
                                writer.endLine();
                            }
                        }
                        case "tc" -> {
                            cells--;
                            writer.separate('\t');
                        }
                        case "tr" -> writer.separate('\n');
                        default -> {
                            // other elements end without a mark
                        }
                    }
                }
            } else if (token.isStart()) {
                QName name = cursor.getName();
                if (start(name, cursor, writer)) {
                    open.addLast(name);
                    if (W.equals(name.getNamespaceURI()) && "tc".equals(name.getLocalPart())) {
                        cells++;
                    }
                } else {
                    cursor.toEndToken();
                }
            }
        }
    }

    /**
     * Handles a start tag; returns false when the element's content must be skipped (the cursor then moves to its
     * end).
     */
    private static boolean start(QName name, XmlCursor cursor, PageWriter writer) {
        if (MARKUP_COMPATIBILITY.equals(name.getNamespaceURI())) {
            // mc:Fallback repeats the content of mc:Choice for older readers
            return !"Fallback".equals(name.getLocalPart());
        }
        if (!W.equals(name.getNamespaceURI())) {
            String local = name.getLocalPart();
            if ("drawing".equals(local) || "pict".equals(local) || "imagedata".equals(local)) {
                writer.image();
            }
            return true;
        }
        switch (name.getLocalPart()) {
            case "t" -> {
                writer.append(cursor.getTextValue());
                return false;
            }
            case "delText", "instrText", "sectPr" -> {
                return false;
            }
            case "tab" -> writer.append("\t");
            case "cr" -> writer.append("\n");
            case "noBreakHyphen" -> writer.append("-");
            case "br" -> {
                if ("page".equals(cursor.getAttributeText(TYPE))) {
                    writer.breakPage();
                } else {
                    writer.append("\n");
                }
            }
            case "lastRenderedPageBreak" -> writer.breakPage();
            case "pageBreakBefore" -> {
                String val = cursor.getAttributeText(VAL);
                if (val == null || val.equals("true") || val.equals("1") || val.equals("on")) {
                    writer.breakPage();
                }
            }
            case "drawing", "pict", "object" -> writer.image();
            default -> {
                // structure (paragraphs, runs, tables, properties): their content is walked
            }
        }
        return true;
    }
}
