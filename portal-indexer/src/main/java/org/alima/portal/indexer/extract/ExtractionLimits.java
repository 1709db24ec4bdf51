package org.alima.portal.indexer.extract;

import java.time.Duration;

/**
 * Bounds that keep one hostile or huge file from taking the process down. Immutable.
 *
 * @param timeout wall-clock time allowed for one document
 * @param maxCharacters extracted text beyond this many characters is dropped and the result marked truncated
 * @param maxMainMemoryBytes heap that PDFBox may use for its stream cache; beyond it, temporary files are used
 * @param maxFileBytes files larger than this are refused without being parsed
 */
public record ExtractionLimits(Duration timeout, long maxCharacters, long maxMainMemoryBytes, long maxFileBytes) {

    public ExtractionLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxCharacters < 1 || maxMainMemoryBytes < 0 || maxFileBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: maxCharacters=" + maxCharacters
                    + ", maxMainMemoryBytes=" + maxMainMemoryBytes + ", maxFileBytes=" + maxFileBytes);
        }
    }

    /** 60 s, 5 million characters, 16 MiB of heap for the stream cache, 512 MiB files. */
    public static ExtractionLimits defaults() {
        return new ExtractionLimits(Duration.ofSeconds(60), 5_000_000, 16L << 20, 512L << 20);
    }
}
