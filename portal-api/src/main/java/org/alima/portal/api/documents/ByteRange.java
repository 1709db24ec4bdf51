package org.alima.portal.api.documents;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a file of known length (RFC 9110 section 14), inclusive at both ends. Immutable.
 */
record ByteRange(long first, long last) {

    /** At most 18 digits: any such number fits a long, and no stored file is longer. */
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("a byte range needs 0 <= first <= last, got " + first + "-" + last);
        }
    }

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Reads a Range header for a file of {@code size} bytes.
     *
     * @return empty to send the whole file: a header that is not one single byte range (several ranges, other
     *     units, bad syntax) is ignored, as RFC 9110 allows
     * @throws Unsatisfiable when the header is a single byte range that lies wholly past the end of the file
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches()
                || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (matcher.group(1).isEmpty()) {
            // bytes=-N: the last N bytes.
            long suffix = Long.parseLong(matcher.group(2));
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable(size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = Long.parseLong(matcher.group(1));
        long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
        if (first >= size) {
            throw new Unsatisfiable(size);
        }
        if (last < first) {
            return Optional.empty();
        }
        return Optional.of(new ByteRange(first, last));
    }

    /** No byte of the asked range exists: answered 416 with {@code Content-Range: bytes *}{@code /size}. */
    static final class Unsatisfiable extends RuntimeException {
        private final long size;

        Unsatisfiable(long size) {
            super("the requested range starts beyond the file's " + size + " bytes");
            this.size = size;
        }

        long size() {
            return size;
        }
    }
}
