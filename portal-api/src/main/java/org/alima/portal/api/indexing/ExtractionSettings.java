package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.alima.portal.indexer.extract.ExtractionLimits;

/**
 * Bounds of text extraction for one document ({@code portal.extraction.*}). Immutable.
 *
 * <p>PDFBox keeps up to {@code maxHeapPerDocument} of a PDF's decoded streams in memory and the rest in scratch files
 * under {@code java.io.tmpdir} (portal-indexer offers no other place for them): start the JVM with
 * {@code -Djava.io.tmpdir=<dataDir>/tmp} to keep them on the data disk.
 *
 * @param timeout wall-clock time allowed for one document; a document over it fails as {@code TIMEOUT}, which is
 *     tried again twice at most. Must stay well below {@code portal.indexing.lease}.
 * @param maxCharacters text past this many characters is left out of search (the document is marked truncated)
 * @param maxHeapPerDocument heap for PDFBox's stream cache per document, beyond which it uses scratch files
 */
@ConfigurationProperties("portal.extraction")
public record ExtractionSettings(
        @NotNull Duration timeout,
        @Min(1_000) @Max(100_000_000) long maxCharacters,
        @ReadableBytes @Min(0) long maxHeapPerDocument) {

    ExtractionLimits limits() {
        return new ExtractionLimits(
                timeout,
                maxCharacters,
                maxHeapPerDocument,
                ExtractionLimits.defaults().maxFileBytes());
    }
}
