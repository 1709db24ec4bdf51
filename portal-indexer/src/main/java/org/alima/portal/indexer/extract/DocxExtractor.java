package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.namespace.QName;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
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
 * <p>POI builds the whole document in memory, so what a DOCX (a ZIP) may expand to is bounded before it does, by POI's
 * own {@code ZipSecureFile} checks on the bytes actually inflated (the sizes a ZIP declares can lie): no part over
 * {@value #MAX_PART_BYTES} bytes (a 500-page report's text is a few MB; the limit leaves room for large pictures), no
 * part that inflates more than 100 times its compressed size (the mark of a ZIP bomb), at most {@value #MAX_PARTS}
 * parts. A file over them fails as {@link FailureKind#TOO_LARGE} at once. The package is read read-only; the file
 * size limit is checked before POI sees the file.
 */
final class DocxExtractor {

    static final long MAX_PART_BYTES = 64L << 20;
    static final double MIN_INFLATE_RATIO = 0.01;
    static final int MAX_PARTS = 1000;

    static {
        // Global to POI: this class is the only user of POI's ZIP reading in the portal.
        ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxFileCount(MAX_PARTS);
    }

    /** True when the package's directory or POI refused it for one of the bounds above. */
    static boolean overLimits(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OverLimits) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && (message.contains("Zip bomb detected") || message.contains("ZipSecureFile"))) {
                return true;
            }
        }
        return false;
    }

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    private static final QName TYPE = new QName(W, "type");
    private static final QName VAL = new QName(W, "val");

    private DocxExtractor() {}

    static ExtractionResult extract(Path file, PageAssembler pages, Deadline deadline)
            throws IOException, InvalidFormatException {
        checkDirectory(file);
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

    /**
     * Refuses at once a package whose directory declares a part over the bound or too many parts: POI would inflate
     * up to the bound before refusing. A directory that lies about sizes is still caught by POI's own bounds.
     */
    private static void checkDirectory(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_PARTS) {
                throw new OverLimits(zip.size() + " parts");
            }
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getSize() > MAX_PART_BYTES) {
                    throw new OverLimits(entry.getName() + " declares " + entry.getSize() + " bytes");
                }
            }
        } catch (ZipException unreadable) {
            // a directory the JDK cannot read is left to POI, which reads more damaged packages and names the damage
        }
    }

    /** A package over one of the bounds, seen in its directory before POI reads it. */
    private static final class OverLimits extends IOException {
        private static final long serialVersionUID = 1L;

        OverLimits(String message) {
            super(message);
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
