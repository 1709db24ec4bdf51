package org.alima.portal.api.documents;

import java.nio.charset.StandardCharsets;

/** Builds {@code Content-Disposition} headers with an RFC 6266 / RFC 8187 encoded file name. */
final class ContentDisposition {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDisposition() {}

    /**
     * An attachment: the stored file is shown by the reader's own program, not rendered by the browser inside the
     * portal's origin. The header's plain filename parameter is an ASCII fallback for old clients.
     */
    static String attachment(String fileName) {
        return "attachment; " + fileNames(fileName);
    }

    /** Shown by the browser itself; only for PDFs, which browsers hand to their PDF viewer (see the file endpoint). */
    static String inline(String fileName) {
        return "inline; " + fileNames(fileName);
    }

    private static String fileNames(String fileName) {
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return "filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(fileName);
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ATTR_CHARS.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
