package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Tells a file's format from its bytes; stateless and thread-safe.
 *
 * <p>The bytes decide what a file is: {@code %PDF} within the first 1024 bytes makes a PDF whatever the name, a ZIP
 * holding {@code word/document.xml} makes a DOCX, markup that starts like HTML makes HTML (so does a file named
 * {@code .html} with HTML tags in its first bytes), and other bytes that look like text make plain text, or Markdown
 * when the name ends in {@code .md} or {@code .markdown}. Images, archives,
 * legacy Office files and other binary data are refused as {@link FailureKind#UNSUPPORTED_TYPE}.
 *
 * <p>The name is used only to refuse: a file named {@code .pdf} or {@code .docx} whose bytes are not of that format
 * is not indexed as text even when its bytes are text, because such a file is a mistaken upload, not a document whose
 * words belong in the index: it is reported as a
 * misnamed file ({@link FailureKind#UNSUPPORTED_TYPE}). Bytes that hold PDF objects ({@code 1 0 obj ... endobj})
 * without the {@code %PDF} header are a damaged PDF ({@link FailureKind#MALFORMED}), whatever the name.
 */
public final class FormatSniffer {

    /** What the sniffer decided: a format to extract, or a refusal. */
    public sealed interface Verdict {
        /** The file is of this format, which the extractor reads. */
        record Supported(Format format) implements Verdict {}

        /**
         * The file is of no format the extractor reads, or a damaged one.
         *
         * @param mediaType what the bytes look like, e.g. {@code image/png}
         * @param detail what the file is, in words for the person who gave it
         */
        record Refused(String mediaType, FailureKind kind, String detail) implements Verdict {}
    }

    static final int HEAD_BYTES = 8192;
    private static final int PDF_HEADER_WINDOW = 1024;
    private static final String OCTET_STREAM = "application/octet-stream";

    private FormatSniffer() {}

    /**
     * The format of {@code file}, read from its first {@value #HEAD_BYTES} bytes (and a ZIP's or OLE2 container's
     * directory).
     *
     * @param fileName the name the file came with (its original name, not a storage path), for the Markdown rule and
     *     to refuse a file whose name claims a format its bytes are not; may be null
     * @throws IOException when the file cannot be read
     */
    public static Verdict sniff(Path file, String fileName) throws IOException {
        byte[] head = readHead(file);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (indexOf(head, Math.min(head.length, PDF_HEADER_WINDOW), "%PDF") >= 0) {
            return new Verdict.Supported(Format.PDF);
        }
        Verdict binary = knownBinary(file, head, name);
        if (binary != null) {
            return binary;
        }
        boolean text = looksLikeText(head);
        if (text && looksLikePdfBody(head)) {
            return new Verdict.Refused(
                    Format.PDF.mediaType(),
                    FailureKind.MALFORMED,
                    "no %PDF header in the first " + PDF_HEADER_WINDOW + " bytes, although the file holds PDF objects");
        }
        if (name.endsWith(".pdf")) {
            return misnamed(fileName, text ? Format.TEXT.mediaType() : OCTET_STREAM, "PDF");
        }
        if (name.endsWith(".docx")) {
            return misnamed(fileName, text ? Format.TEXT.mediaType() : OCTET_STREAM, "Word document");
        }
        if (!text) {
            return new Verdict.Refused(OCTET_STREAM, FailureKind.UNSUPPORTED_TYPE, "binary data of an unknown format");
        }
        if (looksLikeHtml(head) || (isHtmlName(name) && holdsHtmlTags(head))) {
            return new Verdict.Supported(Format.HTML);
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return new Verdict.Supported(Format.MARKDOWN);
        }
        return new Verdict.Supported(Format.TEXT);
    }

    private static Verdict misnamed(String fileName, String actualType, String claimed) {
        return new Verdict.Refused(
                actualType,
                FailureKind.UNSUPPORTED_TYPE,
                "named " + fileName + " but the bytes are not a " + claimed + " (they look like "
                        + (actualType.equals(OCTET_STREAM) ? "binary data" : "plain text") + ")");
    }

    private static Verdict knownBinary(Path file, byte[] head, String name) throws IOException {
        if (startsWith(head, 0x89, 'P', 'N', 'G')) {
            return image("image/png", "PNG");
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return image("image/jpeg", "JPEG");
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return image("image/gif", "GIF");
        }
        if (startsWith(head, 'I', 'I', '*', 0) || startsWith(head, 'M', 'M', 0, '*')) {
            return image("image/tiff", "TIFF");
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return zip(file, name);
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            if (holdsEncryptedPackage(file)) {
                return new Verdict.Refused(
                        Format.DOCX.mediaType(),
                        FailureKind.ENCRYPTED,
                        "a password-protected Office document (Word stores those in an encrypted container)");
            }
            return new Verdict.Refused(
                    "application/x-ole-storage",
                    FailureKind.UNSUPPORTED_TYPE,
                    "a legacy Office file (.doc, .xls or .ppt); save it as DOCX or PDF");
        }
        if (startsWith(head, '{', '\\', 'r', 't', 'f')) {
            return new Verdict.Refused("application/rtf", FailureKind.UNSUPPORTED_TYPE, "an RTF file");
        }
        if (startsWith(head, '%', '!', 'P', 'S')) {
            return new Verdict.Refused("application/postscript", FailureKind.UNSUPPORTED_TYPE, "a PostScript file");
        }
        return null;
    }

    /**
     * Whether an OLE2 container holds the {@code EncryptedPackage} stream in which Office keeps a password-protected
     * DOCX (or XLSX, PPTX). POI reads only the container's header and directory for this, not the streams.
     */
    private static boolean holdsEncryptedPackage(Path file) {
        try (POIFSFileSystem container = new POIFSFileSystem(file.toFile(), true)) {
            return container.getRoot().hasEntryCaseInsensitive("EncryptedPackage");
        } catch (IOException | RuntimeException damaged) {
            return false;
        }
    }

    private static Verdict image(String mediaType, String what) {
        return new Verdict.Refused(mediaType, FailureKind.UNSUPPORTED_TYPE, "a " + what + " image, not a document");
    }

    private static Verdict zip(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("word/document.xml") != null) {
                return new Verdict.Supported(Format.DOCX);
            }
            String what = zip.getEntry("xl/workbook.xml") != null
                    ? "an Excel workbook"
                    : zip.getEntry("ppt/presentation.xml") != null
                            ? "a PowerPoint presentation"
                            : zip.getEntry("content.xml") != null
                                    ? "an OpenDocument file; save it as DOCX or PDF"
                                    : "a ZIP archive without word/document.xml, so not a Word document";
            return new Verdict.Refused("application/zip", FailureKind.UNSUPPORTED_TYPE, what);
        } catch (ZipException e) {
            if (name.endsWith(".docx")) {
                return new Verdict.Refused(
                        Format.DOCX.mediaType(),
                        FailureKind.MALFORMED,
                        "the ZIP structure is damaged: " + e.getMessage());
            }
            return new Verdict.Refused("application/zip", FailureKind.UNSUPPORTED_TYPE, "a damaged ZIP archive");
        }
    }

    /**
     * Text has few control bytes: a stray NUL or escape code in an old text file is dropped later, while binary data
     * has them in every few dozen bytes. A UTF-16 byte-order mark also makes text: UTF-16 text is full of NULs.
     */
    static boolean looksLikeText(byte[] head) {
        if (startsWith(head, 0xFE, 0xFF) || startsWith(head, 0xFF, 0xFE)) {
            return true;
        }
        int controls = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) || c == 0x7F) {
                controls++;
            }
        }
        return controls <= Math.max(4, head.length / 50);
    }

    /** Object syntax ({@code 1 0 obj}) near the start: a PDF whose header is damaged or missing. */
    private static boolean looksLikePdfBody(byte[] head) {
        String ascii = new String(head, 0, Math.min(head.length, PDF_HEADER_WINDOW), StandardCharsets.ISO_8859_1);
        return ascii.matches("(?s).*\\b\\d+\\s+\\d+\\s+obj\\b.*") && ascii.contains("endobj");
    }

    /**
     * HTML starts, after an optional byte-order mark, blanks, XML declaration and comments, with a doctype or an
     * {@code html}, {@code head} or {@code body} tag.
     */
    static boolean looksLikeHtml(byte[] head) {
        String start = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int i = start.startsWith("\u00ef\u00bb\u00bf") ? 3 : 0;
        while (true) {
            while (i < start.length() && Character.isWhitespace(start.charAt(i))) {
                i++;
            }
            if (start.startsWith("<!--", i)) {
                int end = start.indexOf("-->", i);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else if (start.startsWith("<?xml", i)) {
                int end = start.indexOf("?>", i);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else {
                break;
            }
        }
        return start.startsWith("<!doctype html", i)
                || start.startsWith("<html", i)
                || start.startsWith("<head", i)
                || start.startsWith("<body", i);
    }

    private static boolean isHtmlName(String name) {
        return name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml");
    }

    /**
     * Weaker evidence, enough for a file named as HTML whose markup does not open with the usual tags (a fragment
     * saved from a content system, say): an {@code html}, {@code head}, {@code body}, {@code title} or {@code meta}
     * tag somewhere in the first bytes.
     */
    private static boolean holdsHtmlTags(byte[] head) {
        String start = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return start.contains("<html")
                || start.contains("<head")
                || start.contains("<body")
                || start.contains("<title")
                || start.contains("<meta");
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int limit, String ascii) {
        byte[] wanted = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + wanted.length <= limit; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
