package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How scanned pages are read ({@code portal.ocr.*}). Immutable.
 *
 * @param enabled false leaves scanned pages unread, as on a server without Tesseract
 * @param command the Tesseract program: a name looked up on the PATH, or a path
 * @param workers documents read by OCR at the same time, on threads of their own so that text files never wait
 * @param pageTimeout the time one page may take before Tesseract is stopped and the page recorded as failed
 * @param documentTimeout the time one document may take; its pages not started by then are recorded as failed
 * @param memory the address space one Tesseract process may use
 * @param lowConfidence a document whose pages were read with a mean confidence below it is listed for curators
 */
@ConfigurationProperties("portal.ocr")
public record OcrSettings(
        boolean enabled,
        @NotBlank String command,
        @Min(1) @Max(16) int workers,
        @NotNull Duration pageTimeout,
        @NotNull Duration documentTimeout,
        @Min(64L << 20) long memory,
        @Min(0) @Max(100) double lowConfidence) {}
