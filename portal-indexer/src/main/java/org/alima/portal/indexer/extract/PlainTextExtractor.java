package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Extracts plain text files; stateless and thread-safe.
 *
 * <p>A page is a part between form feeds ({@code \f}), which is how pdftotext and many old report generators mark
 * pages. A file without form feeds is cut into pages of about {@value #PAGE_CHARS} characters so that search results
 * can point into long files: each page ends at the last blank line (paragraph boundary) before that length, or when
 * the second half of the window has none, at the last line end, then at the last space, else at exactly {@value
 * #PAGE_CHARS} characters. The encoding is read as {@link TextDecoder} says.
 */
final class PlainTextExtractor {

    static final int PAGE_CHARS = 3_000;

    private PlainTextExtractor() {}

    static ExtractionResult extract(Path file, PageAssembler pages, Deadline deadline) throws IOException {
        TextDecoder.Decoded decoded = TextDecoder.read(file, pages.maxCharacters());
        addPages(decoded.text(), pages, deadline);
        if (decoded.truncated()) {
            pages.markTruncated();
        }
        return pages.result(Format.TEXT.mediaType(), new MetadataBuilder());
    }

    static void addPages(String text, PageAssembler pages, Deadline deadline) {
        if (text.indexOf('\f') >= 0) {
            String[] parts = text.split("\f", -1);
            // a form feed ends a page rather than starting one, so one at the very end opens no further page
            int count = parts.length > 1 && parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
            for (int i = 0; i < count; i++) {
                deadline.check("page " + (pages.pageCount() + 1));
                if (!pages.add(parts[i], false)) {
                    return;
                }
            }
            return;
        }
        int start = 0;
        int n = text.length();
        while (start < n) {
            deadline.check("page " + (pages.pageCount() + 1));
            int end = n - start <= PAGE_CHARS ? n : pageEnd(text, start, start + PAGE_CHARS);
            if (!pages.add(text.substring(start, end), false)) {
                return;
            }
            start = end;
        }
    }

    /** Where a page starting at {@code start} ends, given that it must end by {@code limit}. */
    static int pageEnd(String text, int start, int limit) {
        int floor = start + (limit - start) / 2;
        int blankLine = lastBlankLineEnd(text, floor, limit);
        if (blankLine > 0) {
            return blankLine;
        }
        int newline = text.lastIndexOf('\n', limit - 1);
        if (newline >= floor) {
            return newline + 1;
        }
        int space = text.lastIndexOf(' ', limit - 1);
        if (space >= floor) {
            return space + 1;
        }
        return limit;
    }

    /** The index just after the last blank line within [floor, limit), or -1. */
    private static int lastBlankLineEnd(String text, int floor, int limit) {
        for (int i = limit - 1; i >= floor; i--) {
            if (text.charAt(i) == '\n') {
                int j = i - 1;
                while (j >= floor && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) {
                    j--;
                }
                if (j >= floor && text.charAt(j) == '\n') {
                    return i + 1;
                }
            }
        }
        return -1;
    }
}
